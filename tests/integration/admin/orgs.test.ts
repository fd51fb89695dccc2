import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { signIn, statusOf } from '../api/support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
let admin: TestClient
let adminId: string
beforeAll(async () => {
  app = await startTestApp()
  const a = await createUser({ role: 'ADMIN' })
  adminId = a.id
  admin = await signIn(app, a)
})
afterAll(() => app?.close())

describe('deciding organizations', () => {
  it('shows the pending queue with who registered each, and every organization filtered by status', async () => {
    const creator = await createUser({ name: 'Kurucu Kemal' })
    const pending = await createOrg({ name: 'Bekleyen Vakıf', status: 'PENDING', createdById: creator.id })
    await createOrg({ name: 'Onaylı Dernek', status: 'APPROVED' })
    await createOrg({ name: 'Reddedilen Girişim', status: 'REJECTED' })
    const { html } = await admin.page('/admin/orgs')
    expect(html).toContain('Waiting for approval (1)')
    expect(html).toContain('Bekleyen Vakıf')
    expect(html).toContain(`href="/admin/users/${creator.id}"`)
    expect(html).toContain(`name="orgId" value="${pending.id}"`)
    expect(html).toContain('Onaylı Dernek')
    const rejected = await admin.page('/admin/orgs?status=REJECTED')
    expect(rejected.html).toContain('Reddedilen Girişim')
    expect(rejected.html).not.toContain('Onaylı Dernek')
    expect((await admin.page('/admin/orgs?q=onayli')).html).toContain('Onaylı Dernek')
    await db.organization.delete({ where: { id: pending.id } })
  })

  it('approves through decideOrganization: status, audit log and a confirmation', async () => {
    const creator = await createUser()
    const org = await createOrg({ name: 'Onay Bekleyen Kooperatif', status: 'PENDING', createdById: creator.id })
    const res = await admin.post('/admin/orgs', { intent: 'approve', orgId: org.id })
    expect(await statusOf(res)).toBe(302)
    expect(res.headers.get('location')).toContain('done=approved')
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe('APPROVED')
    expect(await db.auditLog.findFirstOrThrow({ where: { targetId: org.id, action: 'org.approve' } })).toMatchObject({ actorId: adminId })
    expect(await db.outboxMail.count({ where: { userId: creator.id } })).toBe(1)
    const { html } = await admin.page(res.headers.get('location')!)
    expect(html).toContain('Approved. The organization is now listed')

    // Deciding again says so, and changes nothing.
    const again = await admin.post('/admin/orgs', { intent: 'reject', orgId: org.id, reason: 'Changed my mind' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('This organization has already been decided.')
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe('APPROVED')
  })

  it('rejects only with a reason, which is audit-logged', async () => {
    const org = await createOrg({ name: 'Eksik Başvuru', status: 'PENDING' })
    const missing = await admin.post('/admin/orgs', { intent: 'reject', orgId: org.id, reason: '' })
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('This field is required.')
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe('PENDING')

    const res = await admin.post('/admin/orgs', { intent: 'reject', orgId: org.id, reason: 'No information about the organization’s work' })
    expect(await statusOf(res)).toBe(302)
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe('REJECTED')
    expect(await db.auditLog.findFirstOrThrow({ where: { targetId: org.id, action: 'org.reject' } })).toMatchObject({
      actorId: adminId,
      reason: 'No information about the organization’s work',
    })
  })

  it('refuses an unknown decision or organization without changing anything', async () => {
    const org = await createOrg({ status: 'PENDING' })
    expect(await statusOf(admin.post('/admin/orgs', { intent: 'delete', orgId: org.id }))).toBe(400)
    expect(await statusOf(admin.post('/admin/orgs', { intent: 'approve', orgId: 'no-such-org' }))).toBe(404)
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe('PENDING')
  })
})
