import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { linkIn } from '../../support/smtp.ts'
import { startTestApp } from '../../support/app.ts'
import { addMember, createOrg, createUser } from '../../support/factories.ts'
import { clientFor, membership, readable, removeDataDir, userWithClient, type App } from './helpers.ts'

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let app: App

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
  await removeDataDir()
})

/** An approved organization with one admin and one plain member. */
async function orgWithAdmin(name = `Dayanışma Derneği ${Math.random().toString(36).slice(2, 7)}`) {
  const org = await createOrg({ name })
  const admin = await userWithClient(app, { name: 'Zeynep Yönetici' })
  const member = await userWithClient(app, { name: 'Emre Üye' })
  await addMember(admin.user.id, org.id, 'ADMIN')
  await addMember(member.user.id, org.id, 'MEMBER')
  return { org, admin, member }
}

const notificationsOf = (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind } })

describe('asking to join', () => {
  it('join → pending → an org admin approves → active, with notifications and mails both ways', async () => {
    const { org, admin, member } = await orgWithAdmin()
    const requester = await userWithClient(app, { name: 'Ayşe İstekli' })

    const before = readable((await requester.client.page(`/orgs/${org.slug}`)).html)
    expect(before).toContain('Ask to join')

    const res = await requester.client.post(`/orgs/${org.slug}`, { intent: 'join', message: 'Gönüllü koordinatörüyüm.' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/orgs/${org.slug}?done=requested`)
    const pending = await membership(requester.user.id, org.id)
    expect(pending).toMatchObject({ status: 'PENDING', role: 'MEMBER', message: 'Gönüllü koordinatörüyüm.' })

    const after = readable((await requester.client.page(`/orgs/${org.slug}?done=requested`)).html)
    expect(after).toContain("Your request was sent to the organization's admins.")
    expect(after).toContain('Your request to join is pending')
    expect(after).not.toContain('>Ask to join<')

    // The admin hears of it in-app and by mail.
    const [requested] = await notificationsOf(admin.user.id, 'membership.requested')
    expect(requested.data).toMatchObject({ orgSlug: org.slug, orgName: org.name, userName: 'Ayşe İstekli' })
    expect(await notificationsOf(member.user.id, 'membership.requested')).toHaveLength(0)
    const toAdmin = await smtp.waitFor((m) => m.to.includes(admin.user.email))
    expect(toAdmin.subject).toBe(`Ayşe İstekli wants to join ${org.name}`)
    expect(toAdmin.text).toContain('Gönüllü koordinatörüyüm.')
    expect(linkIn(toAdmin, `/orgs/${org.slug}/members`)).toMatch(/^http:\/\/localhost:\d+\/orgs\//)

    // Asking twice changes nothing.
    expect((await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })).status).toBe(302)
    expect(await db.membership.count({ where: { userId: requester.user.id } })).toBe(1)

    const page = readable((await admin.client.page(`/orgs/${org.slug}/members`)).html)
    expect(page).toContain('Ayşe İstekli')
    expect(page).toContain('Gönüllü koordinatörüyüm.')

    const approve = await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'approve', membershipId: pending!.id })
    expect(approve.status).toBe(302)
    expect(approve.headers.get('location')).toBe(`/orgs/${org.slug}/members?done=approved`)
    expect(await membership(requester.user.id, org.id)).toMatchObject({ status: 'ACTIVE', decidedById: admin.user.id })

    const [approved] = await notificationsOf(requester.user.id, 'membership.approved')
    expect(approved.data).toMatchObject({ orgSlug: org.slug, orgName: org.name })
    const toRequester = await smtp.waitFor((m) => m.to.includes(requester.user.email))
    expect(toRequester.subject).toBe(`You are now a member of ${org.name}`)
    expect(await db.auditLog.findFirst({ where: { action: 'membership.approve', targetId: pending!.id } })).toMatchObject({
      actorId: admin.user.id,
      targetType: 'membership',
    })
    expect(readable((await requester.client.page(`/orgs/${org.slug}`)).html)).toContain('You are a member of this organization.')
  })

  it('decline with a reason: the requester is told why, and may ask again', async () => {
    const { org, admin } = await orgWithAdmin()
    const requester = await userWithClient(app, { locale: 'tr' })
    await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })
    const m = (await membership(requester.user.id, org.id))!
    const res = await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'decline', membershipId: m.id, reason: 'Sizi tanıyamadık.' })
    expect(res.status).toBe(302)
    expect(await membership(requester.user.id, org.id)).toMatchObject({ status: 'DECLINED', decidedById: admin.user.id })
    const [declined] = await notificationsOf(requester.user.id, 'membership.declined')
    expect(declined.data).toMatchObject({ reason: 'Sizi tanıyamadık.' })
    const mail = await smtp.waitFor((x) => x.to.includes(requester.user.email))
    // The requester reads Turkish.
    expect(mail.subject).toBe(`${org.name} kuruluşuna katılma isteğiniz`)
    expect(mail.text).toContain('Gerekçe: “Sizi tanıyamadık.”')
    expect(await db.auditLog.findFirst({ where: { action: 'membership.decline', targetId: m.id } })).toMatchObject({
      reason: 'Sizi tanıyamadık.',
    })

    const page = readable((await requester.client.page(`/orgs/${org.slug}`)).html)
    expect(page).toContain('Önceki katılma isteğiniz reddedildi')
    expect((await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })).status).toBe(302)
    expect(await membership(requester.user.id, org.id)).toMatchObject({ status: 'PENDING', decidedById: null })
  })

  it('a plain member or a stranger gets 403 on approve; a platform admin may decide', async () => {
    const { org, member } = await orgWithAdmin()
    const requester = await userWithClient(app)
    await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })
    const m = (await membership(requester.user.id, org.id))!
    const stranger = await userWithClient(app)
    for (const client of [member.client, stranger.client]) {
      expect((await client.post(`/orgs/${org.slug}/members`, { intent: 'approve', membershipId: m.id })).status).toBe(403)
      expect((await client.get(`/orgs/${org.slug}/members`)).status).toBe(403)
    }
    const anonymous = await clientFor(app, null)
    const signIn = await anonymous.post(`/orgs/${org.slug}/members`, { intent: 'approve', membershipId: m.id })
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    expect(await membership(requester.user.id, org.id)).toMatchObject({ status: 'PENDING' })

    const platformAdmin = await userWithClient(app, { role: 'ADMIN' })
    expect((await platformAdmin.client.post(`/orgs/${org.slug}/members`, { intent: 'approve', membershipId: m.id })).status).toBe(302)
    expect(await membership(requester.user.id, org.id)).toMatchObject({ status: 'ACTIVE', decidedById: platformAdmin.user.id })
  })

  it("a membership of another organization cannot be decided through this one's page", async () => {
    const a = await orgWithAdmin()
    const b = await orgWithAdmin()
    const requester = await userWithClient(app)
    await requester.client.post(`/orgs/${b.org.slug}`, { intent: 'join' })
    const m = (await membership(requester.user.id, b.org.id))!
    expect((await a.admin.client.post(`/orgs/${a.org.slug}/members`, { intent: 'approve', membershipId: m.id })).status).toBe(404)
    expect(await membership(requester.user.id, b.org.id)).toMatchObject({ status: 'PENDING' })
  })

  it('respects "no e-mail" for the admins, asks unverified users to confirm first, and validates the message', async () => {
    const { org, admin } = await orgWithAdmin()
    await db.user.update({ where: { id: admin.user.id }, data: { notifyByEmail: false } })
    const requester = await userWithClient(app)
    await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })
    expect(await notificationsOf(admin.user.id, 'membership.requested')).toHaveLength(1)
    expect(await db.outboxMail.count({ where: { to: admin.user.email } })).toBe(0)

    const unverified = await userWithClient(app, { verified: false })
    const refused = await unverified.client.post(`/orgs/${org.slug}`, { intent: 'join' })
    expect(refused.status).toBe(400)
    expect(readable(await refused.text())).toContain('Confirm your e-mail address first; then you can ask to join.')
    expect(await membership(unverified.user.id, org.id)).toBeNull()

    const wordy = await userWithClient(app)
    const tooLong = await wordy.client.post(`/orgs/${org.slug}`, { intent: 'join', message: 'ç'.repeat(1001) })
    expect(tooLong.status).toBe(400)
    expect(readable(await tooLong.text())).toContain('Use at most 1,000 characters.')
    expect(await membership(wordy.user.id, org.id)).toBeNull()
  })

  it('an organization without admins sends requests to the platform admins', async () => {
    const org = await createOrg()
    const platformAdmin = await createUser({ role: 'ADMIN' })
    const requester = await userWithClient(app)
    await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })
    expect(await notificationsOf(platformAdmin.id, 'membership.requested')).toHaveLength(1)
  })

  it('pending organizations take no requests', async () => {
    const creator = await createUser()
    const org = await createOrg({ status: 'PENDING', createdById: creator.id })
    await addMember(creator.id, org.id, 'ADMIN')
    const stranger = await userWithClient(app)
    expect((await stranger.client.post(`/orgs/${org.slug}`, { intent: 'join' })).status).toBe(404)
    expect(await membership(stranger.user.id, org.id)).toBeNull()
  })
})

describe('managing members', () => {
  it('protects the last admin from removal, demotion and leaving, with a clear message', async () => {
    const { org, admin, member } = await orgWithAdmin()
    const own = (await membership(admin.user.id, org.id))!

    const demote = await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'role', membershipId: own.id, role: 'MEMBER' })
    expect(demote.status).toBe(400)
    expect(readable(await demote.text())).toContain("This is the organization's only admin. Make someone else an admin first.")
    const remove = await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'remove', membershipId: own.id })
    expect(remove.status).toBe(400)
    expect(readable(await remove.text())).toContain("The organization's only admin cannot be removed.")
    const leave = await admin.client.post(`/orgs/${org.slug}`, { intent: 'leave' })
    expect(leave.status).toBe(400)
    expect(readable(await leave.text())).toContain("You are this organization's only admin.")
    // A platform admin cannot take the last admin away either.
    const platformAdmin = await userWithClient(app, { role: 'ADMIN' })
    expect((await platformAdmin.client.post(`/orgs/${org.slug}/members`, { intent: 'remove', membershipId: own.id })).status).toBe(400)
    expect(await membership(admin.user.id, org.id)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' })

    // Promote the member; now the first admin may step down and be removed.
    const m = (await membership(member.user.id, org.id))!
    expect((await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'role', membershipId: m.id, role: 'ADMIN' })).status).toBe(302)
    expect(await membership(member.user.id, org.id)).toMatchObject({ role: 'ADMIN' })
    expect((await notificationsOf(member.user.id, 'membership.roleChanged'))[0].data).toMatchObject({ role: 'ADMIN' })
    expect(await db.auditLog.findFirst({ where: { action: 'membership.changeRole', targetId: m.id } })).toMatchObject({
      data: { from: 'MEMBER', to: 'ADMIN' },
    })

    const stepDown = await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'role', membershipId: own.id, role: 'MEMBER' })
    expect(stepDown.status).toBe(302)
    expect(stepDown.headers.get('location')).toBe(`/orgs/${org.slug}?done=steppedDown`)
    expect((await admin.client.get(`/orgs/${org.slug}/members`)).status).toBe(403)

    const removed = await member.client.post(`/orgs/${org.slug}/members`, { intent: 'remove', membershipId: own.id })
    expect(removed.status).toBe(302)
    expect(await membership(admin.user.id, org.id)).toBeNull()
    expect(await notificationsOf(admin.user.id, 'membership.removed')).toHaveLength(1)
    expect(await db.auditLog.findFirst({ where: { action: 'membership.remove', targetId: own.id } })).toMatchObject({
      actorId: member.user.id,
    })
  })

  it('a member can leave, and a requester can withdraw', async () => {
    const { org, member } = await orgWithAdmin()
    const left = await member.client.post(`/orgs/${org.slug}`, { intent: 'leave' })
    expect(left.status).toBe(302)
    expect(left.headers.get('location')).toBe(`/orgs/${org.slug}?done=left`)
    expect(await membership(member.user.id, org.id)).toBeNull()

    const requester = await userWithClient(app)
    await requester.client.post(`/orgs/${org.slug}`, { intent: 'join' })
    const withdrawn = await requester.client.post(`/orgs/${org.slug}`, { intent: 'leave' })
    expect(withdrawn.headers.get('location')).toBe(`/orgs/${org.slug}?done=withdrawn`)
    expect(await membership(requester.user.id, org.id)).toBeNull()
  })

  it('lists requests and members in an accessible table, and rejects a bad role', async () => {
    const { org, admin, member } = await orgWithAdmin()
    const { html } = await admin.client.page(`/orgs/${org.slug}/members`)
    expect(html).toMatch(/<caption[^>]*>Members of /)
    expect(html).toContain('<th scope="col"')
    expect(html).toContain('<th scope="row"')
    expect(readable(html)).toContain('Emre Üye')
    const m = (await membership(member.user.id, org.id))!
    const bad = await admin.client.post(`/orgs/${org.slug}/members`, { intent: 'role', membershipId: m.id, role: 'OWNER' })
    expect(bad.status).toBe(400)
    expect(readable(await bad.text())).toContain('Choose one of the options.')
    expect(await membership(member.user.id, org.id)).toMatchObject({ role: 'MEMBER' })
  })
})
