import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { linkIn, startSmtpCatcher } from '../../support/smtp.ts'
import { fieldValue, readable, statusOf, uniqueEmail, type App } from './helpers.ts'

let app: App
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
const PASSWORD = 'Kestane-kebap-1923'

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  // Many sign-ups come from one test address; the limits themselves are tested in rate-limits.test.ts.
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, RATE_LIMIT_FACTOR: '20' } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

describe('sign-up and e-mail verification', () => {
  it('signs up, mails a link in the chosen language, verifies, then signs in', async () => {
    const client = TestClient.for(app)
    const email = uniqueEmail('new')
    const form = await client.page('/signup')
    expect(form.res.status).toBe(200)
    // The password rules are shown before anything is typed.
    expect(readable(form.html)).toContain('At least 10 characters')

    const res = await client.post('/signup', { name: 'Ayşe Yılmaz', email: email.toUpperCase(), password: PASSWORD, locale: 'tr' })
    expect(res.status).toBe(200)
    const html = readable(await res.text())
    expect(html).toContain('Check your inbox')
    expect(html).toContain(email)
    expect(client.cookies.has('birlikte_session')).toBe(false)

    const user = await db.user.findUniqueOrThrow({ where: { email } })
    expect(user.emailVerifiedAt).toBeNull()
    expect(user.locale).toBe('tr')
    expect(user.name).toBe('Ayşe Yılmaz')

    const mail = await smtp.waitFor((m) => m.to.includes(email))
    expect(mail.subject).toBe('birlikte için e-posta adresinizi doğrulayın')
    expect(mail.text).toContain('Merhaba Ayşe Yılmaz')
    const link = linkIn(mail, '/verify-email')
    const url = new URL(link)
    expect(url.searchParams.get('token')).toMatch(/^[\w-]{43}$/)
    // Only the hash is stored.
    const stored = await db.oneTimeToken.findFirstOrThrow({ where: { userId: user.id } })
    expect(stored.tokenHash).not.toContain(url.searchParams.get('token'))

    const verify = await client.get(url.pathname + url.search)
    expect(verify.status).toBe(302)
    expect(verify.headers.get('location')).toBe('/login?verified=1')
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull()

    const login = await client.page('/login?verified=1')
    expect(readable(login.html)).toContain('your e-mail address is confirmed')

    const signIn = await client.post('/login', { email, password: PASSWORD })
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('location')).toBe('/')
    const home = await client.page('/')
    // The account's language applies once signed in, and the header offers the account's actions.
    expect(home.html).toContain('<html lang="tr"')
    expect(home.html).toContain('Çıkış yap')
    expect(home.html).toContain('href="/settings"')
    expect(readable(home.html)).toContain('Ayşe Yılmaz')
    expect(home.html).not.toContain('Lütfen e-posta adresinizi doğrulayın')
  })

  it('answers an already registered address exactly like a new one, and mails its owner instead', async () => {
    const existing = await createUser({ locale: 'en' })
    const client = TestClient.for(app)
    const res = await client.post('/signup', { name: 'Someone Else', email: existing.email, password: PASSWORD, locale: 'tr' })
    expect(res.status).toBe(200)
    const html = readable(await res.text())
    expect(html).toContain('Check your inbox')
    expect(html).toContain(existing.email)

    const mail = await smtp.waitFor((m) => m.to.includes(existing.email))
    expect(mail.subject).toBe('Someone tried to sign up with your address')
    expect(linkIn(mail, '/login')).toBeTruthy()
    expect(linkIn(mail, '/forgot-password')).toBeTruthy()
    expect(mail.text).not.toContain('/verify-email')

    expect(await db.user.count({ where: { email: existing.email } })).toBe(1)
    const after = await db.user.findUniqueOrThrow({ where: { id: existing.id } })
    expect(after.name).toBe(existing.name)
    expect(after.passwordHash).toBe(existing.passwordHash)
    expect(await db.oneTimeToken.count({ where: { userId: existing.id } })).toBe(0)
  })

  it('refuses a weak or common password and an invalid e-mail with field errors, keeping what was typed', async () => {
    const client = TestClient.for(app)
    const email = uniqueEmail('weak')
    const weak = await client.post('/signup', { name: 'Deniz Kaya', email, password: 'short1', locale: 'en' })
    expect(weak.status).toBe(400)
    const weakHtml = readable(await weak.text())
    expect(weakHtml).toContain('Choose a stronger password')
    expect(fieldValue(weakHtml, 'name')).toBe('Deniz Kaya')
    expect(fieldValue(weakHtml, 'email')).toBe(email)
    expect(fieldValue(weakHtml, 'password')).toBe('')
    expect(weakHtml).toContain('aria-invalid="true"')

    const common = await client.post('/signup', { name: 'Deniz Kaya', email, password: 'galatasaray', locale: 'en' })
    expect(common.status).toBe(400)
    expect(readable(await common.text())).toContain('This password is too common')

    const containsEmail = await client.post('/signup', { name: 'Deniz Kaya', email, password: `${email}-X1`, locale: 'en' })
    expect(containsEmail.status).toBe(400)
    expect(readable(await containsEmail.text())).toContain('must not contain your e-mail address')

    const badEmail = await client.post('/signup', { name: 'Deniz Kaya', email: 'deniz@', password: PASSWORD, locale: 'en' })
    expect(badEmail.status).toBe(400)
    const badHtml = readable(await badEmail.text())
    expect(badHtml).toContain('Enter a valid e-mail address')
    expect(fieldValue(badHtml, 'email')).toBe('deniz@')

    const shortName = await client.post('/signup', { name: 'D', email, password: PASSWORD, locale: 'en' })
    expect(shortName.status).toBe(400)
    expect(readable(await shortName.text())).toContain('Use at least 2 characters')

    expect(await db.user.count({ where: { email: { in: [email, 'deniz@'] } } })).toBe(0)
  })

  it('refuses a name with invalid UTF-8 or a NUL character', async () => {
    const client = TestClient.for(app)
    const email = uniqueEmail('bytes')
    // Raw bytes: "Ay" + an invalid UTF-8 sequence; the decoder turns it into U+FFFD.
    const body = Buffer.concat([
      Buffer.from('name=Ay'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`se&email=${encodeURIComponent(email)}&password=${PASSWORD}&locale=en`),
    ])
    const bad = await client.request('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
    expect(bad.status).toBe(400)
    expect(readable(await bad.text())).toContain('characters that could not be read')

    const nul = await client.post('/signup', { name: 'Ay\u0000se', email, password: PASSWORD, locale: 'en' })
    expect(nul.status).toBe(400)
    expect(readable(await nul.text())).toContain('characters that could not be read')
    expect(await db.user.count({ where: { email } })).toBe(0)
  })

  it('uses a verification link once only', async () => {
    const client = TestClient.for(app)
    const email = uniqueEmail('once')
    expect(await statusOf(client.post('/signup', { name: 'Once Only', email, password: PASSWORD, locale: 'en' }))).toBe(200)
    const link = new URL(linkIn(await smtp.waitFor((m) => m.to.includes(email)), '/verify-email'))
    const first = await client.get(link.pathname + link.search)
    expect(first.status).toBe(302)
    const second = await client.get(link.pathname + link.search)
    expect(second.status).toBe(410)
    const html = readable(await second.text())
    expect(html).toContain('This confirmation link does not work any more')
    expect(html).toContain('Sign in to get a new link')
  })

  it('refuses an expired, unknown or superseded link, and offers a new one to the signed-in user', async () => {
    const client = TestClient.for(app)
    const email = uniqueEmail('expired')
    expect(await statusOf(client.post('/signup', { name: 'Late Reader', email, password: PASSWORD, locale: 'en' }))).toBe(200)
    const link = new URL(linkIn(await smtp.waitFor((m) => m.to.includes(email)), '/verify-email'))
    const user = await db.user.findUniqueOrThrow({ where: { email } })
    await db.oneTimeToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } })

    const expired = await client.get(link.pathname + link.search)
    expect(expired.status).toBe(410)
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull()

    const unknown = await client.get('/verify-email?token=' + 'x'.repeat(43))
    expect(unknown.status).toBe(410)
    const garbage = await client.get('/verify-email?token=%FF%FE')
    expect(garbage.status).toBe(410)
    // A NUL never reaches the route: the server refuses it in any address.
    expect(await statusOf(client.get('/verify-email?token=%00%FF'))).toBe(400)

    // Unverified users may sign in; the banner asks them to confirm and offers a new link.
    const signIn = await client.post('/login', { email, password: PASSWORD })
    expect(signIn.status).toBe(302)
    const home = await client.page('/')
    expect(readable(home.html)).toContain('Please confirm your e-mail address')
    expect(home.html).toMatch(/action="\/verify-email"/)

    const failedPage = await client.get(link.pathname + link.search)
    expect(failedPage.status).toBe(410)
    expect(readable(await failedPage.text())).toContain('Send the link again')

    const resend = await client.post('/verify-email', { intent: 'resend' })
    expect(resend.status).toBe(200)
    expect(readable(await resend.text())).toContain(`A new link is on its way to ${email}`)
    const mails = () => smtp.messages.filter((m) => m.to.includes(email))
    await expect.poll(() => mails().length, { timeout: 15_000 }).toBe(2)
    const fresh = new URL(linkIn(mails()[1], '/verify-email'))
    expect(fresh.search).not.toBe(link.search)

    const ok = await client.get(fresh.pathname + fresh.search)
    expect(ok.status).toBe(302)
    expect(ok.headers.get('location')).toBe('/?verified=1')
    const confirmed = await client.page('/?verified=1')
    expect(readable(confirmed.html)).toContain('Thank you, your e-mail address is confirmed.')
    expect(readable(confirmed.html)).not.toContain('Please confirm your e-mail address')
  })

  it('makes an older verification link stop working once a new one is sent', async () => {
    const user = await createUser({ verified: false })
    const client = TestClient.for(app)
    await client.post('/login', { email: user.email, password: user.password })
    expect(await statusOf(client.post('/verify-email', { intent: 'resend' }))).toBe(200)
    const first = new URL(linkIn(await smtp.waitFor((m) => m.to.includes(user.email)), '/verify-email'))
    expect(await statusOf(client.post('/verify-email', { intent: 'resend' }))).toBe(200)
    await expect.poll(() => smtp.messages.filter((m) => m.to.includes(user.email)).length, { timeout: 15_000 }).toBe(2)
    expect(await statusOf(TestClient.for(app).get(first.pathname + first.search))).toBe(410)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull()
  })

  it('does not let a signed-out visitor ask for a new link, and sends signed-in users back from /signup', async () => {
    const anonymous = TestClient.for(app)
    const res = await anonymous.post('/verify-email', { intent: 'resend' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/)

    const user = await createUser()
    const client = TestClient.for(app)
    await client.post('/login', { email: user.email, password: user.password })
    const signup = await client.get('/signup')
    expect(signup.status).toBe(302)
    expect(signup.headers.get('location')).toBe('/')
  })
})
