import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { signIn, statusOf } from '../api/support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
let admin: TestClient
beforeAll(async () => {
  app = await startTestApp()
  admin = await signIn(app, await createUser({ role: 'ADMIN', name: 'Yönetici Yasemin' }))
})
afterAll(() => app?.close())

describe('the audit log', () => {
  it('records admin decisions with the actor’s name, filters by action and target type, and pages', async () => {
    const target = await createUser({ name: 'Hedef Hakan' })
    await statusOf(admin.post(`/admin/users/${target.id}`, { intent: 'role', role: 'MODERATOR' }))
    await statusOf(admin.post(`/admin/users/${target.id}`, { intent: 'suspend', duration: '1d', reason: 'Flooding the forum with links' }))
    // An entry another area wrote, with its own spelling of the target type.
    await db.auditLog.create({
      data: { actorId: null, action: 'org.approve', targetType: 'organization', targetId: 'org1', data: { slug: 'some-org' } },
    })

    let { html } = await admin.page('/admin/audit')
    expect(html).toContain('3 entries')
    expect(html).toContain('Yönetici Yasemin')
    expect(html).toContain('Suspended a person')
    expect(html).toContain('Changed a platform role')
    expect(html).toContain('Flooding the forum with links')
    expect(html).toContain(`href="/admin/users/${target.id}"`)
    expect(html).toContain('href="/orgs/some-org"')
    expect(html).toContain('System')

    ;({ html } = await admin.page('/admin/audit?action=user.suspend'))
    expect(html).toContain('1 entry')
    expect(html).toContain('Suspended a person')
    ;({ html } = await admin.page('/admin/audit?targetType=organization'))
    expect(html).toContain('1 entry')
    expect(html).toContain('Approved an organization')
    ;({ html } = await admin.page(`/admin/audit?targetType=user&targetId=${target.id}`))
    expect(html).toContain('2 entries')
    expect(html).toContain('Showing the history of one account or item.')

    await db.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ actorId: null, action: 'test.bulk', targetType: 'thing', targetId: `t${i}` })),
    })
    const page1 = await admin.page('/admin/audit?action=test.bulk')
    expect(page1.html).toContain('60 entries')
    expect(page1.html).toContain('Page 1 of 2')
    const page2 = await admin.page('/admin/audit?action=test.bulk&page=2')
    expect(page2.html.match(/>test\.bulk<\/th>/g)).toHaveLength(10)
  })

  it('is open to moderators, in Turkish for a Turkish reader', async () => {
    const moderator = await signIn(app, await createUser({ role: 'MODERATOR', locale: 'tr' }))
    const { res, html } = await moderator.page('/admin/audit')
    expect(res.status).toBe(200)
    expect(html).toContain('<html lang="tr"')
    expect(html).toContain('Denetim kaydı')
    expect(html).toContain('Bir kişiyi uzaklaştırdı')
  })
})
