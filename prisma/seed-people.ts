/** Fills in the demo people's profiles (prisma/demo-people.ts) where they are still empty: idempotent. */
import { db } from '../app/lib/db.server.ts'
import { renderMarkdown } from '../app/modules/content/markdown.server.ts'
import { storeImageFile } from '../app/modules/content/stored-images.server.ts'
import { DEMO_PROFILES, silhouettePng } from './demo-people.ts'

export async function seedProfiles() {
  for (const [email, p] of Object.entries(DEMO_PROFILES)) {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, about: true, avatarPath: true } })
    if (!user || user.about) continue
    const avatarPath =
      p.picture && !user.avatarPath ? await storeImageFile('avatars', silhouettePng(p.picture.bg, p.picture.fg), 'png') : null
    await db.user.update({
      where: { id: user.id },
      data: {
        about: p.about,
        aboutHtml: renderMarkdown(p.about).html,
        city: p.city,
        languages: p.languages,
        profileVisibility: p.visibility,
        showOrganizations: p.showOrganizations,
        showRecentPosts: p.showRecentPosts,
        ...(avatarPath ? { avatarPath } : {}),
      },
    })
  }
}
