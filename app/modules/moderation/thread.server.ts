/** What the thread moderation page shows: the thread's state and where it may be moved. */
import { db } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { auditForTarget } from '~/modules/admin/audit.server'
import { SPACE_ACCESS_SELECT, spaceTargets, threadFlags, threadTargetById } from '~/modules/spaces/access.server'

export async function loadThreadForModeration(actor: Actor, threadId: string) {
  const found = await threadTargetById(actor, threadId)
  if (!found || !can(actor, 'thread.view', found.target)) return { status: 404 as const }
  if (!can(actor, 'thread.moderate', found.target)) return { status: 403 as const }
  const thread = await db.thread.findUniqueOrThrow({
    where: { id: threadId },
    select: {
      id: true,
      title: true,
      postCount: true,
      pinnedAt: true,
      lockedAt: true,
      closedAt: true,
      hiddenAt: true,
      space: { select: { id: true, slug: true, nameTr: true, nameEn: true } },
    },
  })
  // Destinations: every other open space this person moderates (the policy decides, space by space).
  const candidates = await db.space.findMany({
    where: { id: { not: thread.space.id }, archivedAt: null },
    orderBy: [{ position: 'asc' }, { nameTr: 'asc' }],
    select: { ...SPACE_ACCESS_SELECT, nameTr: true, nameEn: true },
  })
  const targets = await spaceTargets(actor, candidates)
  const destinations = candidates.filter((s) => can(actor, 'thread.move', { from: found.target.space, to: targets.get(s.id)! }))
  const history = await auditForTarget('thread', thread.id)
  return {
    status: 200 as const,
    thread: {
      id: thread.id,
      title: thread.title,
      postCount: thread.postCount,
      ...threadFlags(thread),
      space: thread.space,
    },
    destinations: destinations.map((s) => ({ id: s.id, nameTr: s.nameTr, nameEn: s.nameEn })),
    history: history.map((h) => ({ id: h.id, action: h.action, reason: h.reason, createdAt: h.createdAt, actor: h.actor?.name ?? null })),
  }
}
