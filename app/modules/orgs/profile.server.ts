/** What an organization's page shows, and to whom. */
import { db } from '~/lib/db.server'
import type { Locale } from '~/lib/i18n'
import { can, type Actor } from '~/lib/policy'
import { getOrganizationBySlug, type OrgDetail } from './directory.server'
import { memberNames, pendingRequestCount } from './membership.server'

/** The organization if this actor may see it; pending and rejected ones are invisible to strangers. */
export async function findVisibleOrg(slug: string, actor: Actor | null): Promise<OrgDetail | null> {
  const org = await getOrganizationBySlug(slug)
  return org && can(actor, 'org.view', org) ? org : null
}

export interface ProfileViewer {
  signedIn: boolean
  verified: boolean
  membership: { status: 'PENDING' | 'ACTIVE' | 'DECLINED'; role: 'MEMBER' | 'ADMIN' } | null
  canJoin: boolean
  canLeave: boolean
  canEdit: boolean
  canManage: boolean
  isPlatformAdmin: boolean
}

export async function loadProfile(slug: string, actor: Actor | null, locale: Locale) {
  const org = await findVisibleOrg(slug, actor)
  if (!org) return null
  const own = actor?.memberships.find((m) => m.orgId === org.id) ?? null
  const membership = own ? { status: own.status, role: own.role } : null
  const viewer: ProfileViewer = {
    signedIn: !!actor,
    verified: !!actor?.verified,
    membership,
    canJoin: can(actor, 'org.requestJoin', org),
    canLeave: !!actor && !!own && own.status !== 'DECLINED' && can(actor, 'org.removeMember', { org, userId: actor.id, role: own.role }),
    canEdit: can(actor, 'org.edit', org),
    canManage: can(actor, 'org.manageMembers', org),
    isPlatformAdmin: can(actor, 'admin.access', null),
  }
  const [members, pendingCount] = await Promise.all([
    // Names are for the community; the count is public.
    can(actor, 'org.viewMembers', org) ? memberNames(org.id, locale) : Promise.resolve(null),
    viewer.canManage ? pendingRequestCount(org.id) : Promise.resolve(0),
  ])
  return { org, viewer, members, pendingCount }
}

/** Where an organization's logo is, if there is one and this actor may see the organization. */
export async function logoSource(slug: string, actor: Actor | null) {
  if (!slug || slug.length > 200) return null
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true, status: true, createdById: true, logoPath: true } })
  if (!org?.logoPath || !can(actor, 'org.view', org)) return null
  return { logoPath: org.logoPath, public: org.status === 'APPROVED' }
}
