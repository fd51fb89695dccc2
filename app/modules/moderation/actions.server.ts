/**
 * Moderators' decisions on posts and threads. Each one is a single transaction that changes the post or
 * thread, writes the audit entry (with the space, so that space's moderators read it in their log),
 * settles the open reports it answers and records whom to tell as an outbox event: the job worker writes
 * those notifications and mails (docs/decisions/014-event-outbox.md). Live events go out after commit.
 */
import type { AuditAction } from '~/modules/audit/codes'
import { db, type Tx } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { toFieldErrors, type FieldErrors } from '~/lib/validation'
import { suspendUser } from '~/modules/admin/suspend.server'
import { writeAudit } from '~/modules/audit/write.server'
import { makePostVisible } from '~/modules/discussions/posting.server'
import { publish, type DomainEvents } from '~/modules/events/bus.server'
import { nudgeOutbox, recordEvent, threadStream, type Notice } from '~/modules/events/outbox.server'
import { announce } from '~/modules/notifications/notifications.server'
import { postTargetById, SPACE_ACCESS_SELECT, spaceTarget, threadTargetById } from '~/modules/spaces/access.server'
import { resolveAlerts } from './alerts.server'
import { postActionSchema, threadActionSchema, type PostAction, type ThreadAction, type ThreadIntent } from './shared'

export type ActionResult = { ok: true } | { ok: false; errors: FieldErrors } | { ok: false; error: string; status: 403 | 404 | 409 }

const refuse = (error: string, status: 403 | 404 | 409) => ({ ok: false as const, error, status })

/** Thrown inside a transaction when the state changed under us (someone else decided first): rolls back. */
class Conflict extends Error {
  constructor(public key = 'moderation.errors.noChange') {
    super(key)
  }
}

/**
 * Runs the decision; the notices it returns are recorded as one outbox event in the same transaction
 * (on the thread's stream, so they follow the thread's earlier events), and the worker is nudged.
 */
async function inTransaction(
  action: string,
  threadId: string,
  fn: (tx: Tx) => Promise<Notice[]>,
): Promise<{ ok: true } | { ok: false; error: string; status: 409 }> {
  let moderators: string[]
  try {
    moderators = await db.$transaction(async (tx) => {
      const notices = await fn(tx)
      await recordEvent(tx, 'moderation.decided', threadStream(threadId), { action, notices })
      // What no longer waits stops alerting every moderator (their bells and counts), in the same commit.
      return resolveAlerts(tx, threadId)
    })
  } catch (e) {
    if (e instanceof Conflict) return { ok: false, error: e.key, status: 409 }
    throw e
  }
  nudgeOutbox()
  announce(moderators)
  return { ok: true }
}

/** A notice for `userId` unless they took the decision themselves. */
function tell(actor: Actor, userId: string | null, notice: Omit<Notice, 'userId'>): Notice[] {
  return !userId || userId === actor.id ? [] : [{ ...notice, userId }]
}

const reasonOf = (reason: string | null) => (reason ? { reason } : {})

/**
 * Settles the open reports on these posts and tells each reporter the outcome (never who decided or why:
 * that is between the moderator and the author). Returns the notices.
 */
async function settleReports(
  tx: Tx,
  actor: Actor,
  postIds: string[],
  outcome: 'hidden' | 'kept',
  status: 'RESOLVED' | 'DISMISSED',
  resolution: string,
) {
  const open = await tx.report.findMany({
    where: { postId: { in: postIds }, status: 'OPEN' },
    select: { id: true, postId: true, reporterId: true },
  })
  if (!open.length) return { settled: 0, notices: [] as Notice[] }
  await tx.report.updateMany({
    where: { id: { in: open.map((r) => r.id) } },
    data: { status, resolvedById: actor.id, resolvedAt: new Date(), resolution },
  })
  const notices: Notice[] = []
  const seen = new Set<string>()
  for (const r of open) {
    const key = `${r.reporterId}:${r.postId}`
    if (!r.reporterId || seen.has(key)) continue
    seen.add(key)
    notices.push(...tell(actor, r.reporterId, { kind: 'report.resolved', postId: r.postId, outcome }))
  }
  return { settled: open.length, notices }
}

/**
 * Keeps the "visible posts" counters true when a post leaves or joins the visible set. A hidden thread's
 * posts are already out of the space's counts, so only the thread's own count moves then.
 */
