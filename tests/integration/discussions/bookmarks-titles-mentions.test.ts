/**
 * Issue 10, item 7 (part): bookmarks that follow access, thread-title edits within the policy with their
 * history, and the warning when an @mention reaches someone who cannot see the thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { ForbiddenError } from '../../../app/lib/policy.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { listBookmarks, removeBookmark, setBookmark } from '../../../app/modules/bookmarks/bookmarks.server.ts'
import { loadThreadPage } from '../../../app/modules/discussions/thread-page.server.ts'
import { editThreadTitle } from '../../../app/modules/discussions/thread-title.server.ts'
import { unreachableMentions } from '../../../app/modules/discussions/mention-reach.server.ts'
import { startTestApp, type TestClient } from '../../support/app.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { clientFor } from '../orgs/helpers.ts'
import { sendJson } from '../api/support.ts'
import { createSpace, failure, makeSpaceModerator, person, reply, thread } from './helpers.ts'

type App = Awaited<ReturnType<typeof startTestApp>>
type Person = Awaited<ReturnType<typeof person>>
let app: App

const reload = async (p: Person): Promise<Person> => ({ user: p.user, actor: (await loadActor(p.user.id))! })

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

describe('bookmarks', () => {
  let org: Awaited<ReturnType<typeof createOrg>>
  let priv: Awaited<ReturnType<typeof createSpace>>
  let pub: Awaited<ReturnType<typeof createSpace>>
  let reader: Person
  let writer: Person
  let web: TestClient

  beforeAll(async () => {
    org = await createOrg()
    priv = await createSpace({ visibility: 'PRIVATE' })
    pub = await createSpace({ visibility: 'PUBLIC' })
    await db.spaceInvitation.create({ data: { spaceId: priv.id, orgId: org.id } })
    reader = await person()
    writer = await person()
    await addMember(reader.user.id, org.id)
    await addMember(writer.user.id, org.id)
    reader = await reload(reader)
    writer = await reload(writer)
    web = await clientFor(app, reader.user.id)
  })

  it('saves a post, shows it on the thread page from the ids and on /bookmarks, newest first', async () => {
    const a = await thread(writer.actor, pub.id, 'Bağış kampanyası', 'Kampanya için fikirler arıyoruz.')
    const b = await thread(writer.actor, priv.id, 'Ortak rapor', 'Raporun ilk taslağı burada.')
    await setBookmark(reader.actor, a.postId)
    await setBookmark(reader.actor, b.postId, { note: 'Pazartesi oku' })
    // Saving twice is one bookmark.
    await setBookmark(reader.actor, b.postId)

    const page = await loadThreadPage(reader.actor, b.threadId, { page: 1 })
    if (page.kind !== 'page') throw new Error('expected a page')
    expect(page.data.viewer.bookmarks).toEqual([b.postId])
    expect(page.data.viewer.controls['other:visible'].bookmark).toBe(true)

    const list = await listBookmarks(reader.actor)
    expect(list.items.map((i) => i.postId)).toEqual([b.postId, a.postId])
    expect(list.items[0]).toMatchObject({ note: 'Pazartesi oku', number: 1, excerpt: 'Raporun ilk taslağı burada.', state: 'visible' })
    expect(list.items[0].thread.title).toBe('Ortak rapor')
    expect(list.unavailable).toBe(0)

    const res = await web.get('/bookmarks')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('Ortak rapor')
    expect(html).toContain(`/threads/${b.threadId}/posts/1`)
  })

  it('leaves out what its owner can no longer see (access lost, post hidden), and says how many', async () => {
    const t = await thread(writer.actor, priv.id, 'Gizli toplantı notları', 'Yalnızca davetliler için.')
    const other = await thread(writer.actor, pub.id, 'Açık konu', 'Herkese açık.')
    const leaver = await reload(await person())
    await addMember(leaver.user.id, org.id)
    const inOrg = await reload(leaver)
    await setBookmark(inOrg.actor, t.postId)
    await setBookmark(inOrg.actor, other.postId)
    expect((await listBookmarks(inOrg.actor)).total).toBe(2)

    // Leaves the organization: the private space's post drops out of the list.
    await db.membership.deleteMany({ where: { userId: leaver.user.id, orgId: org.id } })
    const outside = await reload(leaver)
    const after = await listBookmarks(outside.actor)
    expect(after.items.map((i) => i.postId)).toEqual([other.postId])
    expect(after.unavailable).toBe(1)
    // and a bookmark on it cannot be made again
    expect((await failure(setBookmark(outside.actor, t.postId))).status).toBe(404)

    // A moderator hides the public post: gone from the list as well.
    await db.post.update({ where: { id: other.postId }, data: { status: 'HIDDEN' } })
    const hidden = await listBookmarks(outside.actor)
    expect(hidden.items).toEqual([])
    expect(hidden.unavailable).toBe(2)
    const html = await (await (await clientFor(app, leaver.user.id)).get('/bookmarks')).text()
    expect(html).not.toContain('Gizli toplantı notları')
    expect(html).toContain('2 bookmarked posts are no longer available to you')

    // Removing one's own bookmark works whatever one can see.
    expect(await removeBookmark(outside.actor, t.postId)).toBe(true)
    expect((await listBookmarks(outside.actor)).unavailable).toBe(1)
  })

  it('works as a plain form (no JavaScript) and through the API (GET, PUT, DELETE)', async () => {
    const t = await thread(writer.actor, pub.id, 'Gönüllü eğitimi', 'Eğitim takvimi.')
    const res = await web.post('/bookmarks', { intent: 'add', postId: t.postId, redirectTo: `/threads/${t.threadId}/posts/1` })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/threads/${t.threadId}/posts/1`)
    expect(await db.bookmark.count({ where: { userId: reader.user.id, postId: t.postId } })).toBe(1)
    // With JavaScript (the fetcher): JSON, no redirect.
    const js = await web.post('/bookmarks.data', { intent: 'remove', postId: t.postId, js: '1' })
    expect(js.status).toBe(200)
    expect(await db.bookmark.count({ where: { userId: reader.user.id, postId: t.postId } })).toBe(0)

    const put = await sendJson(web, 'PUT', `/api/v1/bookmarks/${t.postId}`, { note: 'API notu' })
    expect(put.status, await put.clone().text()).toBe(200)
    expect(await put.json()).toMatchObject({ postId: t.postId, threadId: t.threadId, number: 1, note: 'API notu' })
    const list = (await (await web.get('/api/v1/bookmarks')).json()) as { items: { postId: string; url: string }[]; total: number }
    expect(list.items[0]).toMatchObject({ postId: t.postId })
    expect(list.items[0].url).toMatch(new RegExp(`/threads/${t.threadId}/posts/1$`))
    const bad = await sendJson(web, 'PUT', `/api/v1/bookmarks/${t.postId}`, { note: 'x'.repeat(301) })
    expect(bad.status).toBe(400)
    const del = await web.request(`/api/v1/bookmarks/${t.postId}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect((await web.request(`/api/v1/bookmarks/${t.postId}`, { method: 'DELETE' })).status).toBe(404)
    // A post the caller cannot see: 404, nothing saved.
    const secret = await thread(writer.actor, priv.id, 'Davetlilere özel', 'Metin.')
    const outsider = await person()
    const outsiderWeb = await clientFor(app, outsider.user.id)
    expect((await sendJson(outsiderWeb, 'PUT', `/api/v1/bookmarks/${secret.postId}`, {})).status).toBe(404)
    expect(await db.bookmark.count({ where: { userId: outsider.user.id } })).toBe(0)
    // Signed out: no list.
    expect((await (await clientFor(app, null)).get('/api/v1/bookmarks')).status).toBe(401)
  })
})

describe('thread-title edits', () => {
  let space: Awaited<ReturnType<typeof createSpace>>
  let author: Person
  let other: Person
  let moderator: Person

  beforeAll(async () => {
    space = await createSpace({ visibility: 'MEMBERS' })
    author = await person()
    other = await person()
    moderator = await person()
    moderator = { user: moderator.user, actor: await makeSpaceModerator(space.id, moderator.user.id) }
  })

  it('lets the author rename their thread, keeps the old title in its history, no moderation log entry', async () => {
    const t = await thread(author.actor, space.id, 'Eski başlık')
    const result = await editThreadTitle(author.actor, t.threadId, { title: '  Yeni başlık  ' })
    expect(result).toMatchObject({ changed: true, title: 'Yeni başlık' })
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).title).toBe('Yeni başlık')
    const history = await db.threadTitleRevision.findMany({ where: { threadId: t.threadId } })
    expect(history).toMatchObject([{ title: 'Eski başlık', editorId: author.user.id }])
    expect(await db.auditLog.count({ where: { targetId: t.threadId } })).toBe(0)
    // The same title again changes nothing.
    expect((await editThreadTitle(author.actor, t.threadId, { title: 'Yeni başlık' })).changed).toBe(false)
    expect(await db.threadTitleRevision.count({ where: { threadId: t.threadId } })).toBe(1)
  })

  it('refuses others, a locked or hidden thread, and a bad title — changing nothing', async () => {
    const t = await thread(author.actor, space.id, 'Kimin başlığı')
    expect(await failure(editThreadTitle(other.actor, t.threadId, { title: 'Başkasının başlığı' }))).toBeInstanceOf(ForbiddenError)
    const tooShort = await failure(editThreadTitle(author.actor, t.threadId, { title: 'ab' }))
    expect(tooShort.errors?.title?.length).toBeGreaterThan(0)
    const control = await failure(editThreadTitle(author.actor, t.threadId, { title: 'Başlık\u202Eters' }))
    expect(control.errors?.title?.length).toBeGreaterThan(0)
    await db.thread.update({ where: { id: t.threadId }, data: { lockedAt: new Date() } })
    expect(await failure(editThreadTitle(author.actor, t.threadId, { title: 'Kilitliyken' }))).toBeInstanceOf(ForbiddenError)
    await db.thread.update({ where: { id: t.threadId }, data: { lockedAt: null, closedAt: new Date() } })
    // Closed, as for posts: the author may still fix the title.
    expect((await editThreadTitle(author.actor, t.threadId, { title: 'Kapalıyken düzeltildi' })).changed).toBe(true)
    await db.thread.update({ where: { id: t.threadId }, data: { hiddenAt: new Date() } })
    expect((await failure(editThreadTitle(author.actor, t.threadId, { title: 'Gizliyken' }))).status).toBe(404)
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).title).toBe('Kapalıyken düzeltildi')
  })

  it("a moderator renames someone else's thread with a reason, written to the moderation log", async () => {
    const t = await thread(author.actor, space.id, 'Yazım hatalı başlk')
    const noReason = await failure(editThreadTitle(moderator.actor, t.threadId, { title: 'Yazım hatası düzeltildi' }))
    expect(noReason).toMatchObject({ key: 'discussions.errors.titleReasonRequired', field: 'reason' })
    await editThreadTitle(moderator.actor, t.threadId, { title: 'Yazım hatası düzeltildi', reason: 'Yazım hatası' })
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: t.threadId, action: 'thread.editTitle' } })
    expect(audit).toMatchObject({ actorId: moderator.user.id, reason: 'Yazım hatası', spaceId: space.id })
    expect(audit.data).toEqual({ from: 'Yazım hatalı başlk', to: 'Yazım hatası düzeltildi' })
  })

  it('the edit page works without JavaScript and answers 403 to others', async () => {
    const t = await thread(author.actor, space.id, 'Form ile düzenlenecek')
    const authorWeb = await clientFor(app, author.user.id)
    expect((await authorWeb.get(`/threads/${t.threadId}/title`)).status).toBe(200)
    const res = await authorWeb.post(`/threads/${t.threadId}/title`, { title: 'Formla düzenlendi' })
    expect(res.status).toBe(302)
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).title).toBe('Formla düzenlendi')
    const page = await authorWeb.page(`/threads/${t.threadId}?page=1`)
    expect(page.html).toContain(`/threads/${t.threadId}/title`)
    const otherWeb = await clientFor(app, other.user.id)
    expect((await otherWeb.get(`/threads/${t.threadId}/title`)).status).toBe(403)
    expect((await otherWeb.page(`/threads/${t.threadId}?page=1`)).html).not.toContain(`/threads/${t.threadId}/title`)
  })
})

describe('mention warnings', () => {
  let priv: Awaited<ReturnType<typeof createSpace>>
  let insider: Person
  let outsider: Person
  let writer: Person
  let web: TestClient

  beforeAll(async () => {
    const org = await createOrg()
    priv = await createSpace({ visibility: 'PRIVATE' })
    await db.spaceInvitation.create({ data: { spaceId: priv.id, orgId: org.id } })
    writer = await person({ name: 'Derya Yazar' })
    insider = await person({ name: 'Işıl İçeride' })
    outsider = await person({ name: 'Oğuz Dışarıda' })
    await addMember(writer.user.id, org.id)
    await addMember(insider.user.id, org.id)
    writer = await reload(writer)
    web = await clientFor(app, writer.user.id)
  })

  it('tells who cannot see a private space’s thread: in the suggestions, the preview and after posting', async () => {
    const t = await thread(writer.actor, priv.id, 'Özel konu')
    const outHandle = outsider.user.handle!
    const inHandle = insider.user.handle!
    const body = `Merhaba @${inHandle} ve @${outHandle}`
    expect(await unreachableMentions(writer.actor, { threadId: t.threadId }, body)).toEqual([outHandle])

    const suggest = async (q: string) =>
      (
        (await (await web.get(`/mentions?q=${encodeURIComponent(q)}&thread=${t.threadId}`)).json()) as {
          results: { handle: string; canSee?: boolean }[]
        }
      ).results
    expect((await suggest('Oğuz Dışarıda')).find((r) => r.handle === outHandle)?.canSee).toBe(false)
    expect((await suggest('Işıl İçeride')).find((r) => r.handle === inHandle)?.canSee).toBe(true)

    const preview = await web.post('/content/preview', { body, thread: t.threadId })
    expect(await preview.json()).toMatchObject({ unreachable: [outHandle] })

    // Posting: the reply's redirect carries the warning to the page, which says it.
    const res = await web.post(`/threads/${t.threadId}?index`, { intent: 'reply', body, clientKey: crypto.randomUUID() })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain(`unreached=${outHandle}`)
    const { html } = await web.page(res.headers.get('location')!)
    expect(html).toContain(`You mentioned @${outHandle}, but they won’t be notified because they can’t see this thread.`)
    expect(html).not.toContain(`@${inHandle}, but`)
  })

  it('says nothing to someone who cannot see the place, and a crafted link claims nothing', async () => {
    const t = await thread(writer.actor, priv.id, 'Başka özel konu')
    const outWeb = await clientFor(app, outsider.user.id)
    const results = (
      (await (await outWeb.get(`/mentions?q=${encodeURIComponent('Işıl')}&thread=${t.threadId}`)).json()) as {
        results: { handle: string; canSee?: boolean }[]
      }
    ).results
    expect(results.every((r) => r.canSee !== false)).toBe(true)
    const preview = await outWeb.post('/content/preview', { body: `@${insider.user.handle}`, thread: t.threadId })
    expect(await preview.json()).toMatchObject({ unreachable: [] })
    // The insider can see the thread: a hand-made ?unreached= naming them shows no warning.
    const { html } = await web.page(`/threads/${t.threadId}?page=1&unreached=${insider.user.handle}`)
    expect(html).not.toContain('won’t be notified')
  })

  it('leaves a reply to people who can see the thread without a warning', async () => {
    const t = await thread(writer.actor, priv.id, 'Üçüncü konu')
    const r = await reply(writer.actor, t.threadId, `@${insider.user.handle} bakar mısın?`)
    expect(r.created).toBe(true)
    expect(await unreachableMentions(writer.actor, { threadId: t.threadId }, `@${insider.user.handle}`)).toEqual([])
  })
})
