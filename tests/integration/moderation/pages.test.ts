/**
 * The moderation pages through the real app (build + Express) as browsers without JavaScript use them:
 * report form, queue, post and thread moderation pages, log — and what a space moderator may NOT see.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, type TestClient } from '../../support/app.ts'
import { clientFor, readable } from '../orgs/helpers.ts'
import { createSpace, makeSpaceModerator, person, reply, thread } from './helpers.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
type P = Awaited<ReturnType<typeof person>> & { client: TestClient }
let author: P, reader: P, spaceMod: P, otherMod: P, platformMod: P
let mine: { threadId: string; postId: string; number: number }
let theirs: { threadId: string; postId: string }
let space: Awaited<ReturnType<typeof createSpace>>, other: Awaited<ReturnType<typeof createSpace>>

async function withClient(p: Awaited<ReturnType<typeof person>>): Promise<P> {
  return { ...p, client: await clientFor(app, p.user.id) }
}

beforeAll(async () => {
  app = await startTestApp()
  space = await createSpace()
  other = await createSpace()
  author = await withClient(await person({ name: 'Yazar Ayşe' }))
  reader = await withClient(await person({ name: 'Okur Emre' }))
  platformMod = await withClient(await person({ name: 'Moderatör Mert', role: 'MODERATOR' }))
  const sm = await person({ name: 'Alan Moderatörü Şule' })
  sm.actor = await makeSpaceModerator(space.id, sm.user.id)
  spaceMod = await withClient(sm)
  const om = await person({ name: 'Öteki Moderatör' })
  om.actor = await makeSpaceModerator(other.id, om.user.id)
  otherMod = await withClient(om)
  const t = await thread(author.actor, space.id, 'Gönüllü yönetimi', 'Açılış mesajı')
  const r = await reply(author.actor, t.threadId, 'Kaba bir yanıt burada', 1)
  mine = { threadId: t.threadId, postId: r.postId, number: r.number }
  const o = await thread(author.actor, other.id, 'Öteki alanın gizli konusu', 'Öteki alandaki metin')
  theirs = { threadId: o.threadId, postId: o.postId }
})
afterAll(async () => {
  await app?.close()
})
beforeEach(async () => {
  await db.rateLimitBucket.deleteMany({ where: { key: { startsWith: 'post:' } } })
})

describe('the report page', () => {
  it('refuses bad input with a translated error and writes nothing; a report is confirmed without revealing anything', async () => {
    const url = `/threads/${mine.threadId}/posts/${mine.number}/report`
    const form = await reader.client.page(url)
    expect(form.res.status).toBe(200)
    // No reason is chosen for the reporter, and sending none is refused.
    expect(form.html).not.toMatch(/<option[^>]*value="[A-Z_]+"[^>]*selected/)
    expect((await reader.client.post(url, { reason: '', note: '' })).status).toBe(400)
    let res = await reader.client.post(url, { reason: 'LOUD', note: 'x'.repeat(1001) })
    expect(res.status).toBe(400)
    expect(await db.report.count({ where: { postId: mine.postId } })).toBe(0)

    res = await reader.client.post(url, { reason: 'ABUSE', note: 'Hakaret var' })
    expect(res.status).toBe(302)
    const { html } = await reader.client.page(res.headers.get('location')!)
    expect(readable(html)).toContain('Thank you. Your report reached the moderators.')
    expect(await db.report.count({ where: { postId: mine.postId, reporterId: reader.user.id } })).toBe(1)

    // Turkish: the same form, translated.
    await db.user.update({ where: { id: reader.user.id }, data: { locale: 'tr' } })
    expect(readable((await reader.client.page(url)).html)).toContain('Bu mesajı zaten şikâyet ettiniz')
    await db.user.update({ where: { id: reader.user.id }, data: { locale: 'en' } })
  })

  it('is a 404 for people who cannot read the post and a 403 for its author', async () => {
    const priv = await createSpace({ visibility: 'PRIVATE' })
    await db.spaceInvitation.create({ data: { spaceId: priv.id, userId: author.user.id } })
    const t = await thread(author.actor, priv.id, 'Özel konu', 'Özel metin')
    expect((await reader.client.get(`/threads/${t.threadId}/posts/1/report`)).status).toBe(404)
    expect((await reader.client.post(`/threads/${t.threadId}/posts/1/report`, { reason: 'SPAM', note: '' })).status).toBe(404)
    expect((await author.client.get(`/threads/${mine.threadId}/posts/${mine.number}/report`)).status).toBe(403)
    expect(await db.report.count({ where: { post: { threadId: t.threadId } } })).toBe(0)
  })
})

describe('the queue and decisions', () => {
  it('a space moderator sees their space only, with names but never e-mail addresses', async () => {
    await db.report.create({ data: { postId: theirs.postId, reporterId: reader.user.id, reason: 'SPAM', note: 'öteki not' } })
    const { res, html } = await spaceMod.client.page('/moderation')
    expect(res.status).toBe(200)
    const text = readable(html)
    expect(text).toContain('Kaba bir yanıt burada')
    expect(text).toContain('Okur Emre')
    expect(text).toContain('Hakaret var')
    expect(text).not.toContain('Öteki alanın gizli konusu')
    expect(text).not.toContain('öteki not')
    // (the page carries the viewer's own address for the account menu; nobody else's)
    for (const p of [author, reader, platformMod]) expect(html).not.toContain(p.user.email)
    expect(html).not.toMatch(/127\.0\.0\.1|::1/)

    const all = readable((await platformMod.client.page('/moderation')).html)
    expect(all).toContain('Öteki alanın gizli konusu')
    expect((await reader.client.get('/moderation')).status).toBe(403)
    expect((await reader.client.get('/moderation/log')).status).toBe(403)
    expect((await otherMod.client.get(`/threads/${mine.threadId}/posts/${mine.number}/moderate`)).status).toBe(403)
    expect((await otherMod.client.get(`/threads/${mine.threadId}/moderate`)).status).toBe(403)
  })

  it('hides from the queue with a plain form, refuses a missing reason, and logs it for this space only', async () => {
    const url = `/threads/${mine.threadId}/posts/${mine.number}/moderate`
    let res = await spaceMod.client.post(url, { intent: 'hide', reason: '', returnTo: '/moderation' })
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('Give a reason: the person concerned is told.')
    expect((await db.post.findUniqueOrThrow({ where: { id: mine.postId } })).status).toBe('VISIBLE')

    res = await otherMod.client.post(url, { intent: 'hide', reason: 'Başka alandan', returnTo: '/moderation' })
    expect(res.status).toBe(403)

    res = await spaceMod.client.post(url, { intent: 'hide', reason: 'Hakaret içeriyor', returnTo: 'https://evil.example/' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`${url}?done=post.hide`)
    expect((await db.post.findUniqueOrThrow({ where: { id: mine.postId } })).status).toBe('HIDDEN')

    const log = readable((await spaceMod.client.page('/moderation/log')).html)
    expect(log).toContain('Hid a post')
    expect(log).toContain('Hakaret içeriyor')
    expect(readable((await otherMod.client.page('/moderation/log')).html)).not.toContain('Hakaret içeriyor')

    const page = readable((await spaceMod.client.page(url)).html)
    expect(page).toContain('Restore post')
    expect(page).not.toContain(author.user.email)
  })

  it('asks for one reason per post, needed to reject but not to approve (issue 10, item 8.1)', async () => {
    const pending = async (body: string) => {
      const r = await reply(author.actor, mine.threadId, body, 1)
      await db.post.update({ where: { id: r.postId }, data: { status: 'PENDING' } })
      return r
    }
    const a = await pending('Onay bekleyen ilk yanıt')
    const b = await pending('Onay bekleyen ikinci yanıt')
    const url = (n: number) => `/threads/${mine.threadId}/posts/${n}/moderate`
    const { html } = await platformMod.client.page(url(a.number))
    // One reason box for all of the post's decisions (approve, reject, warn, suspend), not marked required…
    const boxes = html.match(/<textarea[^>]*name="reason"[^>]*>/g) ?? []
    expect(boxes).toHaveLength(1)
    expect(boxes[0]).not.toMatch(/\brequired\b|aria-required/)
    expect(readable(html)).not.toContain('Reason *')
    // …and its hint says which decisions need one.
    expect(readable(html)).toMatch(/Needed to reject, warn,? or suspend: the person concerned is told\./)
    // The queue shows one per item too.
    const queue = (await platformMod.client.page('/moderation')).html
    expect((queue.match(/<textarea[^>]*name="reason"/g) ?? []).length).toBe((queue.match(/data-testid="queue-item"/g) ?? []).length)

    let res = await platformMod.client.post(url(a.number), { intent: 'approve', reason: '', duration: '1d', returnTo: '/moderation' })
    expect(res.status).toBe(302)
    expect((await db.post.findUniqueOrThrow({ where: { id: a.postId } })).status).toBe('VISIBLE')

    res = await platformMod.client.post(url(b.number), { intent: 'reject', reason: '', duration: '1d', returnTo: '/moderation' })
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('Give a reason: the person concerned is told.')
    expect((await db.post.findUniqueOrThrow({ where: { id: b.postId } })).status).toBe('PENDING')
    res = await platformMod.client.post(url(b.number), {
      intent: 'reject',
      reason: 'Kurallara aykırı',
      duration: '1d',
      returnTo: '/moderation',
    })
    expect(res.status).toBe(302)
  })

  it('the thread page locks and moves between moderated spaces', async () => {
    const dest = await createSpace()
    await makeSpaceModerator(dest.id, spaceMod.user.id)
    const url = `/threads/${mine.threadId}/moderate`
    let { html } = await spaceMod.client.page(url)
    expect(readable(html)).toContain(dest.nameEn)
    expect(readable(html)).not.toContain(other.nameEn)
    let res = await spaceMod.client.post(url, { intent: 'lock', reason: 'Sakinleşme zamanı' })
    expect(res.status).toBe(302)
    expect((await db.thread.findUniqueOrThrow({ where: { id: mine.threadId } })).lockedAt).not.toBeNull()
    res = await spaceMod.client.post(url, { intent: 'move', toSpaceId: other.id, reason: 'Yanlış' })
    expect(res.status).toBe(403)
    res = await spaceMod.client.post(url, { intent: 'move', toSpaceId: dest.id, reason: 'Doğru alan' })
    expect(res.status).toBe(302)
    expect((await db.thread.findUniqueOrThrow({ where: { id: mine.threadId } })).spaceId).toBe(dest.id)
    ;({ html } = await spaceMod.client.page(res.headers.get('location')!))
    expect(readable(html)).toContain('The thread was moved.')
  })
})
