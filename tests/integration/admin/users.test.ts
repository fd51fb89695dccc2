import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { addMember, createOrg, createUser } from '../../support/factories.ts'
import { signIn, statusOf, tokenClient } from '../api/support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let admin: TestClient
let adminId: string

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } })
  const a = await createUser({ role: 'ADMIN', name: 'Admin Aylin' })
  adminId = a.id
  admin = await signIn(app, a)
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

describe('the people list', () => {
  it('finds people by name or e-mail (Turkish case too), filters by role and suspension, and pages', async () => {
    await createUser({ name: 'Işıl Yılmaz', email: 'isil@dernek.org.tr' })
    await createUser({ name: 'Mod Mehmet', role: 'MODERATOR' })
    const suspended = await createUser({ name: 'Sessiz Selin' })
    await db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: new Date(Date.now() + 86_400_000), suspendedReason: 'x' } })

    let { html } = await admin.page('/admin/users?q=IŞIL')
    expect(html).toContain('Işıl Yılmaz')
    expect(html).not.toContain('Mod Mehmet')
    ;({ html } = await admin.page('/admin/users?q=dernek.org'))
    expect(html).toContain('Işıl Yılmaz')
    ;({ html } = await admin.page('/admin/users?role=MODERATOR'))
    expect(html).toContain('Mod Mehmet')
    expect(html).not.toContain('Işıl Yılmaz')
    ;({ html } = await admin.page('/admin/users?suspended=yes'))
    expect(html).toContain('Sessiz Selin')
    expect(html).toContain('Suspended until')
    expect(html).not.toContain('Mod Mehmet')
    ;({ html } = await admin.page('/admin/users?suspended=no&role=NONSENSE'))
    expect(html).not.toContain('Sessiz Selin')
    expect(html).toContain('Mod Mehmet')

    for (let i = 0; i < 26; i++) await createUser({ name: `Bulk Person ${String(i).padStart(2, '0')}` })
    const page1 = await admin.page('/admin/users?q=Bulk')
    expect(page1.html).toContain('26 people found')
    expect(page1.html).toContain('Page 1 of 2')
    expect(page1.html.match(/>Bulk Person \d\d<\/a>/g)).toHaveLength(25)
    const page2 = await admin.page('/admin/users?q=Bulk&page=2')
    expect(page2.html.match(/>Bulk Person \d\d<\/a>/g)).toHaveLength(1)
  })

  it('shows a person’s facts and memberships', async () => {
    const user = await createUser({ name: 'Deniz Kaya' })
    const org = await createOrg({ name: 'Deniz Derneği' })
    await addMember(user.id, org.id, 'ADMIN')
    const { html } = await admin.page(`/admin/users/${user.id}`)
    expect(html).toContain('Deniz Kaya')
    expect(html).toContain(user.email)
    expect(html).toContain(`href="/orgs/${org.slug}"`)
    expect(html).toContain('Organization admin')
    expect(await statusOf(admin.get('/admin/users/does-not-exist'))).toBe(404)
  })
})

