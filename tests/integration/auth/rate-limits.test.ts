import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { fieldValue, readable, statusOf, uniqueEmail, type App } from './helpers.ts'

let app: App
beforeAll(async () => {
  // A quarter of every limit keeps the test short; behind a "proxy" each client can have its own address.
  app = await startTestApp({ env: { RATE_LIMIT_FACTOR: '0.25', TRUST_PROXY: '1' } })
})
afterAll(() => app?.close())
beforeEach(async () => {
  await db.rateLimitBucket.deleteMany()
})

let nextIp = 1
const fromNewIp = () => TestClient.for(app, { 'accept-language': 'en', 'x-forwarded-for': `198.51.100.${nextIp++}` })

describe('rate limits on account forms', () => {
  it('limits sign-in attempts per account, from any address, whether or not the account exists', async () => {
    const user = await createUser()
    // signInAccount: 8 × 0.25 = 2 attempts per window.
    for (let i = 0; i < 2; i++) {
      expect(await statusOf(fromNewIp().post('/login', { email: user.email, password: 'Wrong-password-1' }))).toBe(400)
    }
    const blocked = await fromNewIp().post('/login', { email: user.email, password: user.password })
    expect(blocked.status).toBe(429)
    const html = readable(await blocked.text())
    expect(html).toMatch(/Too many attempts\. Please try again in 1[45] minutes\./)
    expect(fieldValue(html, 'email')).toBe(user.email)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)

    const ghost = 'ghost@example.org'
    for (let i = 0; i < 2; i++) expect(await statusOf(fromNewIp().post('/login', { email: ghost, password: 'Wrong-password-1' }))).toBe(400)
    expect(await statusOf(fromNewIp().post('/login', { email: ghost.toUpperCase(), password: 'Wrong-password-1' }))).toBe(429)
  })

  it('limits sign-in attempts per IP address across accounts', async () => {
    const client = fromNewIp()
    // signInIp: 30 × 0.25 ≈ 8 attempts per window.
    for (let i = 0; i < 8; i++) {
      expect(await statusOf(client.post('/login', { email: uniqueEmail('spray'), password: 'Wrong-password-1' }))).toBe(400)
    }
    const blocked = await client.post('/login', { email: uniqueEmail('spray'), password: 'Wrong-password-1' })
    expect(blocked.status).toBe(429)
    expect(readable(await blocked.text())).toContain('Too many attempts')
    // Another address is not affected.
    expect(await statusOf(fromNewIp().post('/login', { email: uniqueEmail('spray'), password: 'Wrong-password-1' }))).toBe(400)
  })

  it('answers a rate-limited sign-in in Turkish for a Turkish visitor', async () => {
    const user = await createUser()
    const client = TestClient.for(app, { 'accept-language': 'tr', 'x-forwarded-for': `203.0.113.${nextIp++}` })
    for (let i = 0; i < 2; i++) await statusOf(client.post('/login', { email: user.email, password: 'Wrong-password-1' }))
    const blocked = await client.post('/login', { email: user.email, password: 'Wrong-password-1' })
    expect(blocked.status).toBe(429)
    expect(readable(await blocked.text())).toMatch(/Çok fazla deneme yapıldı\. Lütfen 1[45] dakika sonra yeniden deneyin\./)
  })

  it('limits sign-ups per IP address', async () => {
    const client = fromNewIp()
    // signUpIp: 6 × 0.25 ≈ 2 per hour.
    for (let i = 0; i < 2; i++) {
      expect(
        await statusOf(
          client.post('/signup', { name: 'Rate Test', email: uniqueEmail('signup'), password: 'Kestane-kebap-1923', locale: 'en' }),
        ),
      ).toBe(200)
    }
    const email = uniqueEmail('signup')
    const blocked = await client.post('/signup', { name: 'Rate Test', email, password: 'Kestane-kebap-1923', locale: 'en' })
    expect(blocked.status).toBe(429)
    const html = readable(await blocked.text())
    expect(html).toMatch(/Please try again in \d+ minutes/)
    expect(fieldValue(html, 'email')).toBe(email)
    expect(fieldValue(html, 'name')).toBe('Rate Test')
    expect(await db.user.count({ where: { email } })).toBe(0)
  })

  it('limits reset requests per account and per IP address', async () => {
    const user = await createUser()
    // resetAccount: 3 × 0.25 → 1 per hour.
    expect(await statusOf(fromNewIp().post('/forgot-password', { email: user.email }))).toBe(200)
    const blocked = await fromNewIp().post('/forgot-password', { email: user.email })
    expect(blocked.status).toBe(429)
    expect(fieldValue(readable(await blocked.text()), 'email')).toBe(user.email)
    expect(await db.oneTimeToken.count({ where: { userId: user.id, purpose: 'PASSWORD_RESET' } })).toBe(1)

    // resetIp: 10 × 0.25 ≈ 3 per hour.
    const client = fromNewIp()
    for (let i = 0; i < 3; i++) expect(await statusOf(client.post('/forgot-password', { email: uniqueEmail('reset') }))).toBe(200)
    expect(await statusOf(client.post('/forgot-password', { email: uniqueEmail('reset') }))).toBe(429)
  })

  it('limits new verification links per account', async () => {
    const user = await createUser({ verified: false })
    const client = fromNewIp()
    expect(await statusOf(client.post('/login', { email: user.email, password: user.password }))).toBe(302)
    // verifyResendAccount: 3 × 0.25 → 1 per hour.
    expect(await statusOf(client.post('/verify-email', { intent: 'resend' }))).toBe(200)
    const blocked = await client.post('/verify-email', { intent: 'resend' })
    expect(blocked.status).toBe(429)
    expect(readable(await blocked.text())).toContain('Too many attempts')
    expect(await db.oneTimeToken.count({ where: { userId: user.id } })).toBe(1)
  })

  it('limits current-password guesses on the change-password form', async () => {
    const user = await createUser()
    const client = fromNewIp()
    await client.post('/login', { email: user.email, password: user.password })
    for (let i = 0; i < 2; i++) {
      expect(
        await statusOf(client.post('/settings/password', { currentPassword: 'Wrong-password-1', newPassword: 'Yepyeni-parola-2026' })),
      ).toBe(400)
    }
    expect(await statusOf(client.post('/settings/password', { currentPassword: user.password, newPassword: 'Yepyeni-parola-2026' }))).toBe(
      429,
    )
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash)
  })
})