async function countPost(tx: Tx, post: { id: string; threadId: string; parentId: string | null }, delta: 1 | -1) {
  const thread = await tx.thread.update({
    where: { id: post.threadId },
    data: { postCount: { increment: delta } },
    select: { spaceId: true, hiddenAt: true },
  })
  if (!thread.hiddenAt) await tx.space.update({ where: { id: thread.spaceId }, data: { postCount: { increment: delta } } })
  if (post.parentId) await tx.post.update({ where: { id: post.parentId }, data: { replyCount: { increment: delta } } })
}

const POST_SELECT = {
  id: true,
  number: true,
  status: true,
  parentId: true,
  threadId: true,
  authorId: true,
  author: { select: { id: true, role: true } },
  thread: { select: { spaceId: true } },
} as const

function postEvent(
  post: { id: string; number: number; threadId: string; thread: { spaceId: string } },
  change: DomainEvents['post.changed']['change'],
) {
  publish('post.changed', { spaceId: post.thread.spaceId, threadId: post.threadId, postId: post.id, number: post.number, change })
}

export async function moderatePost(actor: Actor, postId: string, raw: Record<string, unknown>): Promise<ActionResult> {
  const parsed = postActionSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) }
  const input: PostAction = parsed.data
  const found = await postTargetById(actor, postId)
  if (!found || !can(actor, 'post.view', found.target)) return refuse('moderation.errors.postNotFound', 404)
  if (!can(actor, 'post.moderate', found.target)) return refuse('moderation.errors.forbidden', 403)
  const post = await db.post.findUniqueOrThrow({ where: { id: postId }, select: POST_SELECT })
  const spaceId = post.thread.spaceId
  const reason = input.reason ?? null
  const audit = (tx: Tx, action: AuditAction, data: Record<string, string | number | null> = {}) =>
    writeAudit(tx, {
      actorId: actor.id,
      action,
      targetType: 'post',
      targetId: post.id,
      reason,
      spaceId,
      data: { number: post.number, threadId: post.threadId, ...data },
    })

  switch (input.intent) {
    case 'hide':
    case 'reject': {
      const from = input.intent === 'hide' ? 'VISIBLE' : 'PENDING'
      const r = await inTransaction(`post.${input.intent}`, post.threadId, async (tx) => {
        const changed = await tx.post.updateMany({ where: { id: post.id, status: from }, data: { status: 'HIDDEN', hiddenReason: reason } })
        if (!changed.count) throw new Conflict(input.intent === 'hide' ? 'moderation.errors.notVisible' : 'moderation.errors.notPending')
        if (from === 'VISIBLE') await countPost(tx, post, -1)
        // A rejected opening post leaves nothing to read: its thread goes out of sight with it.
        else if (post.number === 1) await tx.thread.update({ where: { id: post.threadId }, data: { hiddenAt: new Date() } })
        await audit(tx, input.intent === 'hide' ? 'post.hide' : 'post.reject')
        const reports = await settleReports(tx, actor, [post.id], 'hidden', 'RESOLVED', input.intent)
        const kind = input.intent === 'hide' ? 'moderation.postHidden' : 'moderation.postRejected'
        return [...reports.notices, ...tell(actor, post.authorId, { kind, postId: post.id, ...reasonOf(reason) })]
      })
      if (!r.ok) return r
      postEvent(post, 'hidden')
      return { ok: true }
    }
    case 'restore': {
      const r = await inTransaction('post.restore', post.threadId, async (tx) => {
        const changed = await tx.post.updateMany({
          where: { id: post.id, status: 'HIDDEN' },
          data: { status: 'VISIBLE', hiddenReason: null },
        })
        if (!changed.count) throw new Conflict('moderation.errors.notHidden')
        await countPost(tx, post, 1)
        await audit(tx, 'post.restore')
        const reports = await settleReports(tx, actor, [post.id], 'kept', 'RESOLVED', 'restore')
        return [...reports.notices, ...tell(actor, post.authorId, { kind: 'moderation.postRestored', postId: post.id })]
      })
      if (!r.ok) return r
      postEvent(post, 'restored')
      return { ok: true }
    }
    case 'approve': {
      const r = await inTransaction('post.approve', post.threadId, async (tx) => {
        // Made visible with its own outbox event first: its readers hear of it as of a new post.
        if (!(await makePostVisible(tx, post.id))) throw new Conflict('moderation.errors.notPending')
        await audit(tx, 'post.approve')
        const reports = await settleReports(tx, actor, [post.id], 'kept', 'RESOLVED', 'approve')
        return [...reports.notices, ...tell(actor, post.authorId, { kind: 'moderation.postApproved', postId: post.id })]
      })
      if (!r.ok) return r
      postEvent(post, 'approved')
      if (post.number === 1) publish('thread.created', { spaceId, threadId: post.threadId })
      return { ok: true }
    }
    case 'dismiss': {
      const r = await inTransaction('report.dismiss', post.threadId, async (tx) => {
        const reports = await settleReports(tx, actor, [post.id], 'kept', 'DISMISSED', reason ?? 'dismiss')
        if (!reports.settled) throw new Conflict('moderation.errors.noReports')
        await writeAudit(tx, {
          actorId: actor.id,
          action: 'report.dismiss',
          targetType: 'post',
          targetId: post.id,
          reason,
          spaceId,
          data: { number: post.number, threadId: post.threadId, reports: reports.settled },
        })
        return reports.notices
      })
      if (!r.ok) return r
      return { ok: true }
    }
    case 'warn': {
      if (!post.author) return refuse('moderation.errors.noAuthor', 409)
      if (!can(actor, 'user.warn', { space: found.target.thread.space, user: post.author }))
        return refuse('moderation.errors.cannotWarn', 403)
      const author = post.author
      const r = await inTransaction('user.warn', post.threadId, async (tx) => {
        await writeAudit(tx, {
          actorId: actor.id,
          action: 'user.warn',
          targetType: 'user',
          targetId: author.id,
          reason,
          spaceId,
          data: { postId: post.id, number: post.number, threadId: post.threadId },
        })
        return tell(actor, author.id, { kind: 'moderation.warned', spaceId, reason: reason ?? '' })
      })
      if (!r.ok) return r
      return { ok: true }
    }
    case 'suspend': {
      if (!post.author) return refuse('moderation.errors.noAuthor', 409)
      if (!can(actor, 'user.suspend', post.author)) return refuse('moderation.errors.cannotSuspend', 403)
      // The admin area's suspension: it ends the person's sessions and mails them why and until when.
      const result = await suspendUser(
        actor,
        post.author.id,
        { duration: input.duration!, reason: reason ?? '' },
        { spaceId, data: { postId: post.id, number: post.number, threadId: post.threadId } },
      )
      return result.ok ? { ok: true } : refuse(result.error, result.status)
    }
  }
}