describe('changing a platform role', () => {
  it('changes the role and writes the audit log', async () => {
    const user = await createUser()
    const res = await admin.post(`/admin/users/${user.id}`, { intent: 'role', role: 'MODERATOR' })
    expect(await statusOf(res)).toBe(302)
    expect(res.headers.get('location')).toBe(`/admin/users/${user.id}?done=role`)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('MODERATOR')
    const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: 'user.changeRole' } })
    expect(entry).toMatchObject({ actorId: adminId, targetType: 'user', data: { from: 'MEMBER', to: 'MODERATOR' } })
    const { html } = await admin.page(`/admin/users/${user.id}?done=role`)
    expect(html).toContain('role="status"')
    expect(html).toContain('Role changed.')
    expect(html).toContain('Changed a platform role')
  })

  it('refuses an admin changing their own role, and a role that does not exist', async () => {
    const res = await admin.post(`/admin/users/${adminId}`, { intent: 'role', role: 'MEMBER' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('You cannot change your own role')
    const other = await createUser()
    const bad = await admin.post(`/admin/users/${other.id}`, { intent: 'role', role: 'OWNER' })
    expect(await statusOf(bad)).toBe(400)
    expect((await db.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe('ADMIN')
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe('MEMBER')
    expect(await db.auditLog.count({ where: { targetId: { in: [adminId, other.id] } } })).toBe(0)
    const { html } = await admin.page(`/admin/users/${adminId}`)
    expect(html).toContain('You cannot change your own role')
    expect(html).not.toContain('name="role"')
  })
})

describe('suspending someone', () => {
  it('needs a reason and a known duration; bad input changes nothing', async () => {
    const user = await createUser()
    for (const form of [
      { intent: 'suspend', duration: '7d', reason: '  ' },
      { intent: 'suspend', duration: '2y', reason: 'Repeated insults' },
      { intent: 'suspend', duration: '7d', reason: 'x'.repeat(1001) },
    ]) {
      expect(await statusOf(admin.post(`/admin/users/${user.id}`, form))).toBe(400)
    }
    const res = await admin.post(`/admin/users/${user.id}`, { intent: 'suspend', duration: '7d', reason: '' })
    const html = await res.text()
    expect(html).toContain('This field is required.')
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ suspendedUntil: null, suspendedReason: null })
    expect(await db.auditLog.count({ where: { targetId: user.id } })).toBe(0)
    expect(await db.outboxMail.count({ where: { userId: user.id } })).toBe(0)
  })

  it('refuses suspending an admin or oneself', async () => {
    const otherAdmin = await createUser({ role: 'ADMIN' })
    let res = await admin.post(`/admin/users/${otherAdmin.id}`, { intent: 'suspend', duration: '1d', reason: 'Testing limits' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Admins cannot be suspended')
    res = await admin.post(`/admin/users/${adminId}`, { intent: 'suspend', duration: '1d', reason: 'Testing limits' })
    expect(await statusOf(res)).toBe(403)
    expect((await db.user.findUniqueOrThrow({ where: { id: otherAdmin.id } })).suspendedUntil).toBeNull()
  })

  it('ends every session and socket, blocks sign-in and the API, mails the reason in their language, and audit-logs it', async () => {
    const user = await createUser({ locale: 'tr', name: 'Ali Veli' })
    const browser = await signIn(app, user)
    const phone = await signIn(app, user)
    const { client: script } = await tokenClient(app, user.id)
    expect(await statusOf(browser.get('/api/v1/me'))).toBe(200)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2)

    // A live connection, as an open tab has.
    const socket = connect(app.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: `birlikte_session=${browser.cookies.get('birlikte_session')}` },
    })
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve())
      socket.on('connect_error', reject)
    })
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)))

    const before = Date.now()
    const res = await admin.post(`/admin/users/${user.id}`, {
      intent: 'suspend',
      duration: '7d',
      reason: 'Kişisel saldırılar, üç uyarıya rağmen',
    })
    expect(await statusOf(res)).toBe(302)
    expect(res.headers.get('location')).toBe(`/admin/users/${user.id}?done=suspended`)

    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.suspendedReason).toBe('Kişisel saldırılar, üç uyarıya rağmen')
    const days = (row.suspendedUntil!.getTime() - before) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThan(7.01)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await disconnected).toBe('io server disconnect')
    socket.close()

    // The cookies they hold stop working, a token too, and signing in again is refused.
    expect(await statusOf(browser.get('/api/v1/me'))).toBe(401)
    expect((await phone.page('/settings')).res.url).not.toContain('/settings')
    expect(await statusOf(script.get('/api/v1/me'))).toBe(401)
    const again = await new TestClient(app.url).post('/login', { email: user.email, password: user.password })
    expect(await statusOf(again)).toBe(403)
    expect(again.headers.get('set-cookie') ?? '').not.toContain('birlikte_session=')

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: 'user.suspend' } })
    expect(audit).toMatchObject({
      actorId: adminId,
      targetType: 'user',
      reason: 'Kişisel saldırılar, üç uyarıya rağmen',
      data: { duration: '7d' },
    })

    const queued = await db.outboxMail.findFirstOrThrow({ where: { userId: user.id, template: 'admin.suspended' } })
    expect(queued.locale).toBe('tr')
    const mail = await smtp.waitFor((m) => m.to.includes(user.email))
    expect(mail.subject).toBe('birlikte hesabınız askıya alındı')
    expect(mail.text).toContain('Merhaba Ali Veli,')
    expect(mail.text).toContain('Belirtilen gerekçe: Kişisel saldırılar, üç uyarıya rağmen')
    expect(mail.text).toMatch(/tarihine kadar askıya aldı/)
    expect(mail.text).toContain(String(row.suspendedUntil!.getFullYear()))

    const page = await admin.page(`/admin/users/${user.id}?done=suspended`)
    expect(page.html).toContain('Suspended. They have been signed out everywhere')
    expect(page.html).toContain('Lift the suspension')
  })

  it('“until lifted” stays until an admin lifts it; lifting is audit-logged, mailed, and lets them back in', async () => {
    const user = await createUser({ name: 'Can Demir' })
    expect(
      await statusOf(
        admin.post(`/admin/users/${user.id}`, { intent: 'suspend', duration: 'indefinite', reason: 'Account shared with others' }),
      ),
    ).toBe(302)
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.suspendedUntil!.getUTCFullYear()).toBe(9999)
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.includes('suspended'))
    expect(mail.text).toContain('until further notice')
    expect((await admin.page(`/admin/users/${user.id}`)).html).toContain('Suspended until lifted')

    const res = await admin.post(`/admin/users/${user.id}`, { intent: 'lift', note: 'Cleared up by phone' })
    expect(await statusOf(res)).toBe(302)
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ suspendedUntil: null, suspendedReason: null })
    expect(await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: 'user.unsuspend' } })).toMatchObject({
      actorId: adminId,
      reason: 'Cleared up by phone',
    })
    const lifted = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.includes('active again'))
    expect(lifted.text).toMatch(/\/login/)
    await signIn(app, user)

    expect(await statusOf(admin.post(`/admin/users/${user.id}`, { intent: 'lift' }))).toBe(409)
  })
})
