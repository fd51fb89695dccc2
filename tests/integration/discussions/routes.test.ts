/** The thread pages through the real app, as a browser without JavaScript uses them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp } from '../../support/app.ts'
import { clientFor, readable, removeDataDir, type App } from '../orgs/helpers.ts'
import { createSpace, key, person, reply, thread } from './helpers.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

describe('thread page', () => {
  it('renders numbered post headings, in-reply-to links and a composer, and posts a nested reply without JavaScript', async () => {
    const space = await createSpace()
    const { user, actor } = await person({ name: 'Ayşe Yılmaz' })
    const t = await thread(actor, space.id, 'Gönüllü yönetimi')
    await reply(actor, t.threadId, 'İlk yanıt')
    const client = await clientFor(app, user.id)
    const { res, html } = await client.page(`/threads/${t.threadId}`)
    expect(res.status).toBe(200)
    const text = readable(html)
    expect(text).toContain('<h1')
    expect(text).toMatch(/<h2[^>]*id="post-1"[^>]*>Post 1 by Ayşe Yılmaz<\/h2>/)
    expect(text).toContain('id="composer"')
    const clientKey = /name="clientKey" value="([^"]+)"/.exec(html)![1]

    const posted = await client.post(`/threads/${t.threadId}?index`, {
      intent: 'reply',
      parentNumber: '2',
      body: 'İç içe yanıt',
      clientKey,
    })
    expect(posted.status).toBe(302)
    expect(posted.headers.get('location')).toBe(`/threads/${t.threadId}/posts/3`)
    // the same submit again (a retry) lands on the same post
    const retried = await client.post(`/threads/${t.threadId}?index`, {
      intent: 'reply',
      parentNumber: '2',
      body: 'İç içe yanıt',
      clientKey,
    })
    expect(retried.headers.get('location')).toBe(`/threads/${t.threadId}/posts/3`)
    expect(await db.post.count({ where: { threadId: t.threadId } })).toBe(3)

    const permalink = await client.get(`/threads/${t.threadId}/posts/3`)
    expect(permalink.headers.get('location')).toBe(`/threads/${t.threadId}?page=1#post-3`)
    const after = readable((await client.page(`/threads/${t.threadId}?page=1`)).html)
    expect(after).toMatch(/<h3[^>]*id="post-3"[^>]*>Post 3 by Ayşe Yılmaz<\/h3>/)
    expect(after).toContain('in reply to post 2')
  })

  it('shows a translated error and writes nothing for an empty reply', async () => {
    const space = await createSpace()
    const { user, actor } = await person({ locale: 'tr' })
    const t = await thread(actor, space.id)
    const client = await clientFor(app, user.id, 'tr')
    const res = await client.post(`/threads/${t.threadId}?page=1&index`, { intent: 'reply', body: '  ', clientKey: key() })
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('Bu alan zorunludur')
    expect(await db.post.count({ where: { threadId: t.threadId } })).toBe(1)
  })

  it('never shows an anonymous author to other members, in the HTML', async () => {
    const space = await createSpace({ allowAnonymous: true })
    const opener = await person()
    const t = await thread(opener.actor, space.id)
    const secret = await person({ name: 'Saklı Kişi' })
    const client = await clientFor(app, secret.user.id)
    const html = (await client.page(`/threads/${t.threadId}`)).html
    const clientKey = /name="clientKey" value="([^"]+)"/.exec(html)![1]
    await client.post(`/threads/${t.threadId}?index`, { intent: 'reply', body: 'Anonim düşünce', anonymous: 'on', clientKey })
    const other = await clientFor(app, (await person()).user.id)
    const seen = readable((await other.page(`/threads/${t.threadId}?page=1`)).html)
    expect(seen).toContain('Post 2 by Anonymous member')
    expect(seen).not.toContain('Saklı Kişi')
    const mod = await clientFor(app, (await person({ role: 'MODERATOR' })).user.id)
    expect(readable((await mod.page(`/threads/${t.threadId}?page=1`)).html)).toContain('Anonymous — posted by Saklı Kişi')
  })

  it('toggles a reaction with a plain form and shows aria-pressed', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const reader = await person()
    const client = await clientFor(app, reader.user.id)
    const res = await client.post(`/threads/${t.threadId}?index&page=1`, { intent: 'react', postId: t.postId, kind: 'like' })
    expect(res.status).toBe(200)
    const html = (await client.page(`/threads/${t.threadId}?page=1`)).html
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?Like/s)
  })

  it('sends signed-out readers of a members-only thread to sign in, and hides private ones', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const anon = await clientFor(app, null)
    const res = await anon.get(`/threads/${t.threadId}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    const priv = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const pt = await thread(mod.actor, priv.id)
    expect((await (await clientFor(app, (await person()).user.id)).get(`/threads/${pt.threadId}`)).status).toBe(403)
    expect((await anon.get(`/threads/nope`)).status).toBe(404)
  })

  it('answers a refused or missing post permalink with the site’s page, in the reader’s language', async () => {
    const priv = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const pt = await thread(mod.actor, priv.id)
    const outsider = await clientFor(app, (await person({ locale: 'tr' })).user.id, 'tr')
    const refused = await outsider.page(`/threads/${pt.threadId}/posts/1`)
    expect(refused.res.status).toBe(403)
    expect(refused.html).toContain('<html lang="tr"')
    expect(refused.html).toContain('href="#main"')
    const missing = await outsider.page('/threads/doesnotexist/posts/1')
    expect(missing.res.status).toBe(404)
    expect(readable(missing.html)).toContain('Sayfa bulunamadı')
  })
})

describe('history and drafts', () => {
  it('shows a word diff of an edit with ins/del and screen-reader words', async () => {
    const space = await createSpace()
    const { user, actor } = await person()
    const t = await thread(actor, space.id, 'Düzenleme', 'Toplantı salı günü')
    const client = await clientFor(app, user.id)
    const edit = await client.post(`/threads/${t.threadId}/posts/1/edit`, { body: 'Toplantı çarşamba günü' })
    expect(edit.status).toBe(302)
    const html = readable((await client.page(`/threads/${t.threadId}/posts/1/history`)).html)
    expect(html).toMatch(/<del[^>]*>.*salı.*<\/del>/s)
    expect(html).toMatch(/<ins[^>]*>.*çarşamba.*<\/ins>/s)
    expect(html).toContain('added:')
  })

  it('saves, restores and deletes drafts for the signed-in person only', async () => {
    const space = await createSpace()
    const { user, actor } = await person()
    const t = await thread(actor, space.id)
    const client = await clientFor(app, user.id)
    const draftKey = `reply:${t.threadId}`
    expect((await client.post('/drafts', { key: draftKey, body: 'yarım kalmış yanıt' })).status).toBe(200)
    expect(readable((await client.page(`/threads/${t.threadId}?page=1`)).html)).toContain('yarım kalmış yanıt')
    expect((await client.post('/drafts', { key: 'nonsense', body: 'x' })).status).toBe(400)
    expect((await client.post('/drafts', { key: draftKey, body: 'x'.repeat(20_001) })).status).toBe(413)
    const anon = await clientFor(app, null)
    expect((await anon.post('/drafts', { key: draftKey, body: 'x' })).status).toBe(302)
    // posting removes the draft
    const html = (await client.page(`/threads/${t.threadId}?page=1`)).html
    const clientKey = /name="clientKey" value="([^"]+)"/.exec(html)![1]
    await client.post(`/threads/${t.threadId}?index`, { intent: 'reply', body: 'bitti', clientKey })
    expect(await db.draft.count({ where: { userId: user.id } })).toBe(0)
  })
})

describe('new thread page', () => {
  it('creates a thread with themes and redirects to its first post', async () => {
    const space = await createSpace()
    const { user } = await person()
    const client = await clientFor(app, user.id)
    const page = await client.page(`/spaces/${space.slug}/new-thread`)
    expect(page.res.status).toBe(200)
    const clientKey = /name="clientKey" value="([^"]+)"/.exec(page.html)![1]
    const res = await client.post(`/spaces/${space.slug}/new-thread`, { title: 'Yeni konu başlığı', body: 'Merhaba', clientKey })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/threads\/\w+\/posts\/1$/)
    const bad = await client.post(`/spaces/${space.slug}/new-thread`, { title: 'x', body: '', clientKey: key() })
    expect(bad.status).toBe(400)
    expect(await db.thread.count({ where: { spaceId: space.id } })).toBe(1)
  })
})