type Toggle = {
  field: 'lockedAt' | 'closedAt' | 'pinnedAt' | 'hiddenAt'
  on: boolean
  change: DomainEvents['thread.changed']['change']
}
const TOGGLES: Record<Exclude<ThreadAction['intent'], 'move'>, Toggle> = {
  lock: { field: 'lockedAt', on: true, change: 'locked' },
  unlock: { field: 'lockedAt', on: false, change: 'unlocked' },
  close: { field: 'closedAt', on: true, change: 'closed' },
  reopen: { field: 'closedAt', on: false, change: 'reopened' },
  pin: { field: 'pinnedAt', on: true, change: 'pinned' },
  unpin: { field: 'pinnedAt', on: false, change: 'unpinned' },
  hide: { field: 'hiddenAt', on: true, change: 'hidden' },
  restore: { field: 'hiddenAt', on: false, change: 'restored' },
}

/**
 * Whether a thread is in its space's thread and post counts: not hidden, and its opening post no longer
 * waiting for approval (posting counts a thread when its opening post becomes visible).
 */
async function threadCounts(tx: Tx, threadId: string) {
  const t = await tx.thread.findUniqueOrThrow({
    where: { id: threadId },
    select: { hiddenAt: true, postCount: true, lastPostAt: true, posts: { where: { number: 1 }, select: { status: true } } },
  })
  const counted = !t.hiddenAt && t.posts[0]?.status !== 'PENDING'
  return { counted, postCount: t.postCount, lastPostAt: t.lastPostAt }
}

