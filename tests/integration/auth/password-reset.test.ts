import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { linkIn, startSmtpCatcher } from '../../support/smtp.ts'
import { readable, signedIn, statusOf, type App } from './helpers.ts'

let app: App
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
const NEW_PASSWORD = 'Yepyeni-parola-2026'

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, RATE_LIMIT_FACTOR: '20' } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

/** The visible page, without what legitimately differs between two responses (the CSP nonce). */
const comparable = (html: string) => html.replace(/nonce="[^"]*"/g, '')

async function requestReset(email: string) {
  const res = await TestClient.for(app).post('/forgot-password', { email })
  return { status: res.status, html: await res.text() }
}

describe('forgotten password', () => {
  it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
    const user = await createUser()
    const known = await requestReset(user.email)
    const unknown = await requestReset('nobody-at-all@example.org')
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(readable(known.html)).toContain('If an account exists for that address')
    expect(comparable(unknown.html)).toBe(comparable(known.html))

    await smtp.waitFor((m) => m.to.includes(user.email))
    expect(await db.outboxMail.count({ where: { to: 'nobody-at-all@example.org' } })).toBe(0)
    expect(smtp.messages.some((m) => m.to.includes('nobody-at-all@example.org'))).toBe(false)
  })

  it('resets the password: old sessions end, the new password works, the old one and the link do not', async () => {
    const user = await createUser({ verified: false, locale: 'tr' })
    const laptop = await signedIn(app, user.email, user.password, { remember: true })
    const phone = await signedIn(app, user.email, user.password)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2)

    expect(await statusOf(TestClient.for(app).post('/forgot-password', { email: user.email }))).toBe(200)
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.includes('sıfırlayın'))
    expect(mail.subject).toBe('birlikte parolanızı sıfırlayın')
    const link = new URL(linkIn(mail, '/reset-password'))
    const path = link.pathname + link.search

    const browser = TestClient.for(app)
    // Looking at the form does not use the link up.
    for (let i = 0; i < 2; i++) {
      const form = await browser.page(path)
      expect(form.res.status).toBe(200)
      expect(readable(form.html)).toContain('Choose a new password')
    }

    const weak = await browser.post(path, { token: link.searchParams.get('token')!, password: 'abc' })
    expect(weak.status).toBe(400)
    expect(readable(await weak.text())).toContain('Choose a stronger password')

    const done = await browser.post(path, { token: link.searchParams.get('token')!, password: NEW_PASSWORD })
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/login?reset=1')

    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
    for (const client of [laptop, phone]) {
      const res = await client.get('/settings')
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toMatch(/^\/login/)
    }

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(after.emailVerifiedAt).not.toBeNull()
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'account.passwordReset', targetId: user.id } })
    expect(audit.actorId).toBe(user.id)

    const changedMail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject === 'birlikte parolanız değiştirildi')
    expect(changedMail.text).toContain('sıfırlandı')

    const notice = await browser.page('/login?reset=1')
    expect(readable(notice.html)).toContain('Sign in with your new password')

    expect(await statusOf(TestClient.for(app).post('/login', { email: user.email, password: user.password }))).toBe(400)
    await signedIn(app, user.email, NEW_PASSWORD)

    const reused = await TestClient.for(app).get(path)
    expect(reused.status).toBe(410)
    expect(readable(await reused.text())).toContain('This reset link has expired or was already used')
    const reusedPost = await TestClient.for(app).post(path, { token: link.searchParams.get('token')!, password: 'Another-new-one-77' })
    expect(reusedPost.status).toBe(410)
    await reusedPost.text()
    await signedIn(app, user.email, NEW_PASSWORD)
  })

  it('refuses an expired reset link and an older one replaced by a newer request', async () => {
    const user = await createUser()
    expect(await statusOf(TestClient.for(app).post('/forgot-password', { email: user.email }))).toBe(200)
    const first = new URL(linkIn(await smtp.waitFor((m) => m.to.includes(user.email)), '/reset-password'))
    expect(await statusOf(TestClient.for(app).post('/forgot-password', { email: user.email }))).toBe(200)
    await expect.poll(() => smtp.messages.filter((m) => m.to.includes(user.email)).length, { timeout: 15_000 }).toBe(2)
    const second = new URL(linkIn(smtp.messages.filter((m) => m.to.includes(user.email))[1], '/reset-password'))

    expect(await statusOf(TestClient.for(app).get(first.pathname + first.search))).toBe(410)
    expect(await statusOf(TestClient.for(app).get(second.pathname + second.search))).toBe(200)

    await db.oneTimeToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await TestClient.for(app).post(second.pathname + second.search, {
      token: second.searchParams.get('token')!,
      password: NEW_PASSWORD,
    })
    expect(expired.status).toBe(410)
    expect(readable(await expired.text())).toContain('Request a new link')
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash)
    expect(await statusOf(TestClient.for(app).get('/reset-password'))).toBe(410)
  })

  it('refuses a forgot-password request with an invalid address, keeping it', async () => {
    const res = await TestClient.for(app).post('/forgot-password', { email: 'not an address' })
    expect(res.status).toBe(400)
    const html = readable(await res.text())
    expect(html).toContain('Enter a valid e-mail address')
    expect(html).toContain('value="not an address"')
  })
})
