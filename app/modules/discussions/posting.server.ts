/**
 * Writing in discussions: new threads, replies, edits, tombstones and reactions. Every write is one
 * transaction with the thread's own counters and an outbox event; notifications, mail and the space's
 * counters follow from that event in the job worker (docs/decisions/014-event-outbox.md), and the live
 * event is published after commit. A submit carries a client-generated key, so a retried submit returns
 * what the first one created instead of a duplicate.
 */
import { syncPostImages } from '~/modules/content/uploads.server'
import { Prisma } from '~/generated/prisma/client'
import { db, type Tx } from '~/lib/db.server'
import { assertCan, can, moderatesSpace, type Actor, type SpaceTarget } from '~/lib/policy'
import type { z } from '~/lib/validation'
import { toFieldErrors } from '~/lib/validation'
import { writeAudit } from '~/modules/audit/write.server'
import { renderPost } from '~/modules/content/markdown.server'
import { publish } from '~/modules/events/bus.server'
import { nudgeOutbox, recordEvent, threadStream } from '~/modules/events/outbox.server'
import { resolveAlerts } from '~/modules/moderation/review-count.server'
import { hitAll, type Limit } from '~/modules/rate-limit/rate-limit.server'
import { postTargetById, SPACE_ACCESS_SELECT, spaceTarget, threadTargetById } from '~/modules/spaces/access.server'
import { DiscussionError, DiscussionInputError } from './errors'
import { draftKeys, editSchema, replySchema, threadSchema, type ReplyInput, type ThreadInput } from './form'
import { childPath } from './path'
import { mustAcceptRules } from './safe-space-rules'
import { isReactionKind } from './reactions'

/**
 * Replies to one thread queue on its row lock, held from taking the next number to commit (a few
 * statements). `maxWait` bounds the wait for a pooled connection, `timeout` the whole transaction; either
 * running out is answered "busy, try again" (503), never a 500.
 */
const TX_OPTIONS = { maxWait: 5_000, timeout: 10_000 }

/**
 * At most this many posting transactions at once per process; the rest wait here, in memory, not on a
 * pooled connection. Writers waiting on a thread's row lock each hold a connection: without a cap a
 * burst could take all of them while page loads (and the lock holder) need one, and everything would
 * stall until the timeouts. More than MAX_QUEUED waiting means the process is overloaded: refuse early.
 */
