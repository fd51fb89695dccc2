/** Labels the admin pages share (browser-safe: no server imports). */
import type { TFunction } from '~/lib/i18n'
import type { MailStatus, PlatformRole } from '~/generated/prisma/enums'

// Shared by loaders and forms, so they live here and not in a .server module (which the browser never gets).
export const PLATFORM_ROLES = ['MEMBER', 'MODERATOR', 'ADMIN'] as const satisfies readonly PlatformRole[]
export const MAIL_STATUSES = ['PENDING', 'SENT', 'HELD', 'FAILED'] as const satisfies readonly MailStatus[]

export function targetTypeLabel(t: TFunction, targetType: string) {
  const key = `admin.audit.targetTypes.${targetType.toLowerCase()}`
  const label = t(key)
  return label === key ? targetType : label
}

/** Where an audit entry's target can be looked at, if anywhere. */
export function targetHref(entry: { targetType: string; targetId: string; data: unknown }) {
  const type = entry.targetType.toLowerCase()
  if (type === 'user') return `/admin/users/${entry.targetId}`
  if (type === 'mail') return `/admin/mail/${entry.targetId}`
  if (type === 'organization') {
    const slug = (entry.data as { slug?: unknown } | null)?.slug
    return typeof slug === 'string' ? `/orgs/${slug}` : null
  }
  return null
}
