/**
 * The transactional outbox (docs/decisions/014-event-outbox.md). A write records what happened as a
 * `DomainEvent` row in its own transaction; the job worker handles it afterwards (notifications, mail,
 * space counters), exactly once and in id order within its stream. The live bus (`publish`) is separate:
 * it stays in-process and after commit, for open pages only.
 */
import type { Prisma } from '~/generated/prisma/client'
import { db, type Tx } from '~/lib/db.server'
import { currentOrigin } from '~/lib/origin.server'
import { singleton } from '~/lib/singleton.server'

/** What a moderator's decision tells someone; the handler turns it into a notification (and mail). */
export interface Notice {
  userId: string
  kind:
    | 'moderation.postHidden'
    | 'moderation.postRejected'
    | 'moderation.postRestored'
    | 'moderation.postApproved'
    | 'moderation.postEdited'
    | 'moderation.threadLocked'
    | 'moderation.threadHidden'
    | 'moderation.threadMoved'
    | 'moderation.warned'
    | 'report.resolved'
  postId?: string
  threadId?: string
  spaceId?: string
  reason?: string
  outcome?: 'hidden' | 'kept'
}

/** Outbox events and their payloads: ids and small facts, never content, addresses or an anonymous author. */
export interface OutboxEvents {
  /** A reply became visible (posted, or approved): its readers are told, the space counts it. */
  'post.created': { postId: string; threadId: string; spaceId: string }
  /** A thread's opening post became visible: the space's followers are told, the space counts it. */
  'thread.created': { postId: string; threadId: string; spaceId: string }
  /** Edits, tombstones, reactions: edits and tombstones re-link the post's link previews; all are recorded for order. */
  'post.changed': { postId: string; threadId: string; change: string }
  /** A moderator's decision: the people it concerns are told. */
  'moderation.decided': {
    action: string
    notices: Notice[]
    /** the post a moderator edited (its link previews follow the edit) */
    postId?: string
  }
  /**
   * A post entered the moderation queue (a report, or a first post waiting for approval): the moderators
   * who may act on it are told. `reporterId` is left out of the alerts (never named in them).
   */
  'moderation.queued': { postId: string; threadId: string; spaceId: string; cause: 'report' | 'pending'; reporterId?: string }
}
export type OutboxEventName = keyof OutboxEvents

export const threadStream = (threadId: string) => `thread:${threadId}`

/**
 * Records the event inside the caller's transaction. The transaction-scoped advisory lock on the stream
 * makes ids follow commit order within a stream: without it, two writers to one thread could take ids
 * 10 and 11 and commit 11 first, and the dispatcher would handle 11 before 10 exists for it.
 */
export async function recordEvent<K extends OutboxEventName>(tx: Tx, name: K, stream: string, payload: OutboxEvents[K]) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stream}, 0))`
  // The request's vetted origin goes with the event: the mails its handler writes link there when APP_URL is unset.
  const origin = currentOrigin()
  await tx.domainEvent.create({
    data: { name, stream, payload: payload as unknown as Prisma.InputJsonValue, origin },
    select: { id: true },
  })
}

interface Nudger {
  fn?: () => void
}
const nudger = singleton('outbox-nudger', (): Nudger => ({}))

/** Set by the dispatcher when this process runs it (WORKER=1). */
export function onNudge(fn: (() => void) | undefined) {
  nudger.fn = fn
}

/**
 * After commit: handle the new events now if this process runs the dispatcher. Otherwise a worker
 * process finds them on its next poll (about a second).
 */
export function nudgeOutbox() {
  nudger.fn?.()
}

/** Handled events are kept a week (to look into a failure, or replay by hand), then deleted. */
export const OUTBOX_RETENTION_DAYS = 7

export async function pruneOutbox() {
  const before = new Date(Date.now() - OUTBOX_RETENTION_DAYS * 24 * 3600_000)
  await db.domainEvent.deleteMany({ where: { processedAt: { lt: before } } })
}
