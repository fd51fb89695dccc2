/** Daily and weekly digests: due at the right time, one mail, never a duplicate, nothing of a safe space. */
import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { digestDay, runDigests } from '../../../app/modules/notifications/digest.server.ts'
import { mailWorkerForFile } from '../../support/mail-worker.ts'
import { createReply, createSpace, createThread, enterSafeSpace, join, mailsTo, notificationsOf, notifyPost, person } from './helpers.ts'
import { listHeaders } from './mail.ts'

const caught = mailWorkerForFile()

const DAY = 86_400_000

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

    const now = new Date()
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
    expect(mail.subject).toBe('3 new notifications on birlikte')
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

  it('waits for the next digest day (07:00 local) after the last digest', async () => {
    const lastDigestAt = new Date('2030-01-10T05:00:00Z') // 08:00 in Istanbul
    const u = await digestReader('DAILY', { lastDigestAt })
    await replyFor(u, await createSpace(), 'Topic', 'Body')
    expect((await runDigests(new Date('2030-01-10T20:00:00Z'))).get(u.id)).toBe('notDue') // 23:00 the same day
    expect((await runDigests(new Date('2030-01-11T03:30:00Z'))).get(u.id)).toBe('notDue') // 06:30 the next morning
    expect((await runDigests(new Date('2030-01-11T04:05:00Z'))).get(u.id)).toBe('sent') // 07:05
    expect(await mailsTo(u.id)).toHaveLength(1)
  })
})

describe('weekly digest', () => {
  it('goes out once the oldest waiting entry is a week old', async () => {
    const u = await digestReader('WEEKLY')
    await replyFor(u, await createSpace(), 'Topic', 'Body')
    expect((await runDigests(new Date(Date.now() + 3 * DAY))).get(u.id)).toBe('notDue')
    expect((await runDigests(new Date(Date.now() + 7 * DAY))).get(u.id)).toBe('sent')
    const [mail] = await mailsTo(u.id)
    expect(mail.subject).toBe('1 new notification on birlikte')
    expect(mail.text).toContain('Here is what happened in your discussions this week.')
  })

  it('a space set to daily goes out daily while the person’s own weekly entries keep waiting', async () => {
    const u = await digestReader('WEEKLY')
    const dailySpace = await createSpace()
    await join(dailySpace.id, u.id, { email: 'DAILY' })
    await replyFor(u, dailySpace, 'Daily topic', 'Body')
    await replyFor(u, await createSpace(), 'Weekly topic', 'Body')
    expect((await runDigests(new Date())).get(u.id)).toBe('sent')
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
