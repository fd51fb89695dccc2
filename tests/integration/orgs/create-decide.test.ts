import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { ForbiddenError } from '../../../app/lib/policy.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { decideOrganization, listOrganizationsForAdmin } from '../../../app/modules/orgs/decide.server.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { startTestApp } from '../../support/app.ts'
import { createUser, ensureThemes } from '../../support/factories.ts'
import { clientFor, listedSlugs, membership, readable, removeDataDir, userWithClient, type App } from './helpers.ts'

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let app: App
let admin: Awaited<ReturnType<typeof createUser>>
let quietAdmin: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } })
  await ensureThemes()
  admin = await createUser({ role: 'ADMIN', name: 'Ayşe Platform' })
  quietAdmin = await createUser({ role: 'ADMIN', name: 'Sessiz Yönetici' })
  await db.user.update({ where: { id: quietAdmin.id }, data: { notifyByEmail: false } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
  await removeDataDir()
})

const fields = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Çağdaş Işık Öğrenme Şebekesi',
  type: 'MEMBER_CSO',
  city: 'Ünye',
  country: 'TR',
  website: 'isik.example.org',
  descriptionTr: 'Kıyı kentlerinde yetişkin eğitimi.',
  descriptionEn: 'Adult learning in coastal towns.',
  themes: ['volunteers', 'digital'],
  ...overrides,
})

const actor = async (userId: string) => (await loadActor(userId))!

