/**
 * Turns a space (and a thread or post in it) into the policy's targets for one actor: whether a private
 * space invited them, and whether they accepted a safe space's rules, are database questions, so they are
 * answered here and nowhere else.
 */
import { db, type Tx } from '~/lib/db.server'
import type { Actor, PostTarget, SpaceTarget, ThreadTarget } from '~/lib/policy'

export interface SpaceAccessRow {
  id: string
  visibility: SpaceTarget['visibility']
  safeSpace: boolean
  archivedAt: Date | null
}
/** `slug` rides along so a refusal can send the reader to the space's rules (RulesFirstError). */
export const SPACE_ACCESS_SELECT = { id: true, slug: true, visibility: true, safeSpace: true, archivedAt: true } as const

function activeOrgIds(actor: Actor) {
  return actor.memberships.filter((m) => m.status === 'ACTIVE').map((m) => m.orgId)
}

/** Which of these private spaces invited the actor (personally or through one of their organizations). */
export async function invitedSpaceIds(actor: Actor | null, spaceIds: string[], client: Tx = db): Promise<Set<string>> {
  if (!actor || spaceIds.length === 0) return new Set()
  const orgIds = activeOrgIds(actor)
  const rows = await client.spaceInvitation.findMany({
    where: { spaceId: { in: spaceIds }, OR: [{ userId: actor.id }, ...(orgIds.length ? [{ orgId: { in: orgIds } }] : [])] },
    select: { spaceId: true },
  })
  return new Set(rows.map((r) => r.spaceId))
}

/** Which of these safe spaces' rules the actor has accepted. */
export async function acceptedRulesSpaceIds(actor: Actor | null, spaceIds: string[], client: Tx = db): Promise<Set<string>> {
  if (!actor || spaceIds.length === 0) return new Set()
  const rows = await client.spaceMember.findMany({
    where: { userId: actor.id, spaceId: { in: spaceIds }, rulesAcceptedAt: { not: null } },
    select: { spaceId: true },
  })
  return new Set(rows.map((r) => r.spaceId))
}

export function toSpaceTarget(space: SpaceAccessRow, invited: boolean, rulesAccepted: boolean): SpaceTarget {
  return { id: space.id, visibility: space.visibility, safeSpace: space.safeSpace, archived: !!space.archivedAt, invited, rulesAccepted }
}

/** The policy target for one space as `actor` sees it. */
export async function spaceTarget(actor: Actor | null, space: SpaceAccessRow, client: Tx = db): Promise<SpaceTarget> {
  return (await spaceTargets(actor, [space], client)).get(space.id)!
}

/** Policy targets for many spaces at once (lists), with at most one query each for invitations and rules. */
export async function spaceTargets(actor: Actor | null, spaces: SpaceAccessRow[], client: Tx = db): Promise<Map<string, SpaceTarget>> {
  // One after the other: `client` may be an interactive transaction, which runs one query at a time.
  const invited = await invitedSpaceIds(
    actor,
    spaces.filter((s) => s.visibility === 'PRIVATE').map((s) => s.id),
    client,
  )
  const accepted = await acceptedRulesSpaceIds(
    actor,
    spaces.filter((s) => s.safeSpace).map((s) => s.id),
    client,
  )
  return new Map(spaces.map((s) => [s.id, toSpaceTarget(s, invited.has(s.id), accepted.has(s.id))]))
}

export interface ThreadAccessRow {
  authorId: string | null
  lockedAt: Date | null
  closedAt: Date | null
  hiddenAt: Date | null
}
export const THREAD_ACCESS_SELECT = { authorId: true, lockedAt: true, closedAt: true, hiddenAt: true } as const

/** A thread's states as the pages show them, from the moments they began (null: not so). */
export function threadFlags(thread: { pinnedAt: Date | null; lockedAt: Date | null; closedAt: Date | null; hiddenAt: Date | null }) {
  return { pinned: !!thread.pinnedAt, locked: !!thread.lockedAt, closed: !!thread.closedAt, hidden: !!thread.hiddenAt }
}

export function toThreadTarget(space: SpaceTarget, thread: ThreadAccessRow): ThreadTarget {
  return { space, authorId: thread.authorId, locked: !!thread.lockedAt, closed: !!thread.closedAt, hidden: !!thread.hiddenAt }
}

export interface PostAccessRow {
  authorId: string | null
  status: PostTarget['status']
  deletedAt: Date | null
}
export const POST_ACCESS_SELECT = { authorId: true, status: true, deletedAt: true } as const

export function toPostTarget(thread: ThreadTarget, post: PostAccessRow): PostTarget {
  return { thread, authorId: post.authorId, status: post.status, deleted: !!post.deletedAt }
}

/** Loads a thread with its space and returns the policy target, or null when the thread does not exist. */
export async function threadTargetById(actor: Actor | null, threadId: string, client: Tx = db) {
  const thread = await client.thread.findUnique({
    where: { id: threadId },
    select: { ...THREAD_ACCESS_SELECT, id: true, spaceId: true, space: { select: SPACE_ACCESS_SELECT } },
  })
  if (!thread) return null
  return { thread, target: toThreadTarget(await spaceTarget(actor, thread.space, client), thread) }
}

/** Loads a post with its thread and space and returns the policy target, or null when it does not exist. */
export async function postTargetById(actor: Actor | null, postId: string, client: Tx = db) {
  const post = await client.post.findUnique({
    where: { id: postId },
    select: {
      ...POST_ACCESS_SELECT,
      id: true,
      number: true,
      threadId: true,
      thread: { select: { ...THREAD_ACCESS_SELECT, id: true, spaceId: true, space: { select: SPACE_ACCESS_SELECT } } },
    },
  })
  if (!post) return null
  const threadTarget = toThreadTarget(await spaceTarget(actor, post.thread.space, client), post.thread)
  return { post, target: toPostTarget(threadTarget, post) }
}
