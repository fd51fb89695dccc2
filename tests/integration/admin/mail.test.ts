import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { sendMail } from '../../../app/modules/mail/outbox.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { createUser } from '../../support/factories.ts'
import { signIn, statusOf } from '../api/support.ts'

// No SMTP_URL at first: the worker holds every mail, as on a fresh install.
let app: Awaited<ReturnType<typeof startTestApp>>
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let admin: TestClient
beforeAll(async () => {
  delete process.env.SMTP_URL
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true })
  admin = await signIn(app, await createUser({ role: 'ADMIN', name: 'Admin Ada' }))
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

async function waitForStatus(id: string, status: string) {
  for (let i = 0; i < 100; i++) {
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id } })
    if (row.status === status) return row
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`mail ${id} never became ${status}`)
}

const heldMail = async (to: string, subject: string) => {
  const id = await sendMail({
    to,
    locale: 'tr',
    template: 'test.welcome',
    content: {
      subject,
      paragraphs: ['Merhaba <dünya> & hoş geldiniz.'],
      action: { label: 'Aç', url: 'https://example.org/verify-email?token=abc' },
    },
  })
  return waitForStatus(id, 'HELD')
}

describe('outgoing mail', () => {
  it('lists a held mail, says plainly that nothing is sent without SMTP_URL, and filters by status', async () => {
    const mail = await heldMail('held@example.org', 'Held subject one')
    const { res, html } = await admin.page('/admin/mail')
    expect(res.status).toBe(200)
    expect(html).toContain('Mail is not being sent.')
    expect(html).toContain('SMTP_URL')
    expect(html).toContain(`href="/admin/mail/${mail.id}"`)
    expect(html).toContain('Held subject one')
    expect(html).toContain('held@example.org')
    expect(html).toContain('Held (not sent)')
    expect(html).toContain('test.welcome')
    expect((await admin.page('/admin/mail?status=SENT')).html).not.toContain('Held subject one')
    expect((await admin.page('/admin/mail?status=HELD')).html).toContain('Held subject one')
    // The dashboard counts it and links to the list.
    const dash = await admin.page('/admin')
    expect(dash.html).toMatch(/>1<\/span><span[^>]*>mail held, not sent</)
    expect(dash.html).toContain('href="/admin/mail?status=HELD"')
  })

  it('shows the text version, and the HTML source escaped inside <details><pre>', async () => {
    const mail = await heldMail('reader@example.org', 'Readable subject')
    const { html } = await admin.page(`/admin/mail/${mail.id}`)
    expect(html).toContain('Merhaba &lt;dünya&gt; &amp; hoş geldiniz.')
    expect(html).toContain('https://example.org/verify-email?token=abc')
    expect(html).toMatch(/<details[^>]*>\s*<summary[^>]*>HTML source<\/summary>\s*<pre[^>]*><code>&lt;!doctype html&gt;/)
    expect(html).toContain('Send again')
    expect((await admin.page('/admin/mail/nope')).res.status).toBe(404)
  })

  it('“send again” puts a held mail back in the queue and it is delivered once SMTP is set', async () => {
    const mail = await heldMail('later@example.org', 'Deliver me later')
    process.env.SMTP_URL = smtp.url
    try {
      const res = await admin.post(`/admin/mail/${mail.id}`, { intent: 'resend' })
      expect(await statusOf(res)).toBe(302)
      expect(res.headers.get('location')).toBe(`/admin/mail/${mail.id}?done=resent`)
      const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'mail.resend', targetId: mail.id } })
      expect(audit).toMatchObject({ targetType: 'mail', data: { previousStatus: 'HELD', to: 'later@example.org' } })
      const received = await smtp.waitFor((m) => m.to.includes('later@example.org'))
      expect(received.subject).toBe('Deliver me later')
      const sent = await waitForStatus(mail.id, 'SENT')
      expect(sent.attempts).toBe(2)
      expect(sent.sentAt).not.toBeNull()

      // A sent mail cannot be sent again: the form is gone and a forged post is refused.
      const page = await admin.page(`/admin/mail/${mail.id}`)
      expect(page.html).not.toContain('name="intent" value="resend"')
      const again = await admin.post(`/admin/mail/${mail.id}`, { intent: 'resend' })
      expect(again.status).toBe(409)
      expect(await again.text()).toContain('Only held or failed mails can be sent again')
      expect((await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('SENT')
    } finally {
      delete process.env.SMTP_URL
    }
  })

  it('resets a FAILED mail to PENDING and queues it', async () => {
    const failed = await db.outboxMail.create({
      data: {
        to: 'bounced@example.org',
        subject: 'Bounced',
        text: 't',
        html: '<p>t</p>',
        template: 't',
        locale: 'en',
        status: 'FAILED',
        attempts: 7,
        lastError: '550 mailbox unavailable',
      },
    })
    expect(await statusOf(admin.post(`/admin/mail/${failed.id}`, { intent: 'resend' }))).toBe(302)
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id: failed.id } })
    // The worker picks it up at once and, with no SMTP server, holds it: either way it left FAILED.
    expect(['PENDING', 'HELD']).toContain(row.status)
    expect(row.lastError).toBeNull()
    const jobs = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send' AND data->>'id' = $1`,
      failed.id,
    )
    expect(jobs[0].n).toBe(1)
  })
})