const MAX_CONCURRENT_POSTS = 6
const MAX_QUEUED_POSTS = 1_000
let running = 0
const waiting: (() => void)[] = []
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_POSTS) {
    if (waiting.length >= MAX_QUEUED_POSTS) throw busy()
    await new Promise<void>((resolve) => waiting.push(resolve))
  } else running++
  try {
    return await fn()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

/** Seconds a refused writer is asked to wait before sending again (Retry-After). */
export const BUSY_RETRY_SECONDS = 3
/** The translated "busy, try again" message; the form keeps the text. */
const BUSY_KEY = 'discussions.errors.busy'
const busy = () => new DiscussionError(BUSY_KEY, '_form', 503, { seconds: BUSY_RETRY_SECONDS })

/**
 * Prisma's ways of saying "too busy right now": no pooled connection in time (P2024), the transaction ran
 * out of time or was closed (P2028), a write conflict or deadlock (P2034). Nothing was written.
 */
const BUSY_CODES = new Set(['P2024', 'P2028', 'P2034'])
function asBusy(e: unknown) {
  return e instanceof Prisma.PrismaClientKnownRequestError && BUSY_CODES.has(e.code) ? busy() : e
}

/** Per-person posting limits (threads and replies together). */
export const POST_LIMITS = {
  postUserMinute: { limit: 8, windowSeconds: 60 },
  postUserHour: { limit: 60, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>

async function render(tx: Tx, body: string) {
  return (await renderPost(tx, body)).html
}

function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input)
  if (!r.success) throw new DiscussionInputError(toFieldErrors(r.error))
  return r.data
}

const isUniqueViolation = (e: unknown, field: string) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002' && JSON.stringify(e.meta ?? {}).includes(field)

async function rateLimit(actor: Actor) {
  const r = await hitAll([
    [`post:m:${actor.id}`, POST_LIMITS.postUserMinute],
    [`post:h:${actor.id}`, POST_LIMITS.postUserHour],
  ])
  if (!r.allowed)
    throw new DiscussionError('discussions.errors.rateLimited', '_form', 429, {
      seconds: r.retryAfterSeconds,
    })
}

const POSTING_SPACE_SELECT = {
  ...SPACE_ACCESS_SELECT,
  slug: true,
  allowAnonymous: true,
  approveNewPosts: true,
} as const

/** Steps a person must take before writing in a space (not refusals: the page explains them). */
async function checkPostingRules(
  tx: Tx,
  actor: Actor,
  space: {
    id: string
    slug: string
    safeSpace: boolean
    allowAnonymous: boolean
  },
  target: SpaceTarget,
  anonymous: boolean,
) {
  if (anonymous && !space.allowAnonymous) throw new DiscussionError('discussions.errors.anonymousNotAllowed')
  if (mustAcceptRules(actor, space, target, false)) {
    const member = await tx.spaceMember.findUnique({
      where: { spaceId_userId: { spaceId: space.id, userId: actor.id } },
      select: { rulesAcceptedAt: true },
    })
    if (!member?.rulesAcceptedAt)
      throw new DiscussionError('discussions.errors.rulesNotAccepted', '_form', 403, { href: `/spaces/${space.slug}#rules` })
  }
}

/** Whether the actor still has to accept a safe space's rules before posting there (for the page's hint). */
export async function rulesPending(actor: Actor | null, space: { id: string; safeSpace: boolean }, target: SpaceTarget) {
  if (!actor || !mustAcceptRules(actor, space, target, false)) return false
  const member = await db.spaceMember.findUnique({
    where: { spaceId_userId: { spaceId: space.id, userId: actor.id } },
    select: { rulesAcceptedAt: true },
  })
  return !member?.rulesAcceptedAt
}

/** A first post waits for a moderator when the space asks for it and the author has no visible post there yet. */
async function initialStatus(tx: Tx, actor: Actor, space: { id: string; approveNewPosts: boolean }, target: SpaceTarget) {
  if (!space.approveNewPosts || moderatesSpace(actor, target)) return 'VISIBLE' as const
  const earlier = await tx.post.findFirst({
    where: {
      authorId: actor.id,
      status: 'VISIBLE',
      thread: { spaceId: space.id },
    },
    select: { id: true },
  })
  return earlier ? ('VISIBLE' as const) : ('PENDING' as const)
}

/**
 * Writing makes one a member (not a follower). INSERT … ON CONFLICT DO NOTHING: Prisma's upsert on a
 * compound key reads then inserts, and two first posts at once (a double click) would collide.
 */
function joinSpace(tx: Tx, spaceId: string, userId: string) {
  return tx.spaceMember.createMany({
    data: [{ spaceId, userId, following: false }],
    skipDuplicates: true,
  })
}

export interface CreatedThread {
  threadId: string
  postId: string
  status: 'VISIBLE' | 'PENDING' | 'HIDDEN'
  /** false when this was a retry of an earlier submit */
  created: boolean
}

async function existingThread(actor: Actor, clientKey: string): Promise<CreatedThread | null> {
  const t = await db.thread.findUnique({
    where: { authorId_clientKey: { authorId: actor.id, clientKey } },
    select: {
      id: true,
      posts: { where: { number: 1 }, select: { id: true, status: true } },
    },
  })
  return t && t.posts[0]
    ? {
        threadId: t.id,
        postId: t.posts[0].id,
        status: t.posts[0].status,
        created: false,
      }
    : null
}

export async function createThread(actor: Actor, raw: ThreadInput & { spaceId: string }): Promise<CreatedThread> {
  const input = validate(threadSchema, raw)
  const space = await db.space.findUnique({
    where: { id: raw.spaceId },
    select: POSTING_SPACE_SELECT,
  })
  if (!space) throw new DiscussionError('discussions.errors.spaceNotFound', '_form', 404)
  const target = await spaceTarget(actor, space)
  // A safe space's rules are a step the person can take, not a refusal: say so, with where to find them.
  if (can(actor, 'space.acceptRules', target))
    throw new DiscussionError('discussions.errors.rulesNotAccepted', '_form', 403, { href: `/spaces/${space.slug}#rules` })
  assertCan(actor, 'thread.create', target)
  const again = await existingThread(actor, input.clientKey)
  if (again) return again
  await checkPostingRules(db, actor, space, target, input.anonymous)
  await rateLimit(actor)
  // Reads that need no lock happen before the transaction, side by side, to keep it short.
  const [html, status] = await Promise.all([render(db, input.body), initialStatus(db, actor, space, target)])
  const visible = status === 'VISIBLE'

  try {
    const result = await limited(() =>
      db.$transaction(async (tx) => {
        const themes = input.themes.length
          ? await tx.theme.findMany({
              where: {
                OR: [{ id: { in: input.themes } }, { slug: { in: input.themes } }],
              },
              select: { id: true },
            })
          : []
        const now = new Date()
        const thread = await tx.thread.create({
          data: {
            spaceId: space.id,
            authorId: actor.id,
            anonymous: input.anonymous,
            title: input.title,
            clientKey: input.clientKey,
            lastPostNumber: 1,
            postCount: visible ? 1 : 0,
            lastPostAt: now,
            themes: { create: themes.map((t) => ({ themeId: t.id })) },
          },
          select: { id: true },
        })
        const post = await tx.post.create({
          data: {
            threadId: thread.id,
            number: 1,
            path: childPath(null, 1),
            depth: 0,
            authorId: actor.id,
            anonymous: input.anonymous,
            body: input.body,
            html,
            status,
            createdAt: now,
          },
          select: { id: true },
        })
        await syncPostImages(tx, post.id, input.body)
        await joinSpace(tx, space.id, actor.id)
        await tx.draft.deleteMany({
          where: { userId: actor.id, key: draftKeys.thread(space.id) },
        })
        // The space's followers and counts: in the job (a space may have thousands of followers).
        const event = { postId: post.id, threadId: thread.id, spaceId: space.id }
        if (visible) await recordEvent(tx, 'thread.created', threadStream(thread.id), event)
        // Waiting for approval: the space's moderators are told (moderation/alerts.server.ts).
        else await recordEvent(tx, 'moderation.queued', threadStream(thread.id), { ...event, cause: 'pending' })
        return { threadId: thread.id, postId: post.id, status }
      }, TX_OPTIONS),
    )
    nudgeOutbox()
    publish('thread.created', { spaceId: space.id, threadId: result.threadId })
    return {
      threadId: result.threadId,
      postId: result.postId,
      status: result.status,
      created: true,
    }
  } catch (e) {
    if (isUniqueViolation(e, 'clientKey')) {
      const first = await existingThread(actor, input.clientKey)
      if (first) return first
    }
    throw asBusy(e)
  }
}

export interface CreatedPost {
  postId: string
  threadId: string
  number: number
  status: 'VISIBLE' | 'PENDING' | 'HIDDEN'
  created: boolean
}

async function existingPost(actor: Actor, clientKey: string, threadId: string): Promise<CreatedPost | null> {
  const p = await db.post.findUnique({
    where: { authorId_clientKey: { authorId: actor.id, clientKey } },
    select: { id: true, threadId: true, number: true, status: true },
  })
  // A key reused for another thread is not a retry of this submit.
  if (p && p.threadId !== threadId) throw new DiscussionError('discussions.errors.clientKey')
  return p
    ? {
        postId: p.id,
        threadId: p.threadId,
        number: p.number,
        status: p.status,
        created: false,
      }
    : null
}

export async function createReply(actor: Actor, raw: ReplyInput & { threadId: string }): Promise<CreatedPost> {
  const input = validate(replySchema, raw)
  const found = await threadTargetById(actor, raw.threadId)
  if (!found || !can(actor, 'thread.view', found.target)) throw new DiscussionError('discussions.errors.threadNotFound', '_form', 404)
  const threadId = found.thread.id
  // Independent reads side by side: each sequential round trip is latency on the way to the live event.
  const [again, space, author] = await Promise.all([
    existingPost(actor, input.clientKey, threadId),
    db.space.findUniqueOrThrow({
      where: { id: found.thread.spaceId },
      select: POSTING_SPACE_SELECT,
    }),
    input.anonymous ? null : db.user.findUnique({ where: { id: actor.id }, select: { name: true } }),
  ])
  if (again) return again
  if (!can(actor, 'post.reply', found.target)) {
    if (found.target.locked || found.target.closed) throw new DiscussionError('discussions.errors.threadLocked', '_form', 403)
    assertCan(actor, 'post.reply', found.target)
  }
  await checkPostingRules(db, actor, space, found.target.space, input.anonymous)
  await rateLimit(actor)
  // Everything that needs no lock happens before the transaction (rendering with its mention look-ups,
  // the parent, the first-post rule), so the thread row is locked only for the writes themselves.
  // Read-committed reads inside the transaction would see no more than these do.
  const [html, status, parent] = await Promise.all([
    render(db, input.body),
    initialStatus(db, actor, space, found.target.space),
    input.parentNumber !== undefined
      ? db.post.findUnique({
          where: {
            threadId_number: { threadId, number: input.parentNumber },
          },
          select: {
            id: true,
            path: true,
            depth: true,
            status: true,
            authorId: true,
          },
        })
      : null,
  ])
  if (
    input.parentNumber !== undefined &&
    (!parent || (parent.status === 'PENDING' && parent.authorId !== actor.id && !moderatesSpace(actor, found.target.space)))
  )
    throw new DiscussionError('discussions.errors.unknownParent')
  const visible = status === 'VISIBLE'

  try {
    const result = await limited(() =>
      db.$transaction(async (tx) => {
        // The writer's own rows first: they lock nothing anyone else waits for.
        await joinSpace(tx, space.id, actor.id)
        await tx.draft.deleteMany({
          where: {
            userId: actor.id,
            key: {
              in: [draftKeys.reply(threadId), draftKeys.reply(threadId, input.parentNumber)],
            },
          },
        })
        const now = new Date()
        // Taking the next number locks the thread row until commit, so concurrent replies queue here and
        // never share a number; the lock state read with it is the one that counts. A visible reply's
        // thread counters go in the same statement.
        const [row] = await tx.$queryRaw<
          {
            lastPostNumber: number
            lockedAt: Date | null
            closedAt: Date | null
          }[]
        >`
        UPDATE "Thread" SET "lastPostNumber" = "lastPostNumber" + 1,
          "postCount" = "postCount" + ${visible ? 1 : 0},
          "lastPostAt" = CASE WHEN ${visible} THEN ${now} ELSE "lastPostAt" END
        WHERE "id" = ${threadId}
        RETURNING "lastPostNumber", "lockedAt", "closedAt"`
        const current = {
          ...found.target,
          locked: !!row.lockedAt,
          closed: !!row.closedAt,
        }
        if (!can(actor, 'post.reply', current)) throw new DiscussionError('discussions.errors.threadLocked', '_form', 403)
        const number = row.lastPostNumber
        const post = await tx.post.create({
          data: {
            threadId,
            number,
            parentId: parent?.id ?? null,
            path: childPath(parent?.path ?? null, number),
            depth: parent ? parent.depth + 1 : 0,
            authorId: actor.id,
            anonymous: input.anonymous,
            body: input.body,
            html,
            status,
            clientKey: input.clientKey,
            createdAt: now,
          },
          select: { id: true },
        })
        await syncPostImages(tx, post.id, input.body)
        if (!visible) {
          // Waiting for approval: the space's moderators are told (moderation/alerts.server.ts).
          await recordEvent(tx, 'moderation.queued', threadStream(threadId), {
            postId: post.id,
            threadId,
            spaceId: space.id,
            cause: 'pending',
          })
          return { postId: post.id, number }
        }
        // The parent is in this thread, whose row we hold: counting the reply here costs no wait.
        if (parent) await countReply(tx, parent.id)
        await recordEvent(tx, 'post.created', threadStream(threadId), { postId: post.id, threadId, spaceId: space.id })
        return { postId: post.id, number }
      }, TX_OPTIONS),
    )
    nudgeOutbox()
    // The live event first, from what is already known: readers' pages reload as soon as possible.
    if (visible)
      publish('post.created', {
        spaceId: space.id,
        threadId,
        postId: result.postId,
        number: result.number,
        authorName: author?.name ?? '',
      })
    return {
      postId: result.postId,
      threadId,
      number: result.number,
      status,
      created: true,
    }
  } catch (e) {
    if (isUniqueViolation(e, 'clientKey')) {
      const first = await existingPost(actor, input.clientKey, threadId)
      if (first) return first
    }
    throw asBusy(e)
  }
}

function countReply(tx: Tx, parentId: string) {
  return tx.post.update({ where: { id: parentId }, data: { replyCount: { increment: 1 } } })
}

/**
 * A moderator approved a pending post (the moderation area calls this inside its transaction): it becomes
 * visible and counts on its thread, and its outbox event notifies as a new post (or thread) would have.
 * Does nothing for a post that is not pending; returns whether it changed.
 */
export async function makePostVisible(tx: Tx, postId: string): Promise<boolean> {
  const changed = await tx.post.updateMany({
    where: { id: postId, status: 'PENDING' },
    data: { status: 'VISIBLE' },
  })
  if (changed.count === 0) return false
  const post = await tx.post.findUniqueOrThrow({
    where: { id: postId },
    select: { id: true, number: true, parentId: true, threadId: true, thread: { select: { spaceId: true } } },
  })
  await tx.thread.update({
    where: { id: post.threadId },
    data: { postCount: { increment: 1 }, lastPostAt: new Date() },
  })
  if (post.parentId) await countReply(tx, post.parentId)
  const event = { postId: post.id, threadId: post.threadId, spaceId: post.thread.spaceId }
  await recordEvent(tx, post.number === 1 ? 'thread.created' : 'post.created', threadStream(post.threadId), event)
  return true
}

function publishChanged(
  found: {
    post: {
      id: string
      number: number
      threadId: string
      thread: { spaceId: string }
    }
  },
  change: 'edited' | 'deleted' | 'reactions',
) {
  publish('post.changed', {
    spaceId: found.post.thread.spaceId,
    threadId: found.post.threadId,
    postId: found.post.id,
    number: found.post.number,
    change,
  })
}

async function loadPostTarget(actor: Actor, postId: string) {
  const found = await postTargetById(actor, postId)
  if (!found || !can(actor, 'post.view', found.target)) throw new DiscussionError('discussions.errors.postNotFound', '_form', 404)
  return found
}

/**
 * Edits a post: the previous text becomes a revision readers can compare. A moderator editing someone
 * else's post must say why; that is audited and the author is told.
 */
export async function editPost(actor: Actor, raw: { postId: string; body: string; reason?: string }) {
  const input = validate(editSchema, { body: raw.body, reason: raw.reason })
  const found = await loadPostTarget(actor, raw.postId)
  assertCan(actor, 'post.edit', found.target)
  const byOther = found.post.authorId !== actor.id
  if (byOther && !input.reason) throw new DiscussionError('discussions.errors.reasonRequired', 'reason')

  const changed = await db.$transaction(async (tx) => {
    const post = await tx.post.findUniqueOrThrow({
      where: { id: found.post.id },
      select: { body: true, revisionCount: true, authorId: true },
    })
    await tx.draft.deleteMany({
      where: { userId: actor.id, key: draftKeys.edit(found.post.id) },
    })
    if (post.body === input.body) return false
    const revision = post.revisionCount + 1
    // Guarded by the revision count: of two edits made from the same version, the second is refused
    // rather than silently overwriting the first.
    const updated = await tx.post.updateMany({
      where: { id: found.post.id, revisionCount: post.revisionCount },
      data: {
        body: input.body,
        html: await render(tx, input.body),
        editedAt: new Date(),
        revisionCount: revision,
      },
    })
    if (updated.count === 0) throw new DiscussionError('discussions.errors.editConflict', 'body', 409)
    await syncPostImages(tx, found.post.id, input.body)
    await tx.postRevision.create({
      data: {
        postId: found.post.id,
        number: revision,
        body: post.body,
        editorId: actor.id,
        reason: input.reason ?? null,
      },
    })
    if (byOther) {
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'post.edit',
        targetType: 'post',
        targetId: found.post.id,
        reason: input.reason,
        spaceId: found.post.thread.spaceId,
        data: { revision },
      })
      const notices = post.authorId
        ? [{ userId: post.authorId, kind: 'moderation.postEdited' as const, postId: found.post.id, reason: input.reason }]
        : []
      await recordEvent(tx, 'moderation.decided', threadStream(found.post.threadId), {
        action: 'post.edit',
        notices,
        postId: found.post.id,
      })
    } else
      await recordEvent(tx, 'post.changed', threadStream(found.post.threadId), {
        postId: found.post.id,
        threadId: found.post.threadId,
        change: 'edited',
      })
    return true
  })
  if (changed) {
    nudgeOutbox()
    publishChanged(found, 'edited')
  }
  return {
    postId: found.post.id,
    threadId: found.post.threadId,
    number: found.post.number,
    changed: !!changed,
  }
}

