import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { expectApiError, signIn, tokenClient } from './support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
let anonymous: TestClient
let member: TestClient
let bearer: TestClient
let creatorClient: TestClient
let adminBearer: TestClient
let pendingSlug: string

interface OrgPage {
  items: {
    slug: string
    name: string
    city: string
    url: string
    themes: { slug: string; name: { tr: string; en: string } }[]
    description: { tr: string; en: string }
  }[]
  page: number
  pageSize: number
  total: number
  pages: number
}

beforeAll(async () => {
  app = await startTestApp()
  await createOrg({ name: 'Ankara Gençlik Derneği', slug: 'ankara-genclik', city: 'Ankara', themes: ['advocacy', 'volunteers'] })
  await createOrg({ name: 'Ankara Kadın Kooperatifi', slug: 'ankara-kadin', city: 'Ankara' })
  await createOrg({ name: 'İzmir Çevre Platformu', slug: 'izmir-cevre', city: 'İzmir', themes: ['advocacy'] })
  await createOrg({ name: 'Partner Network', slug: 'partner-network', city: 'Dublin', type: 'INTERNATIONAL_PARTNER' })
  const creator = await createUser()
  const pending = await createOrg({ name: 'Bekleyen Dernek', slug: 'bekleyen-dernek', status: 'PENDING', createdById: creator.id })
  pendingSlug = pending.slug
  anonymous = new TestClient(app.url)
  member = await signIn(app, await createUser())
  bearer = (await tokenClient(app, (await createUser()).id)).client
  creatorClient = await signIn(app, creator)
  adminBearer = (await tokenClient(app, (await createUser({ role: 'ADMIN' })).id)).client
})
afterAll(() => app?.close())

describe('GET /api/v1/organizations', () => {
  it('pages approved organizations for everyone: signed out, by cookie and by token', async () => {
    for (const client of [anonymous, member, bearer]) {
      const res = await client.get('/api/v1/organizations?pageSize=2')
      expect(res.status).toBe(200)
      const body = (await res.json()) as OrgPage
      expect(body).toMatchObject({ page: 1, pageSize: 2, total: 4, pages: 2 })
      expect(body.items).toHaveLength(2)
      expect(body.items.map((o) => o.slug)).not.toContain(pendingSlug)
    }
  })

  it('filters by text, city, theme and type, with links and both languages', async () => {
    const q = (await (await anonymous.get('/api/v1/organizations?q=kadin')).json()) as OrgPage
    expect(q.items.map((o) => o.slug)).toEqual(['ankara-kadin'])
    expect(q.items[0].url).toBe(`${app.url}/orgs/ankara-kadin`)
    const city = (await (await anonymous.get(`/api/v1/organizations?city=${encodeURIComponent('İzmir')}`)).json()) as OrgPage
    expect(city.items.map((o) => o.slug)).toEqual(['izmir-cevre'])
    const theme = (await (await anonymous.get('/api/v1/organizations?theme=advocacy')).json()) as OrgPage
    expect(theme.items.map((o) => o.slug).sort()).toEqual(['ankara-genclik', 'izmir-cevre'])
    expect(theme.items.find((o) => o.slug === 'ankara-genclik')!.themes).toEqual([
      { slug: 'advocacy', name: { tr: 'Savunuculuk', en: 'Advocacy' } },
      { slug: 'volunteers', name: { tr: 'Gönüllülerle çalışma', en: 'Working with volunteers' } },
    ])
    const type = (await (await anonymous.get('/api/v1/organizations?type=INTERNATIONAL_PARTNER')).json()) as OrgPage
    expect(type.items.map((o) => o.slug)).toEqual(['partner-network'])
    const empty = (await (await anonymous.get('/api/v1/organizations?q=zzzzqqq')).json()) as OrgPage
    expect(empty).toMatchObject({ items: [], total: 0, page: 1, pages: 1 })
  })

  it('refuses out-of-range paging with field messages', async () => {
    for (const query of ['page=0', 'pageSize=0', 'pageSize=101', 'page=abc', 'type=CLUB']) {
      const body = await expectApiError(await anonymous.get(`/api/v1/organizations?${query}`), 400, 'validation_failed')
      expect(Object.keys(body.error.fields)).toEqual([query.split('=')[0]])
    }
  })
})

describe('GET /api/v1/organizations/{slug}', () => {
  it('shows an approved organization to everyone', async () => {
    for (const client of [anonymous, member, bearer]) {
      const res = await client.get('/api/v1/organizations/izmir-cevre')
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ slug: 'izmir-cevre', name: 'İzmir Çevre Platformu', status: 'APPROVED', memberCount: 0 })
    }
  })

  it('hides a pending organization (404) except from its creator and admins', async () => {
    for (const client of [anonymous, member, bearer]) {
      const body = await expectApiError(await client.get(`/api/v1/organizations/${pendingSlug}`), 404, 'not_found')
      expect(body.error.message).toBe('No organization is listed at this address.')
    }
    for (const client of [creatorClient, adminBearer]) {
      const res = await client.get(`/api/v1/organizations/${pendingSlug}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ slug: pendingSlug, status: 'PENDING' })
    }
  })

  it('answers 404 for a slug that does not exist', async () => {
    await expectApiError(await anonymous.get('/api/v1/organizations/no-such-org'), 404, 'not_found')
  })
})
