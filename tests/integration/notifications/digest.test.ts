/**
 * Daily and weekly digests: due at 07:00 in the person's time zone (weekly: Monday 07:00), one mail per
 * period, never a duplicate, nothing of a safe space. The clock is the `now` each run is given, and the
 * notifications' times are set, so nothing depends on when the tests run.
 */
import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { digestDay, digestPeriods, runDigests } from '../../../app/modules/notifications/digest.server.ts'
import { mailWorkerForFile } from '../../support/mail-worker.ts'
import { createReply, createSpace, createThread, enterSafeSpace, join, mailsTo, notificationsOf, notifyPost, person } from './helpers.ts'
import { listHeaders } from './mail.ts'

const caught = mailWorkerForFile()

const DAY = 86_400_000
const HOUR = 3_600_000

/** Puts a person's waiting notifications at a chosen moment. */
const waitingSince = (userId: string, iso: string) =>
  db.notification.updateMany({ where: { userId, digestPending: true }, data: { createdAt: new Date(iso) } })

async function digestReader(discussionEmail: 'DAILY' | 'WEEKLY', extra: { lastDigestAt?: Date } = {}) {
  const u = await person({ name: 'Zeynep' })
  await db.user.update({ where: { id: u.id }, data: { discussionEmail, timeZone: 'Europe/Istanbul', ...extra } })
  return u
}

/** A reply to a thread `recipient` started, by someone else, in `space`. */
async function replyFor(recipient: { id: string }, space: { id: string }, title: string, body: string) {
  const author = await person({ name: 'Mert' })
  const { thread } = await createThread(space.id, recipient.id, title, 'Opening')
  const reply = await createReply(thread.id, author.id, body)
  await notifyPost(reply.id)
  return { thread, reply }
}

describe('digest day', () => {
  it('starts at 07:00 in the person’s time zone', () => {
    // 06:59 and 07:01 in Istanbul (UTC+3) on 10 January belong to different digest days.
    expect(digestDay(new Date('2030-01-10T03:59:00Z'), 'Europe/Istanbul')).toBe('2030-01-09')
    expect(digestDay(new Date('2030-01-10T04:01:00Z'), 'Europe/Istanbul')).toBe('2030-01-10')
    expect(digestDay(new Date('2030-01-10T04:01:00Z'), 'Not/AZone')).toBe('2030-01-10')
  })
})

describe('digest periods', () => {
  it('a day from 07:00 local, a week from Monday 07:00 local, summer time included', () => {
    // Wednesday 15 January 2030, 12:00 in Istanbul (UTC+3 all year).
    const ist = digestPeriods(new Date('2030-01-15T09:00:00Z'), 'Europe/Istanbul')
    expect(ist.daily).toEqual({ key: 'D:2030-01-15', startsAt: new Date('2030-01-15T04:00:00Z') })
    expect(ist.weekly).toEqual({ key: 'W:2030-01-14', startsAt: new Date('2030-01-14T04:00:00Z') })
    // Monday 06:30 in Istanbul still belongs to the week before.
    expect(digestPeriods(new Date('2030-01-14T03:30:00Z'), 'Europe/Istanbul').weekly.key).toBe('W:2030-01-07')
    // Berlin on the morning summer time begins (31 March 2030, clocks go 02:00 → 03:00): 07:00 is 05:00 UTC.
    expect(digestPeriods(new Date('2030-03-31T06:00:00Z'), 'Europe/Berlin').daily.startsAt).toEqual(new Date('2030-03-31T05:00:00Z'))
    // …and the day before, in winter time, 06:00 UTC.
    expect(digestPeriods(new Date('2030-03-30T12:00:00Z'), 'Europe/Berlin').daily.startsAt).toEqual(new Date('2030-03-30T06:00:00Z'))
    // Half-hour zones and unknown ones.
    expect(digestPeriods(new Date('2030-01-15T09:00:00Z'), 'Asia/Kolkata').daily.startsAt).toEqual(new Date('2030-01-15T01:30:00Z'))
    expect(digestPeriods(new Date('2030-01-15T09:00:00Z'), 'Not/AZone').daily.key).toBe('D:2030-01-15')
  })
})

