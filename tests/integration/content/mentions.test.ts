import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { assignHandle, backfillHandles, resolveMentions } from '../../../app/modules/content/mentions.server.ts'
import { renderPost } from '../../../app/modules/content/markdown.server.ts'
import { startTestApp } from '../../support/app.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { clientFor, removeDataDir, userWithClient, type App } from '../orgs/helpers.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

const handleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { handle: true } })).handle

describe('handles', () => {
  it('are made from the name, Turkish letters transliterated, and unique', async () => {
    const a = await createUser({ name: 'Ayşe Kaya' })
    const b = await createUser({ name: 'AYŞE KAYA' })
    const c = await createUser({ name: 'Işıl Çağrı Öztürk' })
    expect(a.handle).toBe('ayse-kaya')
    expect(b.handle).toBe('ayse-kaya-2')
    expect(c.handle).toBe('isil-cagri-ozturk')
  })

  it('never equal an organization slug', async () => {
    await createOrg({ name: 'Deniz Yıldız', slug: 'deniz-yildiz' })
    const u = await createUser({ name: 'Deniz Yıldız' })
    expect(u.handle).toBe('deniz-yildiz-2')
  })

  it('fall back to a neutral handle for names without Latin letters, and keep an existing handle', async () => {
    const u = await createUser({ name: 'Στέλιος' })
    expect(u.handle).toMatch(/^stelios$|^uye(-\d+)?$/)
    expect(await db.$transaction((tx) => assignHandle(tx, u.id, 'Someone Else'))).toBe(u.handle)
  })

  it('are given to older accounts by the backfill', async () => {
    const u = await createUser({ name: 'Eski Hesap' })
    await db.user.update({ where: { id: u.id }, data: { handle: null } })
    expect(await backfillHandles()).toBeGreaterThanOrEqual(1)
    expect(await handleOf(u.id)).toBe('eski-hesap')
  })

  it('are given on sign-up', async () => {
    const client = await clientFor(app, null)
    const email = `signup-${Date.now()}@example.org`
    const res = await client.post('/signup', { name: 'Gülşen Ünal', email, password: 'Kestane-kebap-1923', locale: 'tr' })
    expect(res.status).toBe(200)
    expect((await db.user.findUniqueOrThrow({ where: { email } })).handle).toBe('gulsen-unal')
  })
})

describe('resolving and rendering mentions', () => {
  it('finds existing people and approved organizations only; a person wins a clash', async () => {
    const person = await createUser({ name: 'Mert Aydın' })
    const org = await createOrg({ name: 'Mavi Kalem', slug: 'mavi-kalem' })
    await createOrg({ name: 'Bekleyen', slug: 'bekleyen-dernek', status: 'PENDING' })
    await createOrg({ name: 'Clash', slug: 'clash-handle' })
    const clash = await createUser({ name: 'Clash' })
    await db.user.update({ where: { id: clash.id }, data: { handle: 'clash-handle' } })
    const r = await resolveMentions(db, ['mert-aydin', 'MAVI-KALEM', 'bekleyen-dernek', 'nobody-here', 'clash-handle', '<script>'])
    expect(r.users.map((u) => u.handle).sort()).toEqual(['clash-handle', 'mert-aydin'])
    expect(r.users.find((u) => u.id === person.id)).toEqual({ id: person.id, handle: 'mert-aydin', name: 'Mert Aydın' })
    expect(r.orgs).toEqual([{ id: org.id, slug: 'mavi-kalem', name: 'Mavi Kalem' }])
  })

  it('renderPost marks people, links organizations, and leaves unknown names, code and addresses alone', async () => {
    await createUser({ name: 'Zeynep Arı' })
    await createOrg({ name: 'Yeşil Kent', slug: 'yesil-kent' })
    const { html, mentions } = await renderPost(
      db,
      'Merhaba @zeynep-ari ve @Yesil-Kent! @kimse-yok, `@zeynep-ari`, zeynep@yesil-kent.org, [@yesil-kent](https://x.example)',
    )
    expect(mentions.users.map((u) => u.handle)).toEqual(['zeynep-ari'])
    expect(mentions.orgs.map((o) => o.slug)).toEqual(['yesil-kent'])
    expect(html).toContain('<a href="/people/zeynep-ari" class="mention">@zeynep-ari</a>')
    expect(html).toContain('<a href="/orgs/yesil-kent" class="mention">@yesil-kent</a>')
    expect(html).toContain('@kimse-yok')
    expect(html).not.toContain('class="mention">@kimse-yok')
    expect(html).toContain('<code>@zeynep-ari</code>')
    expect(html.match(/class="mention"/g)).toHaveLength(2)
  })
})

describe('GET /mentions?q=', () => {
  it('refuses signed-out visitors', async () => {
    const res = await (await clientFor(app, null)).get('/mentions?q=ay')
    expect(res.status).toBe(401)
    const body = await res.json()
    expect(body.error.key).toBe('content.mentions.errors.signedOut')
    expect(body).not.toHaveProperty('results')
  })

  it('finds people and organizations ignoring case and accents, with names and handles only', async () => {
    const { client } = await userWithClient(app)
    const ayse = await createUser({ name: 'Ayşegül Işık', email: 'aysegul.secret@example.org' })
    await createUser({ name: 'Ayşegül Gizli', verified: false })
    await createOrg({ name: 'Işıklı Yarınlar Derneği', slug: 'isikli-yarinlar' })
    await createOrg({ name: 'Işıklı Bekleyen', slug: 'isikli-bekleyen', status: 'PENDING' })

    const res = await client.get('/mentions?q=aysegul')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const text = await res.text()
    expect(text).not.toMatch(/@example\.org|secret|email/i)
    const { results } = JSON.parse(text)
    expect(results).toEqual([{ kind: 'person', handle: ayse.handle, name: 'Ayşegül Işık' }])
    for (const r of results) expect(Object.keys(r).sort()).toEqual(['handle', 'kind', 'name'])

    const byTurkishCase = (await (await client.get(`/mentions?q=${encodeURIComponent('IŞIK')}`)).json()).results
    expect(byTurkishCase).toEqual(
      expect.arrayContaining([
        { kind: 'person', handle: ayse.handle, name: 'Ayşegül Işık' },
        { kind: 'org', handle: 'isikli-yarinlar', name: 'Işıklı Yarınlar Derneği' },
      ]),
    )
    expect(byTurkishCase.some((r: { handle: string }) => r.handle === 'isikli-bekleyen')).toBe(false)
    const byHandle = (await (await client.get('/mentions?q=@isikli-y')).json()).results
    expect(byHandle).toEqual([{ kind: 'org', handle: 'isikli-yarinlar', name: 'Işıklı Yarınlar Derneği' }])
  })

  it('gives an older account a handle when it is found, and treats LIKE wildcards as text', async () => {
    const { client } = await userWithClient(app)
    const old = await createUser({ name: 'Hacer Tunç' })
    await db.user.update({ where: { id: old.id }, data: { handle: null } })
    const { results } = await (await client.get('/mentions?q=hacer')).json()
    expect(results).toEqual([{ kind: 'person', handle: 'hacer-tunc', name: 'Hacer Tunç' }])
    expect(await handleOf(old.id)).toBe('hacer-tunc')
    expect((await (await client.get('/mentions?q=%25')).json()).results).toEqual([])
    expect((await (await client.get('/mentions?q=')).json()).results).toEqual([])
  })
})
