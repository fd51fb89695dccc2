/**
 * What a signed-in person is told when a space (or a thread in it) is closed to them (issue 10, item 4):
 * why, and whom to ask — the space's moderators, the organizations it is open to (with "ask to join"
 * where the policy offers it). Only on the refusal path, never on a page that renders.
 *
 * What it reveals is what the person could learn anyway from the link they hold and the public
 * organization directory; a safe space reveals nothing (not its name, not who moderates it).
 */
import { json } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { spaceTarget, SPACE_ACCESS_SELECT } from './access.server'
import type { RefusalReason, SpaceRefusal } from './refusal'

const MAX_LISTED = 8

export async function spaceRefusal(actor: Actor, spaceSlug: string, { threadHidden = false } = {}): Promise<SpaceRefusal | null> {
  const space = await db.space.findUnique({ where: { slug: spaceSlug }, select: { ...SPACE_ACCESS_SELECT, nameTr: true, nameEn: true } })
  if (!space) return null
  const target = await spaceTarget(actor, space)
  const communityMember = actor.memberships.some((m) => m.status === 'ACTIVE' && m.orgApproved)
  const reason: RefusalReason = actor.suspended
    ? 'suspended'
    : !actor.verified
      ? 'unverified'
      : space.visibility === 'PRIVATE' && !target.invited
        ? 'private'
        : space.safeSpace && !communityMember
          ? 'community'
          : threadHidden && can(actor, 'space.view', target)
            ? 'hidden'
            : 'other'
  if (space.safeSpace) return { reason, space: null, moderators: [], orgs: [] }
  const [moderators, invitations] = await Promise.all([
    db.spaceMember.findMany({
      where: { spaceId: space.id, role: 'MODERATOR', user: { OR: [{ suspendedUntil: null }, { suspendedUntil: { lt: new Date() } }] } },
      select: { user: { select: { name: true } } },
      orderBy: { joinedAt: 'asc' },
      take: MAX_LISTED,
    }),
    reason === 'private'
      ? db.spaceInvitation.findMany({
          where: { spaceId: space.id, org: { status: 'APPROVED' } },
          select: { org: { select: { id: true, slug: true, name: true, status: true, createdById: true } } },
          take: MAX_LISTED,
        })
      : [],
  ])
  const orgs = invitations.flatMap(({ org }) => {
    if (!org) return []
    const pending = actor.memberships.some((m) => m.orgId === org.id && m.status === 'PENDING')
    const standing = pending ? ('pending' as const) : can(actor, 'org.requestJoin', org) ? ('canAsk' as const) : ('none' as const)
    return [{ slug: org.slug, name: org.name, standing }]
  })
  return {
    reason,
    space: { slug: space.slug, nameTr: space.nameTr, nameEn: space.nameEn },
    moderators: moderators.map((m) => ({ name: m.user.name })),
    orgs: orgs.sort((a, b) => a.name.localeCompare(b.name, 'tr')),
  }
}

/** The 403 a loader throws: rendered by the error boundary inside the site's shell (ErrorPage). */
export async function refusedResponse(actor: Actor, spaceSlug: string | undefined, options: { threadHidden?: boolean } = {}) {
  const refusal = spaceSlug ? await spaceRefusal(actor, spaceSlug, options) : null
  return json({ refusal }, { status: 403, headers: { 'Cache-Control': 'no-store' } })
}