describe('daily digest', () => {
  it('sends one mail for everything pending, even when two runs race, and never again for the same entries', async () => {
    const u = await digestReader('DAILY')
    const open = await createSpace({ nameEn: 'Advocacy' })
    const safe = await createSpace({ safeSpace: true, nameEn: 'Hidden Circle', nameTr: 'Gizli Çember' })
    await join(safe.id, u.id)
    await enterSafeSpace(safe.id, u.id)
    await replyFor(u, open, 'Campaign plans', 'Let us meet on Monday')
    await replyFor(u, open, 'Budget', 'Numbers attached')
    await replyFor(u, safe, 'Private pain', 'Very personal words')
    expect((await notificationsOf(u.id)).every((n) => n.digestPending)).toBe(true)
    expect(await mailsTo(u.id)).toEqual([])
    // Nothing before the morning: the next hourly run after the replies is not when a daily digest goes out.
    const morning = digestPeriods(new Date(Date.now() + DAY), 'Europe/Istanbul').daily.startsAt.getTime()
    expect((await runDigests(new Date(Math.min(Date.now() + HOUR, morning - 60_000)))).get(u.id)).toBe('notDue')

    // The next morning, 07:05 in Istanbul.
    const now = new Date(morning + 5 * 60_000)
    const [a, b] = await Promise.all([runDigests(now), runDigests(now)])
    expect([a.get(u.id), b.get(u.id)].filter((o) => o === 'sent')).toHaveLength(1)
    const mails = await mailsTo(u.id)
    expect(mails).toHaveLength(1)
    expect(mails[0].template).toBe('discussion.digest')
    expect((await notificationsOf(u.id)).some((n) => n.digestPending)).toBe(false)
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).lastDigestAt).toEqual(now)

    // A re-run (a retried job, the next hour) sends nothing more.
    await runDigests(new Date(now.getTime() + 3_600_000))
    await runDigests(new Date(now.getTime() + 2 * DAY))
    expect(await mailsTo(u.id)).toHaveLength(1)

    const mail = await caught.smtp.waitFor((m) => m.to.includes(u.email))
    expect(mail.subject).toBe('Daily digest: 3 new notifications on birlikte')
    expect(mail.text).toContain('Mert replied to your post in “Campaign plans” in Advocacy.')
    expect(mail.text).toContain('Mert replied to your post in “Budget” in Advocacy.')
    expect(mail.text).toContain('New activity in a safe space you take part in')
    for (const secret of ['Private pain', 'Very personal', 'Hidden Circle', 'Gizli Çember'])
      for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain(secret)
    expect(listHeaders(mail)).toMatchObject({ post: 'List-Unsubscribe=One-Click' })
    expect(mail.text).toContain(listHeaders(mail).unsubscribe!)
    await new Promise((r) => setTimeout(r, 1000))
    expect(caught.smtp.messages.filter((m) => m.to.includes(u.email))).toHaveLength(1)
  })

  it('goes out at 07:00 local with what waited from before, once per day whatever the retries', async () => {
    const u = await digestReader('DAILY')
    const space = await createSpace()
    await replyFor(u, space, 'Topic', 'Body')
    await waitingSince(u.id, '2030-01-10T05:00:00Z') // 08:00 in Istanbul
    expect((await runDigests(new Date('2030-01-10T06:05:00Z'))).get(u.id)).toBe('notDue') // the next hourly run
    expect((await runDigests(new Date('2030-01-10T20:00:00Z'))).get(u.id)).toBe('notDue') // 23:00 the same day
    expect((await runDigests(new Date('2030-01-11T03:30:00Z'))).get(u.id)).toBe('notDue') // 06:30 the next morning
    expect((await runDigests(new Date('2030-01-11T04:05:00Z'))).get(u.id)).toBe('sent') // 07:05
    expect(await db.digestRun.findMany({ where: { userId: u.id }, select: { period: true } })).toEqual([{ period: 'D:2030-01-11' }])

    // Something that waited from before 07:00 but turns up later (a setting changed back to daily, a
    // retried job after a restart) does not make a second digest that day…
    await replyFor(u, space, 'Late', 'Body')
    await waitingSince(u.id, '2030-01-11T02:00:00Z')
    expect((await runDigests(new Date('2030-01-11T06:00:00Z'))).get(u.id)).toBe('notDue')
    expect((await runDigests(new Date('2030-01-11T20:00:00Z'))).get(u.id)).toBe('notDue')
    // …it goes out the next morning.
    expect((await runDigests(new Date('2030-01-12T04:05:00Z'))).get(u.id)).toBe('sent')
    expect(await mailsTo(u.id)).toHaveLength(2)
  })

  it('the database refuses a second digest for the same person and day', async () => {
    const u = await digestReader('DAILY')
    await db.digestRun.create({ data: { userId: u.id, period: 'D:2030-01-11' } })
    await expect(db.digestRun.create({ data: { userId: u.id, period: 'D:2030-01-11' } })).rejects.toThrow()
  })
})

