/**
 * Demo data: themes, a dozen organizations, one account per role, and topic spaces with conversations. `seedIfEmpty` runs at start on an
 * empty database; `npm run db:seed` adds whatever is missing (idempotent).
 */
import { hashPassword } from '../app/modules/auth/password.server.ts'
import { db } from '../app/lib/db.server.ts'
import { nameSkeleton } from '../app/lib/skeleton.server.ts'
import { backfillAllNameSkeletons } from '../app/modules/moderation/name-flags.server.ts'
import { DEMO_PASSWORD, DEMO_USERS, ORGS, THEMES } from './demo-data.ts'
import { seedDiscussions } from './seed-discussions.ts'
import { seedProfiles } from './seed-people.ts'

export async function seed({
  printCredentials = true,
  log = console.log,
}: { url?: string; printCredentials?: boolean; log?: (m: string) => void } = {}) {
  for (const [i, [slug, nameTr, nameEn]] of THEMES.entries()) {
    await db.theme.upsert({ where: { slug }, update: { nameTr, nameEn, position: i }, create: { slug, nameTr, nameEn, position: i } })
  }
  const themeIds = new Map((await db.theme.findMany()).map((t) => [t.slug, t.id]))
  for (const o of ORGS) {
    await db.organization.upsert({
      where: { slug: o.slug },
      update: {},
      create: {
        slug: o.slug,
        name: o.name,
        type: o.type,
        status: 'APPROVED',
        city: o.city,
        country: o.country,
        website: o.website ?? null,
        descriptionTr: o.tr,
        descriptionEn: o.en,
        decidedAt: new Date(),
        themes: { create: o.themes.map((slug) => ({ themeId: themeIds.get(slug)! })) },
      },
    })
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: {},
      create: {
        email: u.email,
        name: u.name,
        nameSkeleton: nameSkeleton(u.name),
        role: u.role,
        locale: u.locale,
        passwordHash,
        emailVerifiedAt: new Date(),
      },
    })
    const org = await db.organization.findUniqueOrThrow({ where: { slug: u.org } })
    await db.membership.upsert({
      where: { userId_orgId: { userId: user.id, orgId: org.id } },
      update: {},
      create: { userId: user.id, orgId: org.id, role: u.orgRole, status: 'ACTIVE', decidedAt: new Date() },
    })
  }
  await seedDiscussions()
  await seedProfiles()
  // Accounts from before name skeletons existed (an older demo database) get theirs here.
  await backfillAllNameSkeletons()
  if (printCredentials) log(credentialsBanner())
}

export function credentialsBanner() {
  const rows = DEMO_USERS.map((u) => `  ${u.role.padEnd(9)} ${(u.orgRole === 'ADMIN' ? 'org admin' : 'org member').padEnd(10)} ${u.email}`)
  return [
    '',
    '┌ Demo data loaded. Sign in with any of these accounts (password for all: ' + DEMO_PASSWORD + '):',
    ...rows,
    '└ This message is shown once, when the demo data is created. The README lists them too.',
    '',
  ].join('\n')
}

export async function seedIfEmpty({ log = console.log }: { url?: string; log?: (m: string) => void } = {}) {
  if ((await db.user.count()) > 0) return false
  log('Empty database: loading the demo community …')
  await seed({ log })
  return true
}

if (import.meta.main) {
  const { withDatabase } = await import('../server/db/db-boot.ts')
  const { applyMigrations } = await import('../server/db/schema-engine.ts')
  await withDatabase(async (url) => {
    await applyMigrations(url)
    await seed()
    const { disconnectDb } = await import('../app/lib/db.server.ts')
    await disconnectDb()
  })
}
