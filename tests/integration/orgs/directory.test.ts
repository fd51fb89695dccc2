import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { searchOrganizations } from '../../../app/modules/orgs/directory.server.ts'
import { seed } from '../../../prisma/seed.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { addMember, createOrg, createUser } from '../../support/factories.ts'
import { clientFor, listedSlugs, readable, removeDataDir, resultCount, type App } from './helpers.ts'

let app: App
let anon: TestClient

beforeAll(async () => {
  await seed({ printCredentials: false, log: () => {} })
  app = await startTestApp()
  anon = TestClient.for(app)
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

async function search(query: string, client = anon) {
  const { res, html } = await client.page(`/orgs?${query}`)
  expect(res.status).toBe(200)
  return { html, count: resultCount(html), slugs: listedSlugs(html) }
}

describe('the directory', () => {
  it('lists the approved organizations with a count in a status line', async () => {
    const { html, count, slugs } = await search('')
    expect(count).toBe('12 organizations found.')
    expect(html).toMatch(/<p role="status"[^>]*data-testid="org-count"/)
    expect(slugs).toHaveLength(12)
    expect(html).toContain('<title>Organizations · birlikte</title>')
  })

  it('finds names case- and accent-insensitively, the Turkish way', async () => {
    for (const q of ['kadin', 'KADIN', 'Kadın', 'kadın emeği', 'KADIN EMEĞİ']) {
      const { slugs } = await search(`q=${encodeURIComponent(q)}`)
      expect(slugs, q).toContain('kadin-emegi-izmir')
    }
    for (const q of ['cocuk', 'ÇOCUK', 'çocuk hakları', 'COCUK HAKLARI']) {
      expect((await search(`q=${encodeURIComponent(q)}`)).slugs, q).toEqual(['cocuk-haklari-eskisehir'])
    }
  })

  it('finds cities: IZMIR, izmir and İzmir all find İzmir', async () => {
    for (const q of ['IZMIR', 'izmir', 'İzmir', 'İZMİR', 'ızmır']) {
      const { slugs } = await search(`q=${encodeURIComponent(q)}`)
      expect(slugs, q).toEqual(['kadin-emegi-izmir'])
    }
    expect((await search('q=diyarbakir')).slugs).toEqual(['genc-gonulluler-diyarbakir'])
  })

  it('tolerates a typo in a longer query', async () => {
    expect((await search('q=Multeci+Destek')).slugs).toContain('multeci-destek-gaziantep')
    expect((await search('q=Gonululer')).slugs).toContain('genc-gonulluler-diyarbakir')
    expect((await search('q=Ekolji+Dernegi')).slugs).toContain('kuzey-ekoloji')
  })

  it('filters by city, theme and type, alone and together', async () => {
    expect((await search('city=Ankara')).slugs.sort()).toEqual(['acik-veri-ankara', 'stgm'])
    expect((await search(`city=${encodeURIComponent('İzmir')}`)).slugs).toEqual(['kadin-emegi-izmir'])
    expect((await search('theme=data-systems')).slugs.sort()).toEqual(['acik-veri-ankara', 'saglik-hakki-adana'])
    expect((await search('type=INTERNATIONAL_PARTNER')).slugs).toEqual(['the-wheel'])
    expect((await search('type=COORDINATING_CENTRE')).slugs).toEqual(['stgm'])
    expect((await search('city=Ankara&type=MEMBER_CSO')).slugs).toEqual(['acik-veri-ankara'])
    expect((await search('q=ankara&theme=governance')).slugs.sort()).toEqual(['acik-veri-ankara', 'stgm'])
    const none = await search('city=Ankara&theme=volunteers')
    expect(none.count).toBe('No organization matches your search. Try fewer words or clear the filters.')
  })

  it('offers only cities that exist, and ignores an unknown type instead of failing', async () => {
    const { html } = await search('')
    const citySelect = /<select[^>]*name="city"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]
    const cities = [...citySelect.matchAll(/<option value="([^"]*)"/g)].map((m) => readable(m[1])).filter(Boolean)
    expect(cities).toContain('İzmir')
    expect(cities).toContain('Dublin')
    expect(new Set(cities).size).toBe(cities.length)
    expect(cities).toHaveLength(11)
    expect((await search('type=NOPE')).count).toBe('12 organizations found.')
  })

  it('pages 20 at a time and clamps a page past the end', async () => {
    for (let i = 1; i <= 25; i++) await createOrg({ name: `Sayfa Derneği ${String(i).padStart(2, '0')}`, city: 'Sayfakent' })
    const first = await search('city=Sayfakent')
    expect(first.count).toBe('25 organizations found.')
    expect(first.slugs).toHaveLength(20)
    expect(readable(first.html)).toContain('Page 1 of 2')
    expect(first.html).toMatch(/<a[^>]*rel="next"[^>]*href="\/orgs\?city=Sayfakent&amp;page=2"/)
    const second = await search('city=Sayfakent&page=2')
    expect(second.slugs).toHaveLength(5)
    expect(new Set([...first.slugs, ...second.slugs]).size).toBe(25)
    const beyond = await search('city=Sayfakent&page=99')
    expect(beyond.slugs).toEqual(second.slugs)
  })

  it("sorts names in the reader's collation", async () => {
    await createOrg({ name: 'Çam Dostları', slug: 'cam-dostlari', city: 'Sıralıkent' })
    await createOrg({ name: 'Cay Kolektifi', slug: 'cay-kolektifi', city: 'Sıralıkent' })
    await createOrg({ name: 'Dağ Evi', slug: 'dag-evi', city: 'Sıralıkent' })
    const city = `city=${encodeURIComponent('Sıralıkent')}`
    expect((await search(city, TestClient.for(app, { 'accept-language': 'tr' }))).slugs).toEqual([
      'cay-kolektifi',
      'cam-dostlari',
      'dag-evi',
    ])
    expect((await search(city, TestClient.for(app, { 'accept-language': 'en' }))).slugs).toEqual([
      'cam-dostlari',
      'cay-kolektifi',
      'dag-evi',
    ])
  })

  it('keeps SQL and HTML in the query harmless', async () => {
    const before = await db.organization.count()
    for (const q of [
      `'; DROP TABLE "Organization"; --`,
      `' OR 1=1 --`,
      `%`,
      `_`,
      `\\`,
      `<script>alert(1)</script>`,
      `"><img src=x onerror=alert(1)>`,
    ]) {
      const { html, count } = await search(`q=${encodeURIComponent(q)}&city=${encodeURIComponent(`' OR ''='`)}`)
      expect(count, q).toMatch(/No organization matches/)
      expect(html).not.toContain('<script>alert(1)')
      expect(html).not.toContain('<img src=x')
      const alone = await search(`q=${encodeURIComponent(q)}`)
      expect(alone.slugs, q).toEqual([])
    }
    expect(await db.organization.count()).toBe(before)
    expect((await search('')).count).toMatch(/organizations found/)
  })

  it('the domain function has the shape the API relies on', async () => {
    const result = await searchOrganizations({ q: 'izmir', page: 1, pageSize: 20 })
    expect(result).toMatchObject({ total: 1, page: 1, pages: 1 })
    expect(result.items[0]).toEqual({
      id: expect.any(String),
      slug: 'kadin-emegi-izmir',
      name: 'Kadın Emeği Dayanışma Derneği',
      type: 'MEMBER_CSO',
      city: 'İzmir',
      country: 'TR',
      website: null,
      logoUrl: null,
      themes: expect.arrayContaining([{ slug: 'advocacy', nameTr: 'Savunuculuk', nameEn: 'Advocacy' }]),
      descriptionTr: expect.stringContaining('Kayıt dışı'),
      descriptionEn: expect.stringContaining('informal work'),
    })
  })
})

describe('pending and rejected organizations', () => {
  it('are not listed, and their profile is a 404 for strangers but not for the creator or admins', async () => {
    const creator = await createUser()
    const stranger = await createUser()
    const admin = await createUser({ role: 'ADMIN' })
    const pending = await createOrg({ name: 'Gizli Bekleyen Derneği', status: 'PENDING', createdById: creator.id })
    const rejected = await createOrg({ name: 'Gizli Reddedilen Derneği', status: 'REJECTED', createdById: creator.id })
    await addMember(creator.id, pending.id, 'ADMIN')

    expect((await search('q=Gizli')).slugs).toEqual([])
    expect((await search('q=Gizli', await clientFor(app, admin.id))).slugs).toEqual([])

    for (const org of [pending, rejected]) {
      expect((await anon.page(`/orgs/${org.slug}`)).res.status).toBe(404)
      expect((await (await clientFor(app, stranger.id)).page(`/orgs/${org.slug}`)).res.status).toBe(404)
    }
    const own = await (await clientFor(app, creator.id)).page(`/orgs/${pending.slug}`)
    expect(own.res.status).toBe(200)
    expect(readable(own.html)).toContain('Waiting for approval')
    const seenByAdmin = await (await clientFor(app, admin.id)).page(`/orgs/${rejected.slug}`)
    expect(seenByAdmin.res.status).toBe(200)
    expect(readable(seenByAdmin.html)).toContain('Not approved')
  })
})

describe('the profile', () => {
  it('shows the public facts to everyone and member names only to signed-in users', async () => {
    const org = await db.organization.findUniqueOrThrow({ where: { slug: 'kuzey-ekoloji' } })
    await db.organization.update({ where: { id: org.id }, data: { website: 'https://kuzey-ekoloji.example.org' } })
    const { res, html } = await anon.page('/orgs/kuzey-ekoloji')
    expect(res.status).toBe(200)
    const text = readable(html)
    expect(text).toContain('<h1 class="text-3xl font-bold break-words">Kuzey Ekoloji Derneği</h1>')
    expect(text).toContain('Member CSO')
    expect(text).toContain('Trabzon')
    expect(text).toContain('Monitors Black Sea rivers')
    expect(text).toContain('Advocacy')
    expect(html).toMatch(/<a href="https:\/\/kuzey-ekoloji.example.org" rel="noopener noreferrer"/)
    expect(text).toContain('2 members')
    expect(text).not.toContain('Zeynep Kaya')
    expect(text).toContain('Sign in to see who the members are')
    expect(text).toContain('<title>Kuzey Ekoloji Derneği · birlikte</title>')

    const viewer = await createUser()
    const signed = readable((await (await clientFor(app, viewer.id)).page('/orgs/kuzey-ekoloji')).html)
    expect(signed).toContain('Zeynep Kaya')
    expect(signed).toContain('Emre Demir')

    const tr = readable((await (await clientFor(app, null, 'tr')).page('/orgs/kuzey-ekoloji')).html)
    expect(tr).toContain('Karadeniz kıyısındaki dereler')
    expect(tr).toContain('Üye STK')
  })

  it('falls back to the other language, marked with lang', async () => {
    const org = await createOrg({ name: 'Yalnız Türkçe Derneği' })
    await db.organization.update({ where: { id: org.id }, data: { descriptionTr: 'Sadece Türkçe bir tanıtım.', descriptionEn: '' } })
    const en = readable((await anon.page(`/orgs/${org.slug}`)).html)
    expect(en).toContain('Only available in Turkish:')
    expect(en).toMatch(/<p lang="tr"[^>]*>Sadece Türkçe bir tanıtım.<\/p>/)
    const tr = readable((await TestClient.for(app, { 'accept-language': 'tr' }).page(`/orgs/${org.slug}`)).html)
    expect(tr).not.toContain('lang="tr" class')
    expect(tr).toContain('Sadece Türkçe bir tanıtım.')
  })

  it('is a 404 for a slug that does not exist', async () => {
    expect((await anon.page('/orgs/no-such-org')).res.status).toBe(404)
  })
})