describe('weekly digest', () => {
  it('goes out on Monday at 07:00 local with the week before', async () => {
    const u = await digestReader('WEEKLY')
    await replyFor(u, await createSpace(), 'Topic', 'Body')
    await waitingSince(u.id, '2030-01-09T10:00:00Z') // a Wednesday
    expect((await runDigests(new Date('2030-01-10T04:05:00Z'))).get(u.id)).toBe('notDue') // Thursday morning
    expect((await runDigests(new Date('2030-01-12T10:00:00Z'))).get(u.id)).toBe('notDue') // Saturday
    expect((await runDigests(new Date('2030-01-14T03:59:00Z'))).get(u.id)).toBe('notDue') // Monday 06:59
    expect((await runDigests(new Date('2030-01-14T04:05:00Z'))).get(u.id)).toBe('sent') // Monday 07:05
    const [mail] = await mailsTo(u.id)
    expect(mail.subject).toBe('Weekly digest: 1 new notification on birlikte')
    expect(mail.text).toContain('Here is what happened in your discussions this week.')
  })

  it('a space set to daily goes out daily while the person’s own weekly entries keep waiting', async () => {
    const u = await digestReader('WEEKLY')
    const dailySpace = await createSpace()
    await join(dailySpace.id, u.id, { email: 'DAILY' })
    await replyFor(u, dailySpace, 'Daily topic', 'Body')
    await replyFor(u, await createSpace(), 'Weekly topic', 'Body')
    await waitingSince(u.id, '2030-01-15T10:00:00Z') // Tuesday
    expect((await runDigests(new Date('2030-01-16T04:05:00Z'))).get(u.id)).toBe('sent') // Wednesday 07:05
    const [mail] = await mailsTo(u.id)
    expect(mail.text).toContain('Daily topic')
    expect(mail.text).not.toContain('Weekly topic')
    expect((await notificationsOf(u.id)).filter((n) => n.digestPending)).toHaveLength(1)
  })
})

describe('changing one’s mind', () => {
  it('entries waiting for a digest are dropped, not mailed, once the person chooses no mail', async () => {
    const u = await digestReader('DAILY')
    await replyFor(u, await createSpace(), 'Topic', 'Body')
    await db.user.update({ where: { id: u.id }, data: { discussionEmail: 'NONE' } })
    expect((await runDigests(new Date())).get(u.id)).toBe('cleared')
    expect(await mailsTo(u.id)).toEqual([])
    expect((await notificationsOf(u.id)).some((n) => n.digestPending)).toBe(false)
  })

  it('keeps entries waiting for a suspended person and sends nothing', async () => {
    const u = await digestReader('DAILY')
    await replyFor(u, await createSpace(), 'Topic', 'Body')
    await db.user.update({ where: { id: u.id }, data: { suspendedUntil: new Date(Date.now() + DAY) } })
    expect((await runDigests(new Date())).get(u.id)).toBe('held')
    expect(await mailsTo(u.id)).toEqual([])
    expect((await notificationsOf(u.id)).every((n) => n.digestPending)).toBe(true)
  })
})
