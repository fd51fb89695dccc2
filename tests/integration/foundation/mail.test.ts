/** The outbox: every mail is a row first, delivered by a durable job, never lost, never sent twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import { dispatchMail, queueMail, sendMail } from '~/modules/mail/outbox.server'
import { deliverMail } from '~/modules/mail/deliver.server'
import { getBoss } from '~/modules/jobs/queue.server'
import { QUEUES } from '~/modules/jobs/queue.server'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { startTestApp } from '../../support/app.ts'

const content = (subject: string) => ({
  subject,
  paragraphs: ['Merhaba <dünya> & "herkes"'],
  action: { label: 'Aç', url: 'http://localhost/x?a=1&b=2' },
})

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let app: Awaited<ReturnType<typeof startTestApp>>

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

describe('mail outbox', () => {
  it('delivers a queued mail through the job worker to a real SMTP server', async () => {
    const id = await sendMail({ to: 'ayse@example.org', locale: 'tr', template: 'test.hello', content: content('Merhaba') })
    const mail = await smtp.waitFor((m) => m.subject === 'Merhaba')
    expect(mail.to).toEqual(['ayse@example.org'])
    expect(mail.text).toContain('Merhaba <dünya> & "herkes"')
    expect(mail.html).toContain('Merhaba &lt;dünya&gt; &amp; &quot;herkes&quot;')
    expect(mail.html).toContain('<html lang="tr">')
    expect(mail.headers['x-birlikte-mail-id']).toBe(id)
    await expect.poll(async () => (await db.outboxMail.findUnique({ where: { id } }))?.status).toBe('SENT')
  })

  it('keeps a mail whose job was lost (crash between commit and enqueue) and the sweep sends it', async () => {
    const { id } = await queueMail(db, { to: 'lost@example.org', locale: 'en', template: 'test.lost', content: content('Lost and found') })
    await db.outboxMail.update({ where: { id }, data: { createdAt: new Date(Date.now() - 5 * 60_000) } })
    const boss = await getBoss()
    await boss.send(QUEUES.mailSweep, {})
    await smtp.waitFor((m) => m.subject === 'Lost and found')
    await expect.poll(async () => (await db.outboxMail.findUnique({ where: { id } }))?.status).toBe('SENT')
  })

  it('records an SMTP failure, keeps the mail pending for a retry, then sends it once', async () => {
    const { id } = await queueMail(db, { to: 'retry@example.org', locale: 'en', template: 'test.retry', content: content('Retry me') })
    smtp.failNext(1)
    await expect(deliverMail(id)).rejects.toThrow()
    const failed = await db.outboxMail.findUniqueOrThrow({ where: { id } })
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1 })
    expect(failed.lastError).toBeTruthy()
    expect(await deliverMail(id)).toBe('sent')
    expect(await deliverMail(id)).toBe('skipped')
    await dispatchMail(id) // a duplicate job for a sent mail changes nothing
    await new Promise((r) => setTimeout(r, 1500))
    expect(smtp.messages.filter((m) => m.subject === 'Retry me')).toHaveLength(1)
  })

  it('marks the mail FAILED after its last attempt', async () => {
    const { id } = await queueMail(db, { to: 'never@example.org', locale: 'en', template: 'test.fail', content: content('Never') })
    smtp.failNext(1)
    expect(await deliverMail(id, { finalAttempt: true })).toBe('skipped')
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id } })).status).toBe('FAILED')
  })

  it('holds mail for admins to read when no SMTP server is configured', async () => {
    const previous = process.env.SMTP_URL
    delete process.env.SMTP_URL
    try {
      const { id } = await queueMail(db, { to: 'held@example.org', locale: 'en', template: 'test.held', content: content('Held') })
      expect(await deliverMail(id)).toBe('held')
      expect((await db.outboxMail.findUniqueOrThrow({ where: { id } })).status).toBe('HELD')
    } finally {
      process.env.SMTP_URL = previous
    }
  })
})
