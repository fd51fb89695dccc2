/**
 * The profile settings page (/settings/public-profile): the "about" text (Markdown, rendered once through
 * the posts' sanitizer when saved), city and languages, and what the profile shows to whom.
 */
import { db } from '~/lib/db.server'
import { assertCan, type Actor } from '~/lib/policy'
import { checkbox, optionalText, z } from '~/lib/validation'
import { renderMarkdown } from '~/modules/content/markdown.server'
import { ABOUT_MAX, CITY_MAX } from './form'
import { LANGUAGE_CODES } from './languages'

export const profileSettingsSchema = z.object({
  about: optionalText(ABOUT_MAX),
  city: optionalText(CITY_MAX).refine((s) => !s?.includes('\n'), { message: 'validation.invalid' }),
  languages: z.array(z.enum(LANGUAGE_CODES, { message: 'validation.choice' })).max(LANGUAGE_CODES.length),
  visibility: z.enum(['PUBLIC', 'MEMBERS'], { message: 'validation.choice' }),
  showOrganizations: checkbox,
  showRecentPosts: checkbox,
})
export type ProfileSettingsInput = z.infer<typeof profileSettingsSchema>

export function getProfileSettings(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      handle: true,
      about: true,
      city: true,
      languages: true,
      avatarPath: true,
      profileVisibility: true,
      showOrganizations: true,
      showRecentPosts: true,
    },
  })
}

export async function updateProfileSettings(actor: Actor, input: ProfileSettingsInput) {
  assertCan(actor, 'account.manage', null)
  const about = input.about ?? ''
  await db.user.update({
    where: { id: actor.id },
    data: {
      about,
      // Mentions stay plain text here: an "about" text notifies nobody.
      aboutHtml: about ? renderMarkdown(about).html : '',
      city: input.city ?? null,
      languages: [...new Set(input.languages)],
      profileVisibility: input.visibility,
      showOrganizations: input.showOrganizations,
      showRecentPosts: input.showRecentPosts,
    },
  })
}
