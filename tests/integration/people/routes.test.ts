/** Profile pages, avatars and the people API through the real app (compiled server, real PostgreSQL). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { silhouettePng } from '../../../prisma/demo-people.ts'
import { startTestApp } from '../../support/app.ts'
import { createOrg } from '../../support/factories.ts'
import { expectApiError, tokenClient } from '../api/support.ts'
import { createSpace, person, thread } from '../discussions/helpers.ts'
import { clientFor, readable, removeDataDir, type App } from '../orgs/helpers.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

const png = () => silhouettePng([15, 83, 71], [213, 235, 227], 32)

function uploadForm(file: Blob, name = 'avatar.png') {
  const form = new FormData()
  form.append('intent', 'avatar')
  form.append('avatar', file, name)
  return form
}

describe('profile page', () => {
  it('answers signed-out readers of a members-only profile with a translated page in the shell, not a bare 403', async () => {
    const { user } = await person({ name: 'Üyelere Açık' })
    for (const [lang, text] of [
      ['en', 'This person shows their profile to signed-in members only.'],
      ['tr', 'Bu kişi profilini yalnızca oturum açmış üyelere gösteriyor.'],
    ] as const) {
      const { res, html } = await (await clientFor(app, null, lang)).page(`/people/${user.handle}`)
      expect(res.status).toBe(401)
      expect(readable(html)).toContain(text)
      expect(html).toContain(`<html lang="${lang}"`)
      expect(html).toContain(`/login?redirectTo=${encodeURIComponent(`/people/${user.handle}`)}`)
      expect(html).not.toContain('Üyelere Açık')
    }
    const member = await clientFor(app, (await person()).user.id)
    const { res, html } = await member.page(`/people/${user.handle}`)
    expect(res.status).toBe(200)
    expect(html).toMatch(/<h1[^>]*>Üyelere Açık<\/h1>/)
  })

  it('answers an unknown handle with the translated 404 page', async () => {
    const { res, html } = await (await clientFor(app, null, 'tr')).page('/people/kimse-yok-boyle')
    expect(res.status).toBe(404)
    expect(html).toContain('<html lang="tr"')
    expect(readable(html)).toContain('Sayfa bulunamadı')
  })

  it('shows a public profile signed out: about, organizations and posts from public spaces only', async () => {
    const { user, actor } = await person({ name: 'İsmail Çelik' })
    const client = await clientFor(app, user.id)
    const saved = await client.post('/settings/public-profile', {
      intent: 'save',
      about: 'Gönüllü *koordinatörü*.',
      city: 'Van',
      languages: ['tr', 'ku'],
      visibility: 'PUBLIC',
      showOrganizations: 'on',
      showRecentPosts: 'on',
    })
    expect(saved.status).toBe(302)
    const org = await createOrg({ name: 'Van Gönüllüleri' })
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: 'ADMIN', status: 'ACTIVE' } })
    const pub = await createSpace({ visibility: 'PUBLIC' })
    const members = await createSpace({ visibility: 'MEMBERS' })
    await thread(actor, pub.id, 'Herkese açık başlık')
    await thread(actor, members.id, 'Üyelere açık başlık')

    const { res, html } = await (await clientFor(app, null)).page(`/people/${user.handle}`)
    expect(res.status).toBe(200)
    const text = readable(html)
    expect(text).toContain('<em>koordinatörü</em>')
    expect(text).toContain('Van Gönüllüleri')
    expect(text).toContain('Herkese açık başlık')
    expect(text).not.toContain('Üyelere açık başlık')
    expect(text).toContain('Kurdish')
    // No picture: Turkish-correct initials on a coloured circle, named for screen readers.
    expect(text).toMatch(/role="img" aria-label="Profile picture of İsmail Çelik"[^>]*>İÇ</)
  })

  it('links post authors and @mentions to profiles, never an anonymous author', async () => {
    const space = await createSpace({ visibility: 'PUBLIC', allowAnonymous: true })
    const named = await person({ name: 'Adı Görünen' })
    const hidden = await person({ name: 'Gizli Yazar' })
    const t = await thread(named.actor, space.id, 'Bağlantılar', `Merhaba @${hidden.user.handle}`)
    const { createReply } = await import('../../../app/modules/discussions/posting.server.ts')
    await createReply(hidden.actor, { threadId: t.threadId, body: 'Anonim yanıt', anonymous: 'on', clientKey: crypto.randomUUID() })
    const moderator = await clientFor(app, (await person({ role: 'MODERATOR' })).user.id)
    for (const client of [await clientFor(app, null), moderator]) {
      const html = readable((await client.page(`/threads/${t.threadId}`)).html)
      expect(html).toMatch(new RegExp(`<a [^>]*href="/people/${named.user.handle}"[^>]*>Adı Görünen</a>`))
      expect(html).toContain(`<a href="/people/${hidden.user.handle}" class="mention">@${hidden.user.handle}</a>`)
      // The anonymous reply's author is linked nowhere (moderators see the name, unlinked).
      expect(html.match(new RegExp(`href="/people/${hidden.user.handle}"`, 'g'))).toHaveLength(1)
    }
  })
})

describe('avatars', () => {
  it('are uploaded, checked by their bytes, served as the profile allows, replaced and removed', async () => {
    const { user } = await person({ name: 'Resimli Kişi' })
    const client = await clientFor(app, user.id)
    const wrong = await client.post(
      '/settings/public-profile',
      uploadForm(new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>']), 'a.png'),
    )
    expect(wrong.status).toBe(400)
    expect(readable(await wrong.text())).toContain('This file is not a PNG, JPEG or WebP image.')
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarPath).toBeNull()

    const ok = await client.post('/settings/public-profile', uploadForm(new Blob([png()], { type: 'image/png' })))
    expect(ok.status).toBe(302)
    const first = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarPath!
    expect(first).toMatch(/^[a-f0-9]{32}\.png$/)
    const url = `/people/${user.handle}/avatar?v=${first.slice(0, 12)}`

    const mine = await client.get(url)
    expect(mine.status).toBe(200)
    expect(mine.headers.get('content-type')).toBe('image/png')
    expect(mine.headers.get('cache-control')).toBe('private, no-cache')
    await mine.arrayBuffer()
    // A members-only profile's picture is not for signed-out readers.
    const out = await (await clientFor(app, null)).get(url)
    expect(out.status).toBe(404)
    await out.arrayBuffer()

    await db.user.update({ where: { id: user.id }, data: { profileVisibility: 'PUBLIC' } })
    const open = await (await clientFor(app, null)).get(url)
    expect(open.status).toBe(200)
    expect(open.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    await open.arrayBuffer()

    expect((await client.post('/settings/public-profile', uploadForm(new Blob([png()])))).status).toBe(302)
    const second = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarPath!
    expect(second).not.toBe(first)
    const old = await client.get(`/people/${user.handle}/avatar?v=${first.slice(0, 12)}`)
    expect(old.status).toBe(200) // the address is the person's; the version only busts caches
    await old.arrayBuffer()

    expect((await client.post('/settings/public-profile', { intent: 'removeAvatar' })).status).toBe(302)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarPath).toBeNull()
    const gone = await client.get(`/people/${user.handle}/avatar`)
    expect(gone.status).toBe(404)
    await gone.arrayBuffer()
  })
})

describe('GET /api/v1/people/{handle}', () => {
  it('follows the same visibility and choices as the page', async () => {
    const { user } = await person({ name: 'API Kişisi' })
    const org = await createOrg({ name: 'API Derneği' })
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: 'MEMBER', status: 'ACTIVE' } })
    const anonymous = await clientFor(app, null)
    await expectApiError(await anonymous.get(`/api/v1/people/${user.handle}`), 404, 'not_found')

    const bearer = (await tokenClient(app, (await person()).user.id)).client
    const res = await bearer.get(`/api/v1/people/${user.handle}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      handle: user.handle,
      name: 'API Kişisi',
      avatarUrl: null,
      organizations: [{ slug: org.slug, name: 'API Derneği', role: 'MEMBER' }],
      recentPosts: [],
    })
    expect(body.url).toMatch(new RegExp(`/people/${user.handle}$`))
    expect(JSON.stringify(body)).not.toContain(user.email)

    await db.user.update({ where: { id: user.id }, data: { profileVisibility: 'PUBLIC', showOrganizations: false } })
    const open = await anonymous.get(`/api/v1/people/${user.handle}`)
    expect(open.status).toBe(200)
    expect(await open.json()).toMatchObject({ handle: user.handle, organizations: null })
    await expectApiError(await anonymous.get('/api/v1/people/kimse-yok'), 404, 'not_found')
  })
})
