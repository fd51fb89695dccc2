/**
 * Daily and weekly digests: one mail listing the notifications that waited for it (`digestPending`).
 *
 * Never a duplicate: the person's row is locked (SKIP LOCKED, so a concurrent run passes them by), and
 * the digest mail and its send job are written in the same transaction that clears `digestPending` and
 * sets `lastDigestAt`. A crash before commit leaves everything pending for the next run; after commit the
 * outbox delivers the mail exactly once, and nothing is queued again after commit.
 *
 * When is it due? Which setting applies is read at digest time (so an unsubscribe also stops mail
 * already waiting): the space's own setting, else the person's. Daily entries go out once per "digest
 * day", which starts at 07:00 in the person's time zone; weekly ones once the oldest has waited a week.
 */
import { db } from '~/lib/db.server'
import { appUrl, withOrigin } from '~/lib/origin.server'
import { DEFAULT_TIME_ZONE } from '~/lib/i18n'
import { isSuspended } from '~/modules/auth/suspension'
import { queueUserMail } from '~/modules/mail/outbox.server'
import { effectiveFrequency, unsubscribeLine } from './discussion.server'
import { describeNotification, notificationText } from './kinds'
import { unsubscribeHeaders, unsubscribeUrl } from './unsubscribe.server'

const HOUR = 3_600_000
const DAY_STARTS_AT_HOUR = 7
/** cron runs hourly; a little slack keeps "a week" from slipping by a whole run */
const WEEK = 7 * 24 * HOUR - HOUR / 2

/** The calendar day a moment belongs to, for digests: days begin at 07:00 local time. */
export function digestDay(at: Date, timeZone: string) {
  const shifted = new Date(at.getTime() - DAY_STARTS_AT_HOUR * HOUR)
  const format = (tz: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted)
  try {
    return format(timeZone)
  } catch {
    return format(DEFAULT_TIME_ZONE)
  }
}

export type DigestOutcome = 'sent' | 'cleared' | 'notDue' | 'busy' | 'held'

/** Runs every due digest; returns how each person fared (tests and logs read it). */
export async function runDigests(now = new Date()): Promise<Map<string, DigestOutcome>> {
  const rows = await db.notification.findMany({ where: { digestPending: true }, distinct: ['userId'], select: { userId: true } })
  const outcomes = new Map<string, DigestOutcome>()
  for (const { userId } of rows) outcomes.set(userId, await digestFor(userId, now))
  return outcomes
}

export async function digestFor(userId: string, now = new Date()): Promise<DigestOutcome> {
  const result = await db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE SKIP LOCKED`
      if (!locked.length) return { outcome: 'busy' as const }
      const user = await tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: {
          id: true,
          email: true,
          name: true,
          locale: true,
          timeZone: true,
          emailVerifiedAt: true,
          suspendedUntil: true,
          notifyByEmail: true,
          discussionEmail: true,
          lastDigestAt: true,
          spaceMemberships: { select: { spaceId: true, email: true } },
        },
      })
      // Unverified or suspended: keep what waits, they may be mailable later.
      if (!user.emailVerifiedAt || isSuspended(user.suspendedUntil)) return { outcome: 'held' as const }
      const pending = await tx.notification.findMany({
        where: { userId, digestPending: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, kind: true, data: true, postId: true, origin: true, createdAt: true },
      })
      const posts = await tx.post.findMany({
        where: { id: { in: pending.flatMap((n) => (n.postId ? [n.postId] : [])) } },
        select: { id: true, thread: { select: { space: { select: { id: true, safeSpace: true } } } } },
      })
      const spaceOf = new Map(posts.map((p) => [p.id, p.thread.space]))
      const perSpace = new Map(user.spaceMemberships.map((m) => [m.spaceId, m.email]))
      const entries = pending.map((n) => {
        const space = n.postId ? spaceOf.get(n.postId) : undefined
        const frequency = user.notifyByEmail ? effectiveFrequency(user.discussionEmail, space ? perSpace.get(space.id) : null) : 'NONE'
        return { ...n, frequency, safe: !!space?.safeSpace }
      })
      const dailyDue = !user.lastDigestAt || digestDay(user.lastDigestAt, user.timeZone) !== digestDay(now, user.timeZone)
      const oldestWeekly = entries.find((e) => e.frequency === 'WEEKLY')
      const weeklyDue = !!oldestWeekly && now.getTime() - oldestWeekly.createdAt.getTime() >= WEEK
      const dropped = entries.filter((e) => e.frequency === 'NONE')
      const due = entries.filter(
        (e) => e.frequency === 'IMMEDIATE' || (e.frequency === 'DAILY' && dailyDue) || (e.frequency === 'WEEKLY' && weeklyDue),
      )
      if (!due.length && !dropped.length) return { outcome: 'notDue' as const }
      let mailId: string | null = null
      if (due.length) {
        // Links go where the newest entry's request came from when APP_URL is unset (decision 018).
        const origin = due.findLast((e) => e.origin)?.origin
        const unsubscribe = await withOrigin(origin, () => unsubscribeUrl(user, { kind: 'all' }))
        const onlyWeekly = due.every((e) => e.frequency === 'WEEKLY')
        const base = withOrigin(origin, appUrl)
        const mail = await queueUserMail(
          tx,
          user,
          'discussion.digest',
          (t, locale) => ({
            subject: t('mail.discussion.digest.subject', { count: due.length }),
            paragraphs: [t(onlyWeekly ? 'mail.discussion.digest.introWeekly' : 'mail.discussion.digest.introDaily')],
            items: due.map((e) => {
              const d = describeNotification(e.kind, e.data, locale)
              // A safe space's entry is a link and nothing more.
              const safe = e.safe || d.safe
              return { text: safe ? t('mail.discussion.safe.item') : notificationText(t, d), url: `${base}${d.href}` }
            }),
            action: { label: t('mail.discussion.digest.all'), url: `${base}/notifications` },
            note: t('mail.discussion.frequency', { url: `${base}/settings/notifications` }),
            unsubscribe: unsubscribeLine(t, unsubscribe, { kind: 'all' }),
          }),
          { headers: unsubscribeHeaders(unsubscribe) },
        )
        mailId = mail.id
        await tx.user.update({ where: { id: userId }, data: { lastDigestAt: now } })
      }
      await tx.notification.updateMany({
        where: { id: { in: [...due, ...dropped].map((e) => e.id) } },
        data: { digestPending: false },
      })
      return { outcome: mailId ? ('sent' as const) : ('cleared' as const), mailId }
    },
    { timeout: 30_000, maxWait: 10_000 },
  )
  return result.outcome
}
