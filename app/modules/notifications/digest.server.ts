/**
 * Daily and weekly digests: one mail listing the notifications that waited for it (`digestPending`).
 *
 * Never a duplicate: the person's row is locked (SKIP LOCKED, so a concurrent run passes them by), and
 * the digest mail and its send job are written in the same transaction that clears `digestPending` and
 * sets `lastDigestAt`. A crash before commit leaves everything pending for the next run; after commit the
 * outbox delivers the mail exactly once, and nothing is queued again after commit.
 *
 * When is it due? Which setting applies is read at digest time (so an unsubscribe also stops mail
 * already waiting): the space's own setting, else the person's. A daily digest goes out in the morning,
 * as the settings page promises: at the first run after 07:00 in the person's time zone, with what
 * waited from before then; a weekly one at the first run after Monday 07:00. Each period gets one digest
 * at most: a `DigestRun` row keyed by person and period is written with the mail, so a retried job, a
 * restart or a second worker finds it and sends nothing (issue 10, item 8.7).
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
const DAY = 24 * HOUR
const DAY_STARTS_AT_HOUR = 7

const safeZone = (timeZone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return timeZone
  } catch {
    return DEFAULT_TIME_ZONE
  }
}

/** The calendar day a moment belongs to, for digests: days begin at 07:00 local time. */
export function digestDay(at: Date, timeZone: string) {
  const shifted = new Date(at.getTime() - DAY_STARTS_AT_HOUR * HOUR)
  return new Intl.DateTimeFormat('en-CA', { timeZone: safeZone(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    shifted,
  )
}

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function zoneOffset(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at)
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - (at - (at % 1000))
}

/** The instant it is 07:00 on `day` ("YYYY-MM-DD") in `timeZone` (DST-safe: the offset is read twice). */
function morningOf(day: string, timeZone: string) {
  const [y, m, d] = day.split('-').map(Number)
  const wall = Date.UTC(y, m - 1, d, DAY_STARTS_AT_HOUR)
  const first = wall - zoneOffset(wall, timeZone)
  return new Date(wall - zoneOffset(first, timeZone))
}

export interface DigestPeriod {
  /** "D:2026-12-07" or "W:2026-12-07" — the key of the DigestRun row */
  key: string
  /** when the period began: entries from before it are what its digest is for */
  startsAt: Date
}

/** The daily and weekly digest periods `now` falls in, for someone in `timeZone`. */
export function digestPeriods(now: Date, timeZone: string): { daily: DigestPeriod; weekly: DigestPeriod } {
  const zone = safeZone(timeZone)
  const day = digestDay(now, zone)
  const [y, m, d] = day.split('-').map(Number)
  // Monday of that digest day's week (getUTCDay: Sunday 0 … Saturday 6).
  const back = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
  const monday = new Date(Date.UTC(y, m - 1, d) - back * DAY).toISOString().slice(0, 10)
  return {
    daily: { key: `D:${day}`, startsAt: morningOf(day, zone) },
    weekly: { key: `W:${monday}`, startsAt: morningOf(monday, zone) },
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
      const periods = digestPeriods(now, user.timeZone)
      const served = new Set(
        (
          await tx.digestRun.findMany({
            where: { userId, period: { in: [periods.daily.key, periods.weekly.key] } },
            select: { period: true },
          })
        ).map((r) => r.period),
      )
      // Due: something of that frequency waited from before the period began, and the period had no digest yet.
      const waited = (frequency: 'DAILY' | 'WEEKLY', period: DigestPeriod) =>
        !served.has(period.key) && entries.some((e) => e.frequency === frequency && e.createdAt < period.startsAt)
      const dailyDue = waited('DAILY', periods.daily)
      const weeklyDue = waited('WEEKLY', periods.weekly)
      const dropped = entries.filter((e) => e.frequency === 'NONE')
      const due = entries.filter(
        (e) => e.frequency === 'IMMEDIATE' || (e.frequency === 'DAILY' && dailyDue) || (e.frequency === 'WEEKLY' && weeklyDue),
      )
      if (!due.length && !dropped.length) return { outcome: 'notDue' as const }
      let mailId: string | null = null
      if (due.length) {
        // Links go where the newest entry's request came from when APP_URL is unset (decision 019).
        const origin = due.findLast((e) => e.origin)?.origin
        const unsubscribe = await withOrigin(origin, () => unsubscribeUrl(user, { kind: 'all' }))
        const onlyWeekly = due.every((e) => e.frequency === 'WEEKLY')
        // Named as the setting is ("Daily digest", "Weekly digest"); left-over immediate entries alone are not a digest.
        const kind = due.some((e) => e.frequency === 'DAILY') ? 'Daily' : onlyWeekly ? 'Weekly' : ''
        const base = withOrigin(origin, appUrl)
        const mail = await queueUserMail(
          tx,
          user,
          'discussion.digest',
          (t, locale) => ({
            subject: t(`mail.discussion.digest.subject${kind}`, { count: due.length }),
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
        // The period is taken with the mail: a concurrent run that got here first makes this insert fail,
        // and its rollback takes the second mail with it.
        const taken = [...(dailyDue ? [periods.daily.key] : []), ...(weeklyDue ? [periods.weekly.key] : [])]
        if (taken.length) await tx.digestRun.createMany({ data: taken.map((period) => ({ userId, period, mailId: mail.id })) })
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
