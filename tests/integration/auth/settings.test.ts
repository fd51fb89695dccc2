import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { hashSessionId } from '../../../app/modules/auth/lucia-adapter.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { fieldValue, readable, signedIn, statusOf, type App } from './helpers.ts'

let app: App
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, RATE_LIMIT_FACTOR: '20' } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

const cookieOf = (client: TestClient) => client.cookies.get('birlikte_session')!

describe('profile', () => {
  it('saves name, language, time zone and notification choice; the language changes <html lang>', async () => {
    const user = await createUser({ locale: 'en' })
    const client = await signedIn(app, user.email, user.password)
    const before = await client.page('/settings')
    expect(before.res.status).toBe(200)
    expect(before.html).toContain('<html lang="en"')
    expect(before.html).toContain('<option value="Europe/Istanbul" selected="">')
    expect(before.html).toContain('aria-current="page"')

    const res = await client.post('/settings?index', { name: 'Zeynep Demir', locale: 'tr', timeZone: 'Europe/Berlin' })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().some((c) => c.startsWith('lang=tr'))).toBe(true)
    const html = readable(await res.text())
    expect(html).toContain('<html lang="tr"')
    expect(html).toContain('Kaydedildi.')

    const saved = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(saved).toMatchObject({ name: 'Zeynep Demir', locale: 'tr', timeZone: 'Europe/Berlin', notifyByEmail: false })

    const after = await client.page('/settings')
    expect(after.html).toContain('<html lang="tr"')
    expect(after.html).toContain('<option value="Europe/Berlin" selected="">')
  })

  it('refuses bad input with field errors and changes nothing', async () => {
    const user = await createUser()
    const client = await signedIn(app, user.email, user.password)
    const res = await client.post('/settings?index', { name: 'X', locale: 'de', timeZone: 'Mars/Olympus_Mons', notifyByEmail: 'on' })
    expect(res.status).toBe(400)
    const html = readable(await res.text())
    expect(html).toContain('Use at least 2 characters')
    expect(html).toContain('Choose one of the options.')
    expect(fieldValue(html, 'name')).toBe('X')

    const nul = await client.post('/settings?index', { name: 'Zey\u0000nep', locale: 'en', timeZone: 'Europe/Istanbul' })
    expect(nul.status).toBe(400)
    expect(readable(await nul.text())).toContain('characters that could not be read')

    const unchanged = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(unchanged).toMatchObject({ name: user.name, locale: user.locale, timeZone: user.timeZone, notifyByEmail: true })
  })

  it('sends signed-out visitors to sign in, and refuses API tokens', async () => {
    const anonymous = await TestClient.for(app).get('/settings')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Fsettings')

    const user = await createUser()
    const client = await signedIn(app, user.email, user.password)
    const created = await client.post('/settings/tokens', { intent: 'create', name: 'probe' })
    const secret = /value="(bk_[^"]+)"/.exec(await created.text())![1]
    const viaToken = await fetch(`${app.url}/settings/password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ currentPassword: user.password, newPassword: 'Yepyeni-parola-2026' }),
    })
    await viaToken.text()
    // Tokens are for /api/v1 only: the website refuses them outright.
    expect(viaToken.status).toBe(401)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash)
  })
})

describe('password change', () => {
  it('changes the password, keeps this session, ends the others, mails and audits', async () => {
    const user = await createUser()
    const current = await signedIn(app, user.email, user.password)
    const other = await signedIn(app, user.email, user.password)
    const third = await signedIn(app, user.email, user.password, { remember: true })

    const wrong = await current.post('/settings/password', { currentPassword: 'Not-my-password-9', newPassword: 'Yepyeni-parola-2026' })
    expect(wrong.status).toBe(400)
    expect(readable(await wrong.text())).toContain('The current password is not correct.')

    const weak = await current.post('/settings/password', { currentPassword: user.password, newPassword: 'password123' })
    expect(weak.status).toBe(400)
    expect(readable(await weak.text())).toContain('This password is too common')
    expect(await db.session.count({ where: { userId: user.id } })).toBe(3)

    const res = await current.post('/settings/password', { currentPassword: user.password, newPassword: 'Yepyeni-parola-2026' })
    expect(res.status).toBe(200)
    expect(readable(await res.text())).toContain('Your password has been changed')

    const sessions = await db.session.findMany({ where: { userId: user.id } })
    expect(sessions.map((s) => s.id)).toEqual([hashSessionId(cookieOf(current))])
    expect(await statusOf(current.get('/settings/password'))).toBe(200)
    for (const client of [other, third]) expect(await statusOf(client.get('/settings/password'))).toBe(302)

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'account.passwordChanged', targetId: user.id } })
    expect(audit.actorId).toBe(user.id)
    const mail = await smtp.waitFor((m) => m.to.includes(user.email))
    expect(mail.subject).toBe('Your birlikte password was changed')

    expect(await statusOf(TestClient.for(app).post('/login', { email: user.email, password: user.password }))).toBe(400)
    await signedIn(app, user.email, 'Yepyeni-parola-2026')
  })
})

describe('sessions', () => {
  it('lists sessions with device, address and "this device", and signs out one or all others', async () => {
    const user = await createUser()
    const me = await signedIn(app, user.email, user.password, { headers: { 'accept-language': 'en', 'user-agent': FIREFOX } })
    const phone = await signedIn(app, user.email, user.password, {
      headers: { 'accept-language': 'en', 'user-agent': IPHONE },
      remember: true,
    })
    const tablet = await signedIn(app, user.email, user.password)
    const stranger = await createUser()
    const strangers = await signedIn(app, stranger.email, stranger.password)

    const page = await me.page('/settings/sessions')
    expect(page.res.status).toBe(200)
    const html = readable(page.html)
    expect(html).toContain('<caption')
    expect(html).toContain('3 active sessions')
    expect(html).toContain('Firefox on Windows')
    expect(html).toContain('Safari on iOS')
    expect(html).toContain('This device')
    expect(html).toContain('Remembered for 30 days')
    expect(html).toContain('127.0.0.1')
    expect(html).toMatch(/<th scope="col"/)
    // The cookie value never appears; rows are addressed by their stored hash.
    expect(html).not.toContain(cookieOf(me))
    const phoneId = hashSessionId(cookieOf(phone))
    expect(html).toContain(`value="${phoneId}"`)
    expect(html).not.toContain(`value="${hashSessionId(cookieOf(me))}"`)

    // Another user's session cannot be revoked from here.
    const foreign = await me.post('/settings/sessions', { intent: 'revoke', id: hashSessionId(cookieOf(strangers)) })
    expect(foreign.status).toBe(404)
    await foreign.text()
    expect(await statusOf(strangers.get('/settings'))).toBe(200)
    // Nor can this device sign itself out through the list.
    expect(await statusOf(me.post('/settings/sessions', { intent: 'revoke', id: hashSessionId(cookieOf(me)) }))).toBe(404)
    expect(await statusOf(me.post('/settings/sessions', { intent: 'revoke', id: 'not-a-hash' }))).toBe(400)

    const revoked = await me.post('/settings/sessions', { intent: 'revoke', id: phoneId })
    expect(revoked.status).toBe(200)
    expect(readable(await revoked.text())).toContain('1 session was signed out.')
    expect(await statusOf(phone.get('/settings'))).toBe(302)
    expect(await statusOf(tablet.get('/settings'))).toBe(200)

    const others = await me.post('/settings/sessions', { intent: 'revokeOthers' })
    expect(others.status).toBe(200)
    expect(readable(await others.text())).toContain('1 session was signed out.')
    expect(await statusOf(tablet.get('/settings'))).toBe(302)
    expect(await statusOf(me.get('/settings'))).toBe(200)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1)
    expect(await db.session.count({ where: { userId: stranger.id } })).toBe(1)
  })
})

describe('API tokens', () => {
  it('creates a token shown once, lists it, lets it call as the user, and revokes it', async () => {
    const user = await createUser()
    const client = await signedIn(app, user.email, user.password)
    const empty = await client.page('/settings/tokens')
    expect(readable(empty.html)).toContain('You have no API tokens.')

    const bad = await client.post('/settings/tokens', { intent: 'create', name: '   ' })
    expect(bad.status).toBe(400)
    expect(readable(await bad.text())).toContain('This field is required.')
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0)

    const res = await client.post('/settings/tokens', { intent: 'create', name: 'Newsletter export' })
    expect(res.status).toBe(200)
    const html = readable(await res.text())
    expect(html).toContain('Token “Newsletter export” created')
    expect(html).toContain('it will not be shown again')
    const secret = /value="(bk_[0-9a-f]{8}_[\w-]{32})"/.exec(html)![1]
    const row = await db.apiToken.findFirstOrThrow({ where: { userId: user.id } })
    expect(row.tokenHash).not.toContain(secret)

    const list = await client.page('/settings/tokens')
    expect(readable(list.html)).toContain('Newsletter export')
    expect(readable(list.html)).toContain('1 active token')
    expect(list.html).not.toContain(secret)

    // The token authenticates as its owner, on the API (the website refuses tokens).
    const asUser = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}`, 'accept-language': 'en' } })
    expect(((await asUser.json()) as { email: string }).email).toBe(user.email)
    const onWebsite = await fetch(`${app.url}/verify-email`, { headers: { authorization: `Bearer ${secret}`, 'accept-language': 'en' } })
    await onWebsite.text()
    expect(onWebsite.status).toBe(401)

    const revoke = await client.post('/settings/tokens', { intent: 'revoke', id: row.id })
    expect(revoke.status).toBe(200)
    expect(readable(await revoke.text())).toContain('The token was revoked.')
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull()
    const afterRevoke = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}`, 'accept-language': 'en' } })
    await afterRevoke.text()
    expect(afterRevoke.status).toBe(401)

    // Someone else's token cannot be revoked.
    const other = await createUser()
    const otherClient = await signedIn(app, other.email, other.password)
    const theirs = await otherClient.post('/settings/tokens', { intent: 'create', name: 'theirs' })
    await theirs.text()
    const theirRow = await db.apiToken.findFirstOrThrow({ where: { userId: other.id } })
    expect(await statusOf(client.post('/settings/tokens', { intent: 'revoke', id: theirRow.id }))).toBe(404)
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: theirRow.id } })).revokedAt).toBeNull()
  })
})