/** Deletes a post as a tombstone: its replies stay, its text stays readable to moderators only. */
export async function deletePost(actor: Actor, postId: string) {
  const found = await loadPostTarget(actor, postId)
  assertCan(actor, 'post.delete', found.target)
  const moderators = await db.$transaction(async (tx) => {
    const done = await tx.post.updateMany({
      where: { id: found.post.id, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: actor.id },
    })
    if (done.count && found.post.authorId !== actor.id)
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'post.delete',
        targetType: 'post',
        targetId: found.post.id,
        spaceId: found.post.thread.spaceId,
      })
    if (done.count)
      await recordEvent(tx, 'post.changed', threadStream(found.post.threadId), {
        postId: found.post.id,
        threadId: found.post.threadId,
        change: 'deleted',
      })
    // A post that waited for approval leaves the moderation queue: its alerts go, the counts fall.
    return done.count && found.post.status === 'PENDING' ? resolveAlerts(tx, found.post.threadId) : []
  })
  nudgeOutbox()
  publishChanged(found, 'deleted')
  for (const userId of moderators) publish('notifications.changed', { userId })
  return {
    postId: found.post.id,
    threadId: found.post.threadId,
    number: found.post.number,
  }
}

/** Adds the reaction, or takes it back if it was there. */
export async function toggleReaction(actor: Actor, input: { postId: string; kind: string }) {
  if (!isReactionKind(input.kind)) throw new DiscussionError('discussions.errors.unknownReaction', 'kind')
  const found = await loadPostTarget(actor, input.postId)
  assertCan(actor, 'post.react', found.target)
  const key = { postId: found.post.id, userId: actor.id, kind: input.kind }
  const reacted = await db.$transaction(async (tx) => {
    const removed = await tx.reaction.deleteMany({ where: key })
    // Two quick clicks may race: the second finding the row already there is the same outcome.
    if (!removed.count) await tx.reaction.createMany({ data: [key], skipDuplicates: true })
    await recordEvent(tx, 'post.changed', threadStream(found.post.threadId), {
      postId: found.post.id,
      threadId: found.post.threadId,
      change: 'reactions',
    })
    return !removed.count
  })
  nudgeOutbox()
  publishChanged(found, 'reactions')
  return {
    reacted,
    postId: found.post.id,
    threadId: found.post.threadId,
    number: found.post.number,
  }
}
