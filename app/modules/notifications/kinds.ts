/**
 * What each kind of notification carries and how it reads. A notification stores names as they were
 * when it happened (an org renamed later still reads sensibly), and the page turns kind + data into a
 * translated sentence and a link. Shared by server and browser: no database here.
 */

export interface OrgRef {
  orgId: string
  orgSlug: string
  orgName: string
}

export interface NotificationData {
  'membership.requested': OrgRef & { userId: string; userName: string }
  'membership.approved': OrgRef
  'membership.declined': OrgRef & { reason?: string }
  'membership.roleChanged': OrgRef & { role: 'MEMBER' | 'ADMIN' }
  'membership.removed': OrgRef & { reason?: string }
  'org.submitted': OrgRef & { userName: string }
  'org.approved': OrgRef
  'org.rejected': OrgRef & { reason?: string }
}
export type NotificationKind = keyof NotificationData

export const NOTIFICATION_KINDS = [
  'membership.requested',
  'membership.approved',
  'membership.declined',
  'membership.roleChanged',
  'membership.removed',
  'org.submitted',
  'org.approved',
  'org.rejected',
] as const satisfies readonly NotificationKind[]

export interface DescribedNotification {
  /** translation key of the sentence */
  key: string
  vars: Record<string, string>
  /** where following the notification leads (always a path on this site) */
  href: string
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const str = (v: unknown) => (typeof v === 'string' ? v : '')

function record(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
}

export function describeNotification(kind: string, data: unknown): DescribedNotification {
  const d = record(data)
  const slug = str(d.orgSlug)
  const orgPath = SLUG.test(slug) ? `/orgs/${slug}` : null
  const vars = { org: str(d.orgName), name: str(d.userName), reason: str(d.reason) }
  const k = (suffix: string) => `notifications.kinds.${suffix}`
  switch (kind as NotificationKind) {
    case 'membership.requested':
      return { key: k('membership.requested'), vars, href: orgPath ? `${orgPath}/members` : '/notifications' }
    case 'membership.approved':
      return { key: k('membership.approved'), vars, href: orgPath ?? '/notifications' }
    case 'membership.declined':
      return { key: k(vars.reason ? 'membership.declinedReason' : 'membership.declined'), vars, href: orgPath ?? '/orgs' }
    case 'membership.roleChanged':
      return {
        key: k(d.role === 'ADMIN' ? 'membership.roleChangedAdmin' : 'membership.roleChangedMember'),
        vars,
        href: orgPath ?? '/notifications',
      }
    case 'membership.removed':
      return { key: k(vars.reason ? 'membership.removedReason' : 'membership.removed'), vars, href: orgPath ?? '/orgs' }
    case 'org.submitted':
      // Platform admins decide in the admin area's queue.
      return { key: k('org.submitted'), vars, href: '/admin/orgs' }
    case 'org.approved':
      return { key: k('org.approved'), vars, href: orgPath ?? '/orgs' }
    case 'org.rejected':
      return { key: k(vars.reason ? 'org.rejectedReason' : 'org.rejected'), vars, href: orgPath ?? '/orgs' }
    default:
      return { key: k('unknown'), vars, href: '/notifications' }
  }
}
