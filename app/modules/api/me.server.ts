/** The signed-in person's own account, as the API reads and changes it. */
import { db } from '~/lib/db.server'
import { isLocale, type Locale } from '~/lib/i18n'
import { updateUserRecordingName } from '~/modules/moderation/name-flags.server'

const meSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  locale: true,
  timeZone: true,
  notifyByEmail: true,
  emailVerifiedAt: true,
  memberships: {
    orderBy: { createdAt: 'asc' },
    select: { role: true, status: true, org: { select: { slug: true, name: true } } },
  },
} as const

export async function loadMe(userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: meSelect })
  const { emailVerifiedAt, locale, ...rest } = user
  return { ...rest, locale: isLocale(locale) ? locale : null, emailVerified: !!emailVerifiedAt }
}

export interface MePatch {
  name?: string
  /** null: follow the browser's language again */
  locale?: Locale | null
  timeZone?: string
  notifyByEmail?: boolean
}

/** Applies only the fields present; an empty patch changes nothing and answers the account as it is. */
export async function updateMe(userId: string, patch: MePatch) {
  const data = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as MePatch
  if (Object.keys(data).length) await updateUserRecordingName(userId, data)
  return loadMe(userId)
}
