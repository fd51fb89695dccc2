import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { fieldValue, readable, signedIn, type App } from './helpers.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_FACTOR: '20' } })
})
afterAll(() => app?.close())

const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('birlikte_session='))

describe('sign in and out', () => {
  it('keeps a remembered session with Max-Age, and a browser-session cookie otherwise', async () => {
    const user = await createUser()
    const remembered = await TestClient.for(app).post('/login', { email: user.email, password: user.password, remember: 'on' })
    expect(remembered.status).toBe(302)
    const persistent = sessionCookieOf(remembered)!
    expect(persistent).toMatch(/Max-Age=\d{6,}/i)
    expect(persistent).toMatch(/HttpOnly/i)
    expect(persistent).toMatch(/SameSite=Lax/i)

    const once = await TestClient.for(app).post('/login', { email: user.email, password: user.password })
    expect(once.status).toBe(302)
    const sessionOnly = sessionCookieOf(once)!
    expect(sessionOnly).toBeTruthy()
    expect(sessionOnly).not.toMatch(/Max-Age/i)
    expect(sessionOnly).not.toMatch(/Expires/i)
    expect(sessionOnly).toMatch(/HttpOnly/i)

    const rows = await db.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })
    expect(rows.map((r) => r.rememberMe)).toEqual([true, false])
    // The cookie value is never what the database stores.
    const cookieValue = persistent.split(';')[0].split('=')[1]
    expect(rows.some((r) => r.id === cookieValue)).toBe(false)
  })

  it('gives one answer for a wrong password and an unknown address, keeping the e-mail typed', async () => {
    const user = await createUser()
    const wrong = await TestClient.for(app).post('/login', { email: user.email, password: 'Not-the-password-1' })
    const unknown = await TestClient.for(app).post('/login', { email: 'nobody-here@example.org', password: 'Not-the-password-1' })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const wrongHtml = readable(await wrong.text())
    const unknownHtml = readable(await unknown.text())
    const message = 'The e-mail address or password is not correct.'
    expect(wrongHtml).toContain(message)
    expect(unknownHtml).toContain(message)
    expect(fieldValue(wrongHtml, 'email')).toBe(user.email)
    expect(fieldValue(wrongHtml, 'password')).toBe('')
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('birlikte_session=') && !c.startsWith('birlikte_session=;'))).toBe(false)
  })

  it('normalises the e-mail address and follows a safe redirectTo only', async () => {
    const user = await createUser()
    const client = TestClient.for(app)
    const res = await client.post('/login', {
      email: `  ${user.email.toUpperCase()} `,
      password: user.password,
      redirectTo: '/settings/sessions',
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/settings/sessions')

    const evil = await TestClient.for(app).post('/login', { email: user.email, password: user.password, redirectTo: '//evil.example/x' })
    expect(evil.headers.get('location')).toBe('/')

    // Signed-out visitors of a protected page come back to it after signing in.
    const fresh = TestClient.for(app)
    const protectedPage = await fresh.get('/settings/tokens')
    expect(protectedPage.status).toBe(302)
    const loginUrl = protectedPage.headers.get('location')!
    expect(loginUrl).toBe('/login?redirectTo=%2Fsettings%2Ftokens')
    const form = await fresh.page(loginUrl)
    // (The language switch has a redirectTo of its own; the sign-in form's is the page to return to.)
    expect(form.html).toMatch(/name="redirectTo" value="\/settings\/tokens"/)
  })

  it('refuses a suspended account and says until when', async () => {
    const until = new Date(Date.UTC(2031, 4, 19, 9, 0))
    const user = await createUser()
    await db.user.update({ where: { id: user.id }, data: { suspendedUntil: until, suspendedReason: 'Repeated spam' } })
    const res = await TestClient.for(app).post('/login', { email: user.email, password: user.password })
    expect(res.status).toBe(403)
    const html = readable(await res.text())
    expect(html).toContain('Your account is suspended until 19 May 2031')
    expect(html).toContain('Repeated spam')
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)

    // A wrong password does not reveal the suspension.
    const wrong = await TestClient.for(app).post('/login', { email: user.email, password: 'Not-the-password-1' })
    expect(readable(await wrong.text())).not.toContain('suspended')

    // Once the suspension is over, signing in works again.
    await db.user.update({ where: { id: user.id }, data: { suspendedUntil: new Date(Date.now() - 1000) } })
    await signedIn(app, user.email, user.password)
  })

  it('signs out a session that gets suspended while it is in use', async () => {
    const user = await createUser()
    const client = await signedIn(app, user.email, user.password)
    await db.user.update({ where: { id: user.id }, data: { suspendedUntil: new Date(Date.now() + 86_400_000) } })
    const res = await client.get('/settings')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login/)
  })

  it('refuses an invalid e-mail and a missing password with field errors', async () => {
    const res = await TestClient.for(app).post('/login', { email: 'not-an-address', password: '' })
    expect(res.status).toBe(400)
    const html = readable(await res.text())
    expect(html).toContain('Enter a valid e-mail address')
    expect(html).toContain('This field is required.')
    expect(fieldValue(html, 'email')).toBe('not-an-address')
  })

  it('signs out with POST /logout and forgets the session', async () => {
    const user = await createUser()
    const client = await signedIn(app, user.email, user.password)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1)
    const out = await client.post('/logout', {})
    expect(out.status).toBe(302)
    expect(client.cookies.has('birlikte_session')).toBe(false)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
    const home = await client.page('/')
    expect(home.html).toContain('href="/login"')
  })

  it('redirects a signed-in visitor away from the sign-in page', async () => {
    const user = await createUser()
    const client = await signedIn(app, user.email, user.password)
    const res = await client.get('/login?redirectTo=%2Fsettings')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/settings')
  })
})
