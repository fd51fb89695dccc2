/**
 * Moderator alerts (Discourse's "reviewable" count): when a post enters the moderation queue (a report, or
 * a first post waiting for approval) the moderators who may act on it get a notification in the bell, a
 * mail if they asked for one, and the count on their Moderation link rises; when one of them handles the
 * item, everyone's alert about it is marked read and the count falls.
 *
 * - The event (`moderation.queued`) is written in the transaction that queued the post; the outbox handler
 *   (`alertModerators`) writes the notifications and mails exactly once (docs/decisions/014-event-outbox.md).
 * - Who is told is the policy's: `post.moderate` on the post, asked for every platform moderator and
 *   admin and every moderator of the space.
 * - Alerts name no author (an anonymous one stays anonymous; the queue shows moderators what they may
 *   see) and never carry an address. A safe space's mail carries a link only.
 * - The count is one SQL expression (`REVIEW_COUNT`), folded into the session's single query and the
 *   socket's count push, so it costs no round trip of its own.
 */
import type { Prisma } from '~/generated/prisma/client'
import type { Tx } from '~/lib/db.server'
import { appUrl } from '~/lib/origin.server'
import type { Locale, TFunction } from '~/lib/i18n'
import { can } from '~/lib/policy'
import { loadActors } from '~/modules/auth/session.server'
import { POST_REF_SELECT, toPostRef } from '~/modules/discussions/refs.server'
import type { MailContent } from '~/modules/mail/layout.server'
import { queueMails, userMail } from '~/modules/mail/outbox.server'
import { MAIL_RECIPIENT_SELECT, mailable } from '~/modules/mail/recipients.server'
import { describeNotification, notificationText, type NotificationData } from '~/modules/notifications/kinds'
import {
  POST_ACCESS_SELECT,
  SPACE_ACCESS_SELECT,
  spaceTarget,
  THREAD_ACCESS_SELECT,
  toPostTarget,
  toThreadTarget,
} from '~/modules/spaces/access.server'
import type { OutboxEvents } from '~/modules/events/outbox.server'

import { candidateModerators } from './review-count.server'

export { liveCounts, resolveAlerts, REVIEW_COUNT } from './review-count.server'

export const REVIEW_KIND = 'moderation.review'

const POST_SELECT = {
  ...POST_REF_SELECT,
  ...POST_ACCESS_SELECT,
  id: true,
  threadId: true,
  thread: {
    select: {
      ...POST_REF_SELECT.thread.select,
      ...THREAD_ACCESS_SELECT,
      space: { select: { ...SPACE_ACCESS_SELECT, ...POST_REF_SELECT.thread.select.space.select } },
    },
  },
  _count: { select: { reports: { where: { status: 'OPEN' } } } },
} as const satisfies Prisma.PostSelect

/** Is the post still waiting for a decision (queue.server.ts `queueWhere`)? */
const waiting = (p: { status: string; deletedAt: Date | null; _count: { reports: number } }) =>
  p._count.reports > 0 || (p.status === 'PENDING' && !p.deletedAt)

/** The moderators (active accounts) the policy lets act on this post, with their targets asked one by one. */
async function moderatorsOf(tx: Tx, post: Prisma.PostGetPayload<{ select: typeof POST_SELECT }>) {
  const ids = await candidateModerators(tx, post.thread.space.id)
  const actors = await loadActors(ids, tx)
  const allowed: string[] = []
  for (const id of ids) {
    const actor = actors.get(id)
    if (!actor) continue
    const target = toPostTarget(toThreadTarget(await spaceTarget(actor, post.thread.space, tx), post.thread), post)
    if (can(actor, 'post.moderate', target)) allowed.push(id)
  }
  return allowed
}

const RECIPIENT_SELECT = { ...MAIL_RECIPIENT_SELECT, moderationEmail: true } as const

/**
 * The outbox handler of `moderation.queued`: one notification per moderator who may act on the post
 * (not the person who reported it, not its author), unless they already have an unread alert about it
 * (a second report); mail for those who asked. Returns every such moderator: their count changed.
 */
export async function alertModerators(tx: Tx, event: OutboxEvents['moderation.queued'], eventId: bigint): Promise<string[]> {
  const post = await tx.post.findUnique({ where: { id: event.postId }, select: POST_SELECT })
  // Handled (or deleted) before the worker came to it: nothing to review, nobody to bother.
  if (!post || !waiting(post)) return []
  const moderators = await moderatorsOf(tx, post)
  const skip = new Set([event.reporterId, post.authorId].filter((id): id is string => !!id))
  const already = await tx.notification.findMany({
    where: { userId: { in: moderators }, kind: REVIEW_KIND, readAt: null, data: { path: ['postId'], equals: post.id } },
    select: { userId: true },
  })
  for (const n of already) skip.add(n.userId)
  const recipients = moderators.filter((id) => !skip.has(id))
  if (!recipients.length) return moderators
  const data: NotificationData['moderation.review'] = { ...toPostRef(post), postId: post.id, cause: event.cause }
  const created = await tx.notification.createManyAndReturn({
    data: recipients.map((userId) => ({ userId, kind: REVIEW_KIND, data: data as unknown as Prisma.InputJsonValue, eventId })),
    // A replayed event tells no one twice (`@@unique([eventId, userId, kind])`).
    skipDuplicates: true,
    select: { userId: true },
  })
  const users = await tx.user.findMany({
    where: { id: { in: created.map((n) => n.userId) }, moderationEmail: 'IMMEDIATE' },
    select: RECIPIENT_SELECT,
  })
  const mails = users.filter(mailable).map((u) => userMail(u, 'moderation.review', (t, locale) => reviewMail(t, locale, data)))
  await queueMails(tx, mails)
  return moderators
}

function reviewMail(t: TFunction, locale: Locale, data: NotificationData['moderation.review']): Omit<MailContent, 'greeting'> {
  const d = describeNotification(REVIEW_KIND, data, locale)
  return {
    subject: t('mail.review.subject'),
    // Nothing of a safe space travels by mail, not even its name: the link leads to it.
    paragraphs: [data.safe ? t('mail.review.safeBody') : notificationText(t, d)],
    action: { label: t('mail.review.open'), url: `${appUrl()}${d.href}` },
    note: t('mail.review.why', { url: `${appUrl()}/settings/notifications` }),
  }
}
