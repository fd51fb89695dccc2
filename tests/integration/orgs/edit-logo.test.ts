import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp } from '../../support/app.ts'
import { addMember, createOrg, createUser, ensureThemes } from '../../support/factories.ts'
import { clientFor, readable, removeDataDir, userWithClient, type App } from './helpers.ts'

let app: App

beforeAll(async () => {
  app = await startTestApp()
  await ensureThemes()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(200, 1),
  Buffer.from([0xff, 0xd9]),
])
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(40, 2)])

const logosDir = () => path.resolve(process.env.DATA_DIR!, 'uploads', 'logos')
const logoFiles = async () => (existsSync(logosDir()) ? (await readdir(logosDir())).sort() : [])

function upload(bytes: Uint8Array, filename: string, type: string, intent = 'logo') {
  const form = new FormData()
  form.append('logo', new Blob([new Uint8Array(bytes)], { type }), filename)
  form.append('intent', intent)
  return form
}

async function orgWithPeople() {
  const org = await createOrg({ name: `Kıyı Derneği ${Math.random().toString(36).slice(2, 7)}`, themes: ['advocacy'] })
  const admin = await userWithClient(app)
  const member = await userWithClient(app)
  await addMember(admin.user.id, org.id, 'ADMIN')
  await addMember(member.user.id, org.id, 'MEMBER')
  return { org, admin, member }
}

const details = (overrides: Record<string, string | string[]> = {}) => ({
  intent: 'save',
  name: 'Kıyı ve Deniz Derneği',
  city: 'Sinop',
  country: 'TR',
  website: 'https://kiyi.example.org',
  descriptionTr: 'Kıyıları koruyoruz.',
  descriptionEn: 'We protect the coast.',
  themes: ['advocacy', 'volunteers'],
  ...overrides,
})