describe('registering an organization', () => {
  it('creates it PENDING with the creator as admin, tells the platform admins, and shows "waiting for approval"', async () => {
    const { user, client } = await userWithClient(app, { name: 'Deniz Kurucu' })
    const res = await client.post('/orgs/new', fields())
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/orgs/cagdas-isik-ogrenme-sebekesi?done=created')

    const org = await db.organization.findUniqueOrThrow({
      where: { slug: 'cagdas-isik-ogrenme-sebekesi' },
      include: { themes: { include: { theme: true } } },
    })
    expect(org).toMatchObject({
      name: 'Çağdaş Işık Öğrenme Şebekesi',
      status: 'PENDING',
      type: 'MEMBER_CSO',
      city: 'Ünye',
      country: 'TR',
      website: 'https://isik.example.org',
      createdById: user.id,
      decidedAt: null,
    })
    expect(org.themes.map((t) => t.theme.slug).sort()).toEqual(['digital', 'volunteers'])
    expect(await membership(user.id, org.id)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' })

    for (const a of [admin, quietAdmin]) {
      const [n] = await db.notification.findMany({
        where: { userId: a.id, kind: 'org.submitted', data: { path: ['orgId'], equals: org.id } },
      })
      expect(n.data).toMatchObject({ orgSlug: org.slug, userName: 'Deniz Kurucu' })
    }
    const mail = await smtp.waitFor((m) => m.to.includes(admin.email) && m.subject.includes('Çağdaş'))
    expect(mail.subject).toBe('New organization to review: Çağdaş Işık Öğrenme Şebekesi')
    expect(await db.outboxMail.count({ where: { to: quietAdmin.email } })).toBe(0)

    const page = readable((await client.page(res.headers.get('location')!)).html)
    expect(page).toContain('Your organization is registered and waiting for approval.')
    expect(page).toContain('Waiting for approval')
    expect((await (await clientFor(app, null)).page(`/orgs/${org.slug}`)).res.status).toBe(404)
    expect(listedSlugs((await client.page('/orgs?q=isik')).html)).toEqual([])
  })

  it('gives a clashing name a numeric suffix', async () => {
    const { client } = await userWithClient(app)
    const first = await client.post('/orgs/new', fields({ name: 'Ortak Akıl Derneği' }))
    const second = await client.post('/orgs/new', fields({ name: 'ORTAK AKIL DERNEĞİ' }))
    expect(first.headers.get('location')).toBe('/orgs/ortak-akil-dernegi?done=created')
    expect(second.headers.get('location')).toBe('/orgs/ortak-akil-dernegi-2?done=created')
  })

  it('refuses bad input with translated messages, keeps what was typed, and creates nothing', async () => {
    const { client } = await userWithClient(app)
    const count = await db.organization.count()
    const res = await client.post(
      '/orgs/new',
      fields({ name: ' ', website: 'http://plain.example.org', descriptionEn: 'x'.repeat(2001), city: 'Sinop', themes: ['no-such-theme'] }),
    )
    expect(res.status).toBe(400)
    const html = readable(await res.text())
    expect(html).toContain('This field is required.')
    expect(html).toContain('Enter a full web address starting with https://.')
    expect(html).toContain('Use at most 2,000 characters.')
    expect(html).toMatch(/name="city"[^>]*value="Sinop"|value="Sinop"[^>]*name="city"/)
    expect(await db.organization.count()).toBe(count)

    const badTheme = await client.post('/orgs/new', fields({ name: 'Tema Derneği', themes: ['no-such-theme'] }))
    expect(badTheme.status).toBe(400)
    expect(readable(await badTheme.text())).toContain('Choose one of the options.')

    const centre = await client.post('/orgs/new', fields({ name: 'Merkez Olmak İsteyen', type: 'COORDINATING_CENTRE' }))
    expect(centre.status).toBe(400)
    expect(readable(await centre.text())).toContain('Choose member CSO or international partner.')

    const country = await client.post('/orgs/new', fields({ name: 'Uzak Ülke Derneği', country: 'US' }))
    expect(country.status).toBe(400)
    expect(await db.organization.count()).toBe(count)
  })

  it('asks unverified users to confirm their address, and sends strangers to sign in', async () => {
    const { client } = await userWithClient(app, { verified: false })
    const page = readable((await client.page('/orgs/new')).html)
    expect(page).toContain('Confirm your e-mail address before registering an organization.')
    expect((await client.post('/orgs/new', fields({ name: 'Doğrulanmamış Derneği' }))).status).toBe(403)
    const anonymous = await clientFor(app, null)
    const res = await anonymous.get('/orgs/new')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Forgs%2Fnew')
  })
})

describe('deciding on an organization', () => {
  it('approve: listed in the directory, the creator told in-app and by mail, audit-logged', async () => {
    const { user, client } = await userWithClient(app)
    await client.post('/orgs/new', fields({ name: 'Onaylanacak Kooperatif', city: 'Bartın' }))
    const org = await db.organization.findUniqueOrThrow({ where: { slug: 'onaylanacak-kooperatif' } })

    const pendingList = await listOrganizationsForAdmin({ status: 'PENDING', page: 1, pageSize: 50 })
    expect(pendingList.items.map((o) => o.slug)).toContain(org.slug)
    expect(pendingList.items.find((o) => o.slug === org.slug)).toMatchObject({
      status: 'PENDING',
      memberCount: 1,
      createdBy: { id: user.id },
    })
    expect((await listOrganizationsForAdmin({ q: 'onaylanacak', page: 1, pageSize: 10 })).total).toBe(1)

    await expect(decideOrganization(await actor(user.id), org.id, 'APPROVED')).rejects.toBeInstanceOf(ForbiddenError)
    const result = await decideOrganization(await actor(admin.id), org.id, 'APPROVED', undefined, { baseUrl: app.url })
    expect(result).toMatchObject({ status: 'APPROVED', slug: org.slug })
    const decided = await db.organization.findUniqueOrThrow({ where: { id: org.id } })
    expect(decided.status).toBe('APPROVED')
    expect(decided.decidedAt).toBeInstanceOf(Date)

    expect(listedSlugs((await client.page('/orgs?q=Bartin')).html)).toEqual([org.slug])
    const [n] = await db.notification.findMany({ where: { userId: user.id, kind: 'org.approved' } })
    expect(n.data).toMatchObject({ orgSlug: org.slug })
    const mail = await smtp.waitFor((m) => m.to.includes(user.email))
    expect(mail.subject).toBe('Onaylanacak Kooperatif is approved')
    expect(mail.text).toContain(`${app.url}/orgs/${org.slug}`)
    expect(await db.auditLog.findFirst({ where: { action: 'org.approve', targetId: org.id } })).toMatchObject({
      actorId: admin.id,
      targetType: 'organization',
    })

    // Decided once: a second click is refused.
    await expect(decideOrganization(await actor(admin.id), org.id, 'REJECTED')).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('reject with a reason: not listed, the creator told why', async () => {
    const { user, client } = await userWithClient(app, { locale: 'tr' })
    await client.post('/orgs/new', fields({ name: 'Reddedilecek Girişim' }))
    const org = await db.organization.findUniqueOrThrow({ where: { slug: 'reddedilecek-girisim' } })
    await decideOrganization(await actor(admin.id), org.id, 'REJECTED', 'Kuruluş bilgileri eksik.')
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ status: 'REJECTED' })
    const [n] = await db.notification.findMany({ where: { userId: user.id, kind: 'org.rejected' } })
    expect(n.data).toMatchObject({ reason: 'Kuruluş bilgileri eksik.' })
    const mail = await smtp.waitFor((m) => m.to.includes(user.email))
    expect(mail.subject).toBe('Reddedilecek Girişim kaydınız hakkında')
    expect(mail.text).toContain('Gerekçe: “Kuruluş bilgileri eksik.”')
    expect(await db.auditLog.findFirst({ where: { action: 'org.reject', targetId: org.id } })).toMatchObject({
      reason: 'Kuruluş bilgileri eksik.',
    })
    expect(listedSlugs((await client.page('/orgs?q=Reddedilecek')).html)).toEqual([])
    expect(readable((await client.page(`/orgs/${org.slug}`)).html)).toContain('Onaylanmadı')
  })
})
