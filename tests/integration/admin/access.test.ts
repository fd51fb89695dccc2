import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { signIn, statusOf } from '../api/support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
let targetId: string
let mailId: string
beforeAll(async () => {
  app = await startTestApp()
  targetId = (await createUser()).id
  mailId = (
    await db.outboxMail.create({
      data: { to: 'x@example.org', subject: 'S', text: 'T', html: '<p>T</p>', template: 't', locale: 'en', status: 'HELD' },
    })
  ).id
  await createOrg({ status: 'PENDING' })
})
afterAll(() => app?.close())

const PAGES = () => [
  '/admin',
  '/admin/users',
  `/admin/users/${targetId}`,
  '/admin/orgs',
  '/admin/mail',
  `/admin/mail/${mailId}`,
  '/admin/audit',
]

describe('who may enter the admin area', () => {
  it('sends signed-out visitors to sign in, and back afterwards', async () => {
    for (const path of PAGES()) {
      const res = await new TestClient(app.url).get(path)
      expect(await statusOf(res), path).toBe(302)
      expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
    }
  })

  it('refuses members with 403 on every page and every action', async () => {
    const member = await signIn(app, await createUser())
    for (const path of PAGES()) {
      const { res, html } = await member.page(path)
      expect(res.status, path).toBe(403)
      expect(html).toContain('You do not have permission')
    }
    const posts: [string, Record<string, string>][] = [
      [`/admin/users/${targetId}`, { intent: 'suspend', duration: '7d', reason: 'Spamming the forum' }],
      [`/admin/users/${targetId}`, { intent: 'role', role: 'ADMIN' }],
      [`/admin/mail/${mailId}`, { intent: 'resend' }],
      ['/admin/orgs', { intent: 'approve', orgId: 'x' }],
    ]
    for (const [path, form] of posts) expect(await statusOf(member.post(path, form)), path).toBe(403)
    expect(await db.user.findUniqueOrThrow({ where: { id: targetId } })).toMatchObject({ role: 'MEMBER', suspendedUntil: null })
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: mailId } })).status).toBe('HELD')
    expect(await db.auditLog.count()).toBe(0)
  })

  it('lets moderators read the audit log and nothing else', async () => {
    const moderator = await signIn(app, await createUser({ role: 'MODERATOR' }))
    const home = await moderator.get('/admin')
    expect(await statusOf(home)).toBe(302)
    expect(home.headers.get('location')).toBe('/admin/audit')
    const audit = await moderator.page('/admin/audit')
    expect(audit.res.status).toBe(200)
    expect(audit.html).toContain('<h1')
    expect(audit.html).not.toContain('href="/admin/users"')
    for (const path of PAGES().filter((p) => p !== '/admin' && p !== '/admin/audit')) {
      expect(await statusOf(moderator.get(path)), path).toBe(403)
    }
  })

  it('shows admins every section, each page with one h1', async () => {
    const admin = await signIn(app, await createUser({ role: 'ADMIN' }))
    for (const path of PAGES()) {
      const { res, html } = await admin.page(path)
      expect(res.status, path).toBe(200)
      expect(html.match(/<h1[\s>]/g), path).toHaveLength(1)
      for (const link of ['/admin/users', '/admin/orgs', '/admin/mail', '/admin/audit']) expect(html).toContain(`href="${link}"`)
    }
  })
})

describe('the dashboard', () => {
  it('counts people, suspensions, pending organizations and held or failed mail, each linking to its list', async () => {
    const admin = await signIn(app, await createUser({ role: 'ADMIN' }))
    const suspended = await createUser()
    await db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: new Date(Date.now() + 3_600_000), suspendedReason: 'r' } })
    await db.outboxMail.create({
      data: { to: 'f@example.org', subject: 'F', text: 'T', html: 'H', template: 't', locale: 'en', status: 'FAILED' },
    })
    const { html } = await admin.page('/admin')
    const users = await db.user.count()
    const figure = (n: number, label: string) => new RegExp(`>${n}</span><span[^>]*>${label}<`)
    expect(html).toMatch(figure(users, 'people registered'))
    expect(html).toMatch(figure(1, 'person suspended'))
    expect(html).toMatch(figure(1, 'organization waiting for approval'))
    expect(html).toMatch(figure(1, 'mail held, not sent'))
    expect(html).toMatch(figure(1, 'mail that could not be sent'))
    for (const href of [
      '/admin/users',
      '/admin/users?suspended=yes',
      '/admin/orgs',
      '/admin/mail?status=HELD',
      '/admin/mail?status=FAILED',
    ]) {
      expect(html).toContain(`href="${href.replace('&', '&amp;')}"`)
    }
  })
})