describe('editing a profile', () => {
  it('is forbidden to plain members and strangers, and changes nothing', async () => {
    const { org, member } = await orgWithPeople()
    const stranger = await userWithClient(app)
    for (const client of [member.client, stranger.client]) {
      expect((await client.get(`/orgs/${org.slug}/edit`)).status).toBe(403)
      expect((await client.post(`/orgs/${org.slug}/edit`, details())).status).toBe(403)
      expect((await client.post(`/orgs/${org.slug}/edit`, upload(PNG, 'logo.png', 'image/png'))).status).toBe(403)
    }
    const anonymous = await clientFor(app, null)
    expect((await anonymous.get(`/orgs/${org.slug}/edit`)).headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      name: org.name,
      city: org.city,
      logoPath: null,
    })
  })

  it('saves the details for an org admin, keeps the slug and writes an audit entry', async () => {
    const { org, admin } = await orgWithPeople()
    const form = readable((await admin.client.page(`/orgs/${org.slug}/edit`)).html)
    expect(form).toContain('Only platform admins can change the type.')
    const res = await admin.client.post(`/orgs/${org.slug}/edit`, details())
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/orgs/${org.slug}?done=saved`)
    const saved = await db.organization.findUniqueOrThrow({ where: { id: org.id }, include: { themes: { include: { theme: true } } } })
    expect(saved).toMatchObject({
      slug: org.slug,
      name: 'Kıyı ve Deniz Derneği',
      city: 'Sinop',
      website: 'https://kiyi.example.org',
      descriptionEn: 'We protect the coast.',
    })
    expect(saved.themes.map((t) => t.theme.slug).sort()).toEqual(['advocacy', 'volunteers'])
    const entry = await db.auditLog.findFirst({ where: { action: 'org.update', targetId: org.id } })
    expect(entry?.data).toMatchObject({ changed: expect.arrayContaining(['name', 'city', 'themes']) })
    expect(readable((await admin.client.page(res.headers.get('location')!)).html)).toContain('Changes saved.')
  })

  it('lets only platform admins change the type, and validates every field', async () => {
    const { org, admin } = await orgWithPeople()
    const typeChange = await admin.client.post(`/orgs/${org.slug}/edit`, details({ type: 'COORDINATING_CENTRE' }))
    expect(typeChange.status).toBe(400)
    expect(readable(await typeChange.text())).toContain('Only platform admins can change the type of an organization.')

    const bad = await admin.client.post(
      `/orgs/${org.slug}/edit`,
      details({ descriptionTr: 'ş'.repeat(2001), website: 'javascript:alert(1)', country: 'XX' }),
    )
    expect(bad.status).toBe(400)
    const text = readable(await bad.text())
    expect(text).toContain('Use at most 2,000 characters.')
    expect(text).toContain('Enter a full web address starting with https://.')
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ type: 'MEMBER_CSO', name: org.name })

    const platformAdmin = await userWithClient(app, { role: 'ADMIN' })
    expect((await platformAdmin.client.post(`/orgs/${org.slug}/edit`, details({ type: 'INTERNATIONAL_PARTNER' }))).status).toBe(302)
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ type: 'INTERNATIONAL_PARTNER' })
  })
})

describe('logos', () => {
  it('accepts a real PNG and serves it as image/png with nosniff, inline and cache headers', async () => {
    const { org, admin } = await orgWithPeople()
    const res = await admin.client.post(`/orgs/${org.slug}/edit`, upload(PNG, 'logo.png', 'image/png'))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/orgs/${org.slug}/edit?done=logoSaved`)
    const { logoPath } = await db.organization.findUniqueOrThrow({ where: { id: org.id } })
    expect(logoPath).toMatch(/^[a-f0-9]{32}\.png$/)
    expect(await logoFiles()).toContain(logoPath)

    const anonymous = await clientFor(app, null)
    const served = await anonymous.get(`/orgs/${org.slug}/logo`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-disposition')).toBe('inline')
    expect(served.headers.get('cache-control')).toBe('public, max-age=300')
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)

    const profile = (await anonymous.page(`/orgs/${org.slug}`)).html
    const src = /<img src="(\/orgs\/[^"]+\/logo\?v=[a-f0-9]+)"/.exec(profile)?.[1]
    expect(src).toBeDefined()
    const versioned = await anonymous.get(src!)
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const etag = versioned.headers.get('etag')!
    expect((await anonymous.get(src!, { headers: { 'if-none-match': etag } })).status).toBe(304)
  })

  it('rejects an HTML file named .png, whatever its Content-Type says', async () => {
    const { org, admin } = await orgWithPeople()
    await admin.client.post(`/orgs/${org.slug}/edit`, upload(PNG, 'logo.png', 'image/png'))
    const { logoPath } = await db.organization.findUniqueOrThrow({ where: { id: org.id } })
    const files = await logoFiles()
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>')
    const res = await admin.client.post(`/orgs/${org.slug}/edit`, upload(html, 'logo.png', 'image/png'))
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('This file is not a PNG, JPEG or WebP image.')
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ logoPath })
    expect(await logoFiles()).toEqual(files)
  })

  it('rejects a 3 MB image with the translated message and changes nothing', async () => {
    const { org, admin } = await orgWithPeople()
    const files = await logoFiles()
    const big = Buffer.concat([PNG.subarray(0, 16), Buffer.alloc(3 * 1024 * 1024, 7)])
    const res = await admin.client.post(`/orgs/${org.slug}/edit`, upload(big, 'huge.png', 'image/png'))
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('The file is larger than 2 MB. Choose a smaller image.')
    const tr = await clientFor(app, admin.user.id, 'tr')
    await db.user.update({ where: { id: admin.user.id }, data: { locale: null } })
    const trRes = await tr.post(`/orgs/${org.slug}/edit`, upload(big, 'huge.png', 'image/png'))
    expect(trRes.status).toBe(400)
    expect(readable(await trRes.text())).toContain("Dosya 2 MB'tan büyük.")
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ logoPath: null })
    expect(await logoFiles()).toEqual(files)
  })

  it('replaces (removing the old file), accepts JPEG and WebP, and removes', async () => {
    const { org, admin } = await orgWithPeople()
    await admin.client.post(`/orgs/${org.slug}/edit`, upload(PNG, 'a.png', 'image/png'))
    const first = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).logoPath!
    // The name and the claimed type do not matter; the bytes do.
    await admin.client.post(`/orgs/${org.slug}/edit`, upload(JPEG, 'photo.png', 'application/octet-stream'))
    const second = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).logoPath!
    expect(second).toMatch(/\.jpg$/)
    expect(await logoFiles()).not.toContain(first)
    expect((await admin.client.get(`/orgs/${org.slug}/logo`)).headers.get('content-type')).toBe('image/jpeg')

    await admin.client.post(`/orgs/${org.slug}/edit`, upload(WEBP, 'w.webp', 'image/webp'))
    const third = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).logoPath!
    expect(third).toMatch(/\.webp$/)
    expect((await admin.client.get(`/orgs/${org.slug}/logo`)).headers.get('content-type')).toBe('image/webp')

    const removed = await admin.client.post(`/orgs/${org.slug}/edit`, { intent: 'removeLogo' })
    expect(removed.headers.get('location')).toBe(`/orgs/${org.slug}/edit?done=logoRemoved`)
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ logoPath: null })
    expect(await logoFiles()).not.toContain(third)
    expect((await admin.client.get(`/orgs/${org.slug}/logo`)).status).toBe(404)
  })

  it('asks for a file when none was chosen', async () => {
    const { org, admin } = await orgWithPeople()
    const res = await admin.client.post(`/orgs/${org.slug}/edit`, upload(new Uint8Array(), '', 'application/octet-stream'))
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('Choose an image file to upload.')
  })

  it("keeps a pending organization's logo private", async () => {
    const creator = await createUser()
    const org = await createOrg({ status: 'PENDING', createdById: creator.id })
    await addMember(creator.id, org.id, 'ADMIN')
    const client = await clientFor(app, creator.id)
    expect((await client.post(`/orgs/${org.slug}/edit`, upload(PNG, 'logo.png', 'image/png'))).status).toBe(302)
    const own = await client.get(`/orgs/${org.slug}/logo`)
    expect(own.status).toBe(200)
    expect(own.headers.get('cache-control')).toBe('private, no-cache')
    expect((await (await clientFor(app, null)).get(`/orgs/${org.slug}/logo`)).status).toBe(404)
  })

  it('can come with a new registration, and a too-large one keeps the typed fields', async () => {
    const { client } = await userWithClient(app)
    const form = new FormData()
    for (const [k, v] of Object.entries({ name: 'Logolu Yeni Dernek', type: 'MEMBER_CSO', city: 'Rize', country: 'TR' })) form.append(k, v)
    form.append('themes', 'digital')
    form.append('logo', new Blob([PNG], { type: 'image/png' }), 'logo.png')
    const res = await client.post('/orgs/new', form)
    expect(res.status).toBe(302)
    const created = await db.organization.findUniqueOrThrow({ where: { slug: 'logolu-yeni-dernek' } })
    expect(created.logoPath).toMatch(/\.png$/)

    const tooBig = new FormData()
    tooBig.append('logo', new Blob([Buffer.alloc(3 * 1024 * 1024, 1)], { type: 'image/png' }), 'big.png')
    for (const [k, v] of Object.entries({ name: 'Büyük Logolu Dernek', type: 'MEMBER_CSO', city: 'Artvin', country: 'TR' }))
      tooBig.append(k, v)
    const refused = await client.post('/orgs/new', tooBig)
    expect(refused.status).toBe(400)
    const html = readable(await refused.text())
    expect(html).toContain('The file is larger than 2 MB.')
    expect(html).toContain('value="Büyük Logolu Dernek"')
    expect(html).toContain('value="Artvin"')
    expect(await db.organization.count({ where: { name: 'Büyük Logolu Dernek' } })).toBe(0)
  })
})
