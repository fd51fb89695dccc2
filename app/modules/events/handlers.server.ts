/**
 * What the worker does with each outbox event (docs/decisions/014-event-outbox.md). A handler runs inside
 * the transaction that marks its event handled, so its writes (notifications, mails with their send
 * jobs, counters) commit exactly once with that mark, or not at all. Returns whom to `announce` to.
 */
import type { Tx } from '~/lib/db.server'
import { postRef } from '~/modules/discussions/refs.server'
import { alertModerators } from '~/modules/moderation/alerts.server'
import { threadRef } from '~/modules/moderation/scope.server'
import { linkPostPreviews } from '~/modules/previews/previews.server'
import { deliver, notifyNewPost, notifyNewThread } from '~/modules/notifications/discussion.server'
import type { NotificationData } from '~/modules/notifications/kinds'
import type { Notice, OutboxEventName, OutboxEvents } from './outbox.server'

export type Handler<K extends OutboxEventName> = (tx: Tx, payload: OutboxEvents[K], eventId: bigint) => Promise<string[]>

/**
 * The space's counts follow its posts here rather than in the posting transaction: the space row is
 * shared by every thread of the space, so updating it there made replies to different threads queue on
 * one lock. Increments commute with the moderators' adjustments (hide, restore, move add or subtract the
 * thread's own exact count), so the totals converge whatever the order.
 */
async function countInSpace(tx: Tx, spaceId: string, threadId: string, { newThread }: { newThread: boolean }) {
  const thread = await tx.thread.findUnique({ where: { id: threadId }, select: { lastPostAt: true } })
  await tx.$executeRaw`
    UPDATE "Space" SET "postCount" = "postCount" + 1,
      "threadCount" = "threadCount" + ${newThread ? 1 : 0},
      "lastActivityAt" = GREATEST(COALESCE("lastActivityAt", ${thread?.lastPostAt ?? new Date()}), ${thread?.lastPostAt ?? new Date()})
    WHERE "id" = ${spaceId}`
}

async function noticeData(tx: Tx, n: Notice): Promise<Record<string, unknown>> {
  const extra = { ...(n.reason ? { reason: n.reason } : {}), ...(n.outcome ? { outcome: n.outcome } : {}) }
  if (n.kind === 'moderation.warned') {
    const space = await tx.space.findUniqueOrThrow({ where: { id: n.spaceId! }, select: { slug: true, nameTr: true, nameEn: true } })
    return {
      spaceSlug: space.slug,
      spaceNameTr: space.nameTr,
      spaceNameEn: space.nameEn,
      reason: n.reason ?? '',
    } satisfies NotificationData['moderation.warned']
  }
  if (n.postId) return { ...(await postRef(tx, n.postId)), ...extra }
  return { ...(await threadRef(tx, n.threadId!)), ...extra }
}

export const HANDLERS: { [K in OutboxEventName]: Handler<K> } = {
  async 'post.created'(tx, p, eventId) {
    await countInSpace(tx, p.spaceId, p.threadId, { newThread: false })
    await linkPostPreviews(tx, p.postId)
    return notifyNewPost(tx, p.postId, { eventId })
  },
  async 'thread.created'(tx, p, eventId) {
    await countInSpace(tx, p.spaceId, p.threadId, { newThread: true })
    await linkPostPreviews(tx, p.postId)
    return notifyNewThread(tx, p.threadId, { eventId })
  },
  async 'post.changed'(tx, p) {
    // An edit may add, remove or change the links that get a card; a tombstone takes its cards away.
    if (p.change === 'edited' || p.change === 'deleted') await linkPostPreviews(tx, p.postId)
    return []
  },
  async 'moderation.decided'(tx, p, eventId) {
    // A moderator's edit of someone's post is recorded here rather than as post.changed: its links too.
    if (p.action === 'post.edit' && p.postId) await linkPostPreviews(tx, p.postId)
    const notified: string[] = []
    for (const n of p.notices) {
      const data = await noticeData(tx, n)
      // An edited post's author is shown what it says now; the other decisions quote nothing.
      const quote = n.kind === 'moderation.postEdited' ? n.postId : undefined
      // Deliver's typed overload is for callers that build the data themselves; here it comes from the kind.
      if (await deliver(tx, n.userId, n.kind, data as never, { eventId, postId: quote })) notified.push(n.userId)
    }
    return notified
  },
  async 'moderation.queued'(tx, p, eventId) {
    return alertModerators(tx, p, eventId)
  },
}