export async function moderateThread(actor: Actor, threadId: string, raw: Record<string, unknown>): Promise<ActionResult> {
  const parsed = threadActionSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) }
  const input: ThreadAction = parsed.data
  const found = await threadTargetById(actor, threadId)
  if (!found || !can(actor, 'thread.view', found.target)) return refuse('moderation.errors.threadNotFound', 404)
  if (!can(actor, 'thread.moderate', found.target)) return refuse('moderation.errors.forbidden', 403)
  const thread = found.thread
  const reason = input.reason ?? null
  const audit = (tx: Tx, action: AuditAction, spaceId: string, data: Record<string, string | null> = {}) =>
    writeAudit(tx, { actorId: actor.id, action, targetType: 'thread', targetId: thread.id, reason, spaceId, data })

  if (input.intent === 'move') {
    const to = await db.space.findUnique({ where: { id: input.toSpaceId! }, select: SPACE_ACCESS_SELECT })
    if (!to || to.id === thread.spaceId) return { ok: false, errors: { toSpaceId: [{ key: 'moderation.errors.unknownSpace' }] } }
    if (!can(actor, 'thread.move', { from: found.target.space, to: await spaceTarget(actor, to) }))
      return refuse('moderation.errors.cannotMove', 403)
    const from = thread.spaceId
    const r = await inTransaction('thread.move', thread.id, async (tx) => {
      const moved = await tx.thread.updateMany({ where: { id: thread.id, spaceId: from }, data: { spaceId: to.id } })
      if (!moved.count) throw new Conflict()
      const counts = await threadCounts(tx, thread.id)
      if (counts.counted) {
        await tx.space.update({ where: { id: from }, data: { threadCount: { decrement: 1 }, postCount: { decrement: counts.postCount } } })
        const dest = await tx.space.findUniqueOrThrow({ where: { id: to.id }, select: { lastActivityAt: true } })
        await tx.space.update({
          where: { id: to.id },
          data: {
            threadCount: { increment: 1 },
            postCount: { increment: counts.postCount },
            ...(!dest.lastActivityAt || dest.lastActivityAt < counts.lastPostAt ? { lastActivityAt: counts.lastPostAt } : {}),
          },
        })
      }
      // Both spaces' moderators should find the move in their log: the entry belongs to the new space,
      // and names the old one.
      await audit(tx, 'thread.move', to.id, { fromSpaceId: from, toSpaceId: to.id })
      return tell(actor, thread.authorId, { kind: 'moderation.threadMoved', threadId: thread.id, ...reasonOf(reason) })
    })
    if (!r.ok) return r
    publish('thread.changed', { spaceId: to.id, threadId: thread.id, change: 'moved', fromSpaceId: from })
    return { ok: true }
  }

  const toggle = TOGGLES[input.intent]
  const r = await inTransaction(`thread.${input.intent}`, thread.id, async (tx) => {
    const changed = await tx.thread.updateMany({
      where: { id: thread.id, [toggle.field]: toggle.on ? null : { not: null } },
      data: { [toggle.field]: toggle.on ? new Date() : null },
    })
    if (!changed.count) throw new Conflict()
    const notices: Notice[] = []
    if (toggle.field === 'hiddenAt') {
      // Counted as it is after the change, so hide and restore mirror each other.
      const counts = await threadCounts(tx, thread.id)
      const wasCounted = toggle.on ? (await tx.post.count({ where: { threadId: thread.id, number: 1, status: 'PENDING' } })) === 0 : false
      if (counts.counted || wasCounted) {
        const d = counts.counted ? 1 : -1
        await tx.space.update({
          where: { id: thread.spaceId },
          data: { threadCount: { increment: d }, postCount: { increment: d * counts.postCount } },
        })
      }
      if (toggle.on) {
        const posts = await tx.post.findMany({
          where: { threadId: thread.id, reports: { some: { status: 'OPEN' } } },
          select: { id: true },
        })
        const settled = await settleReports(
          tx,
          actor,
          posts.map((p) => p.id),
          'hidden',
          'RESOLVED',
          'thread.hide',
        )
        notices.push(...settled.notices)
      }
    }
    await audit(tx, `thread.${input.intent as Exclude<ThreadIntent, 'move'>}`, thread.spaceId)
    if (input.intent === 'lock')
      notices.push(...tell(actor, thread.authorId, { kind: 'moderation.threadLocked', threadId: thread.id, ...reasonOf(reason) }))
    if (input.intent === 'hide')
      notices.push(...tell(actor, thread.authorId, { kind: 'moderation.threadHidden', threadId: thread.id, ...reasonOf(reason) }))
    return notices
  })
  if (!r.ok) return r
  publish('thread.changed', { spaceId: thread.spaceId, threadId: thread.id, change: toggle.change })
  return { ok: true }
}
