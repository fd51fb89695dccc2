/**
 * /api/v1 spaces, threads and posts against the real app: the same policy as the pages, anonymity kept,
 * idempotent posting, nothing written on bad input, and safe spaces never served to a personal token.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { translate } from '../../../app/lib/i18n.ts'
import { DISCUSSION_ENDPOINTS } from '../../../app/modules/api/discussion-endpoints.server.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { createThread } from '../../../app/modules/discussions/posting.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { acceptRules, createSpace, makeSpaceModerator, person, reply, snapshotCounts, thread } from '../discussions/helpers.ts'
import { clientFor } from '../orgs/helpers.ts'
import { expectApiError, sendJson, tokenClient } from './support.ts'

type App = Awaited<ReturnType<typeof startTestApp>>
type Person = Awaited<ReturnType<typeof person>>

interface ApiPost {
  id: string
  threadId: string
  number: number
  url: string
  parentNumber: number | null
  level: number
  state: string
  html: string | null
  author: { id: string; name: string; handle: string | null } | null
  anonymous: boolean
  revisionCount: number
  reactions: { kind: string; count: number; mine: boolean }[]
  page?: number
  root?: number | null
}
interface ApiThreadPage {
  thread: { id: string; title: string; url: string; space: { slug: string; safeSpace: boolean } }
  page: number
  pages: number
  total: number
  root: { number: number; parentNumber: number | null } | null
  posts: ApiPost[]
  firstUnreadNumber: number | null
}
interface ApiThreadList {
  items: {
    id: string
    title: string
    author: { id: string; name: string; handle: string | null } | null
    anonymous: boolean
    replyCount: number
  }[]
  nextCursor: string | null
}
interface ApiSpacePage {
  items: { slug: string; safeSpace: boolean }[]
  nextCursor: string | null
}

let app: App
let anonymous: TestClient
/** member of the invited organization; accepted the safe space's rules */
let member: Person
let memberWeb: TestClient
let memberToken: TestClient
/** a verified member of no invited organization */
let outsider: Person
let outsiderWeb: TestClient
let moderator: Person
let moderatorWeb: TestClient
let org: Awaited<ReturnType<typeof createOrg>>

let pub: Awaited<ReturnType<typeof createSpace>>
let members: Awaited<ReturnType<typeof createSpace>>
let priv: Awaited<ReturnType<typeof createSpace>>
let safe: Awaited<ReturnType<typeof createSpace>>

const json = async <T>(res: Response, status = 200): Promise<T> => {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return JSON.parse(text) as T
}
const safeMessage = translate('en', 'api.errors.safeSpace')

/** The actor again, after its memberships changed. */
const reload = async (p: Person): Promise<Person> => ({ user: p.user, actor: (await loadActor(p.user.id))! })

/**
 * Someone who writes a test's setup content: invited to the private space, rules of the safe space
 * accepted. A fresh one per test, so nobody runs into the posting rate limit by accident.
 */
async function newWriter() {
  const p = await person()
  await addMember(p.user.id, org.id)
  await acceptRules(safe.id, p.user.id)
  return reload(p)
}

beforeAll(async () => {
  app = await startTestApp()
  anonymous = new TestClient(app.url)
  pub = await createSpace({ visibility: 'PUBLIC' })
  members = await createSpace({ visibility: 'MEMBERS', allowAnonymous: true })
  priv = await createSpace({ visibility: 'PRIVATE' })
  safe = await createSpace({ visibility: 'MEMBERS', safeSpace: true })
  member = await person()
  outsider = await person()
  moderator = await person({ role: 'MODERATOR' })
  org = await createOrg()
  await addMember(member.user.id, org.id)
  await db.spaceInvitation.create({ data: { spaceId: priv.id, orgId: org.id } })
  member = await reload(member)
  await acceptRules(safe.id, member.user.id)
  memberWeb = await clientFor(app, member.user.id)
  memberToken = (await tokenClient(app, member.user.id)).client
  outsiderWeb = await clientFor(app, outsider.user.id)
  moderatorWeb = await clientFor(app, moderator.user.id)
})
afterAll(() => app?.close())

describe('GET /api/v1/spaces', () => {
  const slugs = async (client: TestClient, query = '') => {
    const all: string[] = []
    let cursor: string | null = null
    do {
      const page: ApiSpacePage = await json(await client.get(`/api/v1/spaces?limit=1${query}${cursor ? `&cursor=${cursor}` : ''}`))
      expect(page.items.length).toBeLessThanOrEqual(1)
      all.push(...page.items.map((s) => s.slug))
      cursor = page.nextCursor
    } while (cursor)
    return all
  }

  it('lists only the readable spaces, page by page without repeats', async () => {
    expect(await slugs(anonymous)).toEqual([pub.slug])
    const forMember = await slugs(memberWeb)
    expect(new Set(forMember).size).toBe(forMember.length)
    expect(forMember.sort()).toEqual([pub.slug, members.slug, priv.slug, safe.slug].sort())
    // A safe space is for members of approved organizations, and never for a personal token.
    expect((await slugs(outsiderWeb)).sort()).toEqual([pub.slug, members.slug].sort())
    expect((await slugs(memberToken)).sort()).toEqual([pub.slug, members.slug, priv.slug].sort())
  })

  it('leaves safe spaces out for a personal token, also across pages', async () => {
    expect((await slugs(memberToken)).sort()).toEqual([pub.slug, members.slug, priv.slug].sort())
    const all: ApiSpacePage = await json(await memberToken.get('/api/v1/spaces'))
    expect(all.items.map((s) => s.slug)).not.toContain(safe.slug)
    expect(all.items.every((s) => !s.safeSpace)).toBe(true)
  })

  it('refuses bad paging values', async () => {
    for (const q of ['limit=0', 'limit=101', 'mine=yes']) {
      const body = await expectApiError(await anonymous.get(`/api/v1/spaces?${q}`), 400, 'validation_failed')
      expect(Object.keys(body.error.fields)).toEqual([q.split('=')[0]])
    }
  })
})

describe('GET /api/v1/spaces/{slug}', () => {
  it('shows a readable space with its rules and links', async () => {
    const body = await json<{
      slug: string
      url: string
      rules: { tr: string; en: string }
      visibility: string
      can: { createThread: boolean }
    }>(await anonymous.get(`/api/v1/spaces/${pub.slug}`))
    expect(body).toMatchObject({
      slug: pub.slug,
      url: `${app.url}/spaces/${pub.slug}`,
      visibility: 'PUBLIC',
      rules: { en: 'Confidentiality and respect.' },
    })
    expect(body.can.createThread).toBe(false)
    const mine = await json<{ can: { createThread: boolean } }>(await memberWeb.get(`/api/v1/spaces/${members.slug}`))
    expect(mine.can.createThread).toBe(true)
  })

  it('answers 404 for unknown and unreadable spaces alike', async () => {
    await expectApiError(await anonymous.get('/api/v1/spaces/no-such-space'), 404, 'not_found')
    await expectApiError(await anonymous.get(`/api/v1/spaces/${members.slug}`), 404, 'not_found')
    await expectApiError(await anonymous.get(`/api/v1/spaces/${safe.slug}`), 404, 'not_found')
    await expectApiError(await outsiderWeb.get(`/api/v1/spaces/${priv.slug}`), 404, 'not_found')
  })

  it('refuses a safe space to a token with a reason, and shows it to the website session', async () => {
    const refused = await expectApiError(await memberToken.get(`/api/v1/spaces/${safe.slug}`), 403, 'forbidden')
    expect(refused.error.message).toBe(safeMessage)
    const shown = await json<{ safeSpace: boolean }>(await memberWeb.get(`/api/v1/spaces/${safe.slug}`))
    expect(shown.safeSpace).toBe(true)
  })
})

describe('GET /api/v1/spaces/{slug}/threads', () => {
  it('pages the threads, hiding anonymous authors from everyone but moderators', async () => {
    const writer = await newWriter()
    const named = await thread(writer.actor, members.id, 'Açık başlık')
    const hidden = await createThread(writer.actor, {
      spaceId: members.id,
      title: 'Anonim başlık',
      body: 'Gövde',
      anonymous: 'true',
      clientKey: randomUUID(),
    })
    const first: ApiThreadList = await json(await memberWeb.get(`/api/v1/spaces/${members.slug}/threads?limit=1`))
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).toBeTruthy()
    const second: ApiThreadList = await json(
      await memberWeb.get(`/api/v1/spaces/${members.slug}/threads?limit=1&cursor=${first.nextCursor}`),
    )
    const listed = [...first.items, ...second.items]
    expect(listed.map((t) => t.id).sort()).toEqual([named.threadId, hidden.threadId].sort())
    const anon = listed.find((t) => t.id === hidden.threadId)!
    expect(anon).toMatchObject({ anonymous: true, author: null })
    expect(JSON.stringify(anon)).not.toContain(writer.user.name)
    expect(JSON.stringify(anon)).not.toContain(writer.user.id)
    expect(listed.find((t) => t.id === named.threadId)!.author).toEqual({
      id: writer.user.id,
      name: writer.user.name,
      handle: writer.user.handle,
    })

    const forModerator: ApiThreadList = await json(await moderatorWeb.get(`/api/v1/spaces/${members.slug}/threads`))
    expect(forModerator.items.find((t) => t.id === hidden.threadId)).toMatchObject({
      anonymous: true,
      author: { id: writer.user.id, handle: null },
    })
  })

  it('refuses the safe space to a token, not to the session; unreadable spaces are 404', async () => {
    const writer = await newWriter()
    await thread(writer.actor, safe.id, 'Güvenli alanda bir konu')
    const refused = await expectApiError(await memberToken.get(`/api/v1/spaces/${safe.slug}/threads`), 403, 'forbidden')
    expect(refused.error.message).toBe(safeMessage)
    const shown: ApiThreadList = await json(await memberWeb.get(`/api/v1/spaces/${safe.slug}/threads`))
    expect(shown.items.map((t) => t.title)).toContain('Güvenli alanda bir konu')
    await expectApiError(await anonymous.get(`/api/v1/spaces/${members.slug}/threads`), 404, 'not_found')
    await expectApiError(await outsiderWeb.get(`/api/v1/spaces/${priv.slug}/threads`), 404, 'not_found')
  })
})

describe('POST /api/v1/spaces/{slug}/threads', () => {
  it('creates a thread (201) and a retry with the same key returns it again (200), once', async () => {
    const poster = await person()
    const web = await clientFor(app, poster.user.id)
    const clientKey = randomUUID()
    const input = { title: 'API ile açılan başlık', body: 'Merhaba **dünya**', themes: [], clientKey }
    const res = await sendJson(web, 'POST', `/api/v1/spaces/${members.slug}/threads`, input)
    const created = await json<ApiThreadPage>(res, 201)
    expect(res.headers.get('location')).toBe(`${app.url}/api/v1/threads/${created.thread.id}`)
    expect(created.thread).toMatchObject({
      title: 'API ile açılan başlık',
      url: `${app.url}/threads/${created.thread.id}`,
      space: { slug: members.slug },
    })
    expect(created.posts).toHaveLength(1)
    expect(created.posts[0]).toMatchObject({
      number: 1,
      state: 'visible',
      author: { id: poster.user.id, handle: poster.user.handle },
      anonymous: false,
    })
    expect(created.posts[0].html).toContain('<strong>dünya</strong>')

    const again = await json<ApiThreadPage>(await sendJson(web, 'POST', `/api/v1/spaces/${members.slug}/threads`, input), 200)
    expect(again.thread.id).toBe(created.thread.id)
    expect(await db.thread.count({ where: { authorId: poster.user.id } })).toBe(1)
  })

  it('posts anonymously where the space allows it, without naming the author to members', async () => {
    const poster = await person()
    const web = await clientFor(app, poster.user.id)
    const created = await json<ApiThreadPage>(
      await sendJson(web, 'POST', `/api/v1/spaces/${members.slug}/threads`, {
        title: 'Adsız soru',
        body: 'Kim olduğum önemli değil',
        anonymous: true,
        clientKey: randomUUID(),
      }),
      201,
    )
    expect(created.posts[0]).toMatchObject({ anonymous: true, author: null })
    expect(JSON.stringify(created)).not.toContain(poster.user.name)
    const read = await json<ApiThreadPage>(await memberWeb.get(`/api/v1/threads/${created.thread.id}`))
    expect(read.posts[0]).toMatchObject({ anonymous: true, author: null })
    expect(JSON.stringify(read)).not.toContain(poster.user.id)
    const moderated = await json<ApiThreadPage>(await moderatorWeb.get(`/api/v1/threads/${created.thread.id}`))
    expect(moderated.posts[0]).toMatchObject({ anonymous: true, author: { id: poster.user.id, name: poster.user.name, handle: null } })
  })

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await snapshotCounts()
    const path = `/api/v1/spaces/${members.slug}/threads`
    const cases: [unknown, string[]][] = [
      [{ title: '', body: 'x', clientKey: randomUUID() }, ['title']],
      [{ title: 'Uygun başlık', body: '   ', clientKey: randomUUID() }, ['body']],
      [{ title: 'x'.repeat(161), body: 'x'.repeat(20_001), clientKey: randomUUID() }, ['title', 'body']],
      [{ title: 'Uygun başlık', body: 'Gövde' }, ['clientKey']],
      [{ title: 'Uygun başlık', body: 'Gövde', clientKey: 'kısa' }, ['clientKey']],
      [{ title: 'Uygun başlık', body: 'Gövde', clientKey: randomUUID(), anonymous: 'yes' }, ['anonymous']],
      [{ title: 'Uygun başlık', body: 'Gövde', clientKey: randomUUID(), pinned: true }, ['pinned']],
    ]
    for (const [body, fields] of cases) {
      const error = await expectApiError(await sendJson(memberWeb, 'POST', path, body), 400, 'validation_failed')
      expect(Object.keys(error.error.fields).sort(), JSON.stringify(body)).toEqual(fields.sort())
    }
    // Anonymous where the space does not allow it: a field error from the domain.
    const anon = await expectApiError(
      await sendJson(memberWeb, 'POST', `/api/v1/spaces/${pub.slug}/threads`, {
        title: 'Uygun başlık',
        body: 'Gövde',
        anonymous: true,
        clientKey: randomUUID(),
      }),
      400,
      'validation_failed',
    )
    expect(anon.error.fields.anonymous).toEqual([translate('en', 'discussions.errors.anonymousNotAllowed')])
    await expectApiError(await sendJson(memberWeb, 'POST', path, '{"title":'), 400, 'bad_request')
    expect(await snapshotCounts()).toEqual(before)
  })

  it('refuses signed-out callers, unreadable spaces and a token in a safe space, writing nothing', async () => {
    const before = await snapshotCounts()
    const input = () => ({ title: 'Uygun başlık', body: 'Gövde', clientKey: randomUUID() })
    await expectApiError(await sendJson(anonymous, 'POST', `/api/v1/spaces/${pub.slug}/threads`, input()), 401, 'unauthorized')
    await expectApiError(await sendJson(outsiderWeb, 'POST', `/api/v1/spaces/${priv.slug}/threads`, input()), 404, 'not_found')
    const refused = await expectApiError(
      await sendJson(memberToken, 'POST', `/api/v1/spaces/${safe.slug}/threads`, input()),
      403,
      'forbidden',
    )
    expect(refused.error.message).toBe(safeMessage)
    // Someone outside the member organizations does not see the safe space at all.
    await expectApiError(await sendJson(outsiderWeb, 'POST', `/api/v1/spaces/${safe.slug}/threads`, input()), 404, 'not_found')
    // A newcomer to the organization has not accepted the safe space's rules: a clear refusal, not a thread.
    const newcomer = await person()
    await addMember(newcomer.user.id, org.id)
    const newcomerWeb = await clientFor(app, newcomer.user.id)
    const rules = await expectApiError(
      await sendJson(newcomerWeb, 'POST', `/api/v1/spaces/${safe.slug}/threads`, input()),
      403,
      'forbidden',
    )
    expect(rules.error.message).toBe(translate('en', 'discussions.errors.rulesNotAccepted'))
    expect(await snapshotCounts()).toEqual(before)
  })

  it('lets the website session post in a safe space whose rules were accepted', async () => {
    const created = await json<ApiThreadPage>(
      await sendJson(memberWeb, 'POST', `/api/v1/spaces/${safe.slug}/threads`, {
        title: 'Güvenli soru',
        body: 'Aramızda kalsın',
        clientKey: randomUUID(),
      }),
      201,
    )
    expect(created.thread.space.safeSpace).toBe(true)
  })
})

describe('GET /api/v1/threads/{id}', () => {
  it('gives a page of posts in nested reading order, with branches behind root', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, pub.id, 'Okuma sırası')
    const a = await reply(writer.actor, t.threadId, 'a') // 2
    const b = await reply(writer.actor, t.threadId, 'b') // 3
    await reply(writer.actor, t.threadId, 'a.1', a.number) // 4
    await reply(writer.actor, t.threadId, 'b.1', b.number) // 5
    const page = await json<ApiThreadPage>(await anonymous.get(`/api/v1/threads/${t.threadId}`))
    expect(page).toMatchObject({ page: 1, pages: 1, total: 5, root: null })
    expect(page.posts.map((p) => [p.number, p.parentNumber, p.level])).toEqual([
      [1, null, 0],
      [2, null, 0],
      [4, 2, 1],
      [3, null, 0],
      [5, 3, 1],
    ])
    const branch = await json<ApiThreadPage>(await anonymous.get(`/api/v1/threads/${t.threadId}?root=3`))
    expect(branch.root).toEqual({ number: 3, parentNumber: null })
    expect(branch.posts.map((p) => p.number)).toEqual([3, 5])
    await expectApiError(await anonymous.get(`/api/v1/threads/${t.threadId}?root=99`), 404, 'not_found')
    await expectApiError(await anonymous.get(`/api/v1/threads/${t.threadId}?page=0`), 400, 'validation_failed')
  })

  it('shows hidden and deleted posts as placeholders, pending posts only to their author and moderators', async () => {
    const writer = await newWriter()
    const space = await createSpace({ visibility: 'MEMBERS', approveNewPosts: true })
    const modWriter = { user: writer.user, actor: await makeSpaceModerator(space.id, writer.user.id) }
    const t = await thread(modWriter.actor, space.id, 'Yer tutucular')
    const hiddenPost = await reply(modWriter.actor, t.threadId, 'gizlenecek metin') // 2
    const deletedPost = await reply(modWriter.actor, t.threadId, 'silinecek metin') // 3
    await db.post.update({ where: { id: hiddenPost.postId }, data: { status: 'HIDDEN' } })
    await db.post.update({ where: { id: deletedPost.postId }, data: { deletedAt: new Date() } })
    const newcomer = await person()
    const pending = await reply(newcomer.actor, t.threadId, 'onay bekleyen metin') // 4
    expect(pending.status).toBe('PENDING')

    const forMember = await json<ApiThreadPage>(await memberWeb.get(`/api/v1/threads/${t.threadId}`))
    expect(forMember.posts.map((p) => [p.number, p.state, p.html])).toEqual([
      [1, 'visible', expect.any(String)],
      [2, 'hidden', null],
      [3, 'deleted', null],
    ])
    const forAuthor = await json<ApiThreadPage>(await (await clientFor(app, newcomer.user.id)).get(`/api/v1/threads/${t.threadId}`))
    expect(forAuthor.posts.find((p) => p.number === 4)).toMatchObject({ state: 'pending', html: expect.stringContaining('onay bekleyen') })
    const forModerator = await json<ApiThreadPage>(await moderatorWeb.get(`/api/v1/threads/${t.threadId}`))
    expect(forModerator.posts.map((p) => p.state)).toEqual(['visible', 'hidden', 'deleted', 'pending'])
    expect(forModerator.posts[1].html).toContain('gizlenecek')

    // The same rules one post at a time.
    await expectApiError(await memberWeb.get(`/api/v1/posts/${pending.postId}`), 404, 'not_found')
    const hiddenOne = await json<ApiPost>(await memberWeb.get(`/api/v1/posts/${hiddenPost.postId}`))
    expect(hiddenOne).toMatchObject({ state: 'hidden', html: null })
  })

  it('refuses unknown, unreadable and (for tokens) safe-space threads', async () => {
    const writer = await newWriter()
    const inSafe = await thread(writer.actor, safe.id, 'Güvenli başlık')
    const inPrivate = await thread(writer.actor, priv.id, 'Özel başlık')
    await expectApiError(await anonymous.get('/api/v1/threads/no-such-thread'), 404, 'not_found')
    await expectApiError(await anonymous.get(`/api/v1/threads/${inSafe.threadId}`), 403, 'forbidden')
    await expectApiError(await outsiderWeb.get(`/api/v1/threads/${inPrivate.threadId}`), 403, 'forbidden')
    const refused = await expectApiError(await memberToken.get(`/api/v1/threads/${inSafe.threadId}`), 403, 'forbidden')
    expect(refused.error.message).toBe(safeMessage)
    // A refused token request does not even mark the thread read.
    expect(await db.readState.count({ where: { userId: member.user.id, threadId: inSafe.threadId } })).toBe(0)
    const shown = await json<ApiThreadPage>(await memberWeb.get(`/api/v1/threads/${inSafe.threadId}`))
    expect(shown.thread.title).toBe('Güvenli başlık')
    const viaToken = await json<ApiThreadPage>(await memberToken.get(`/api/v1/threads/${inPrivate.threadId}`))
    expect(viaToken.thread.title).toBe('Özel başlık')
  })
})

describe('POST /api/v1/threads/{id}/posts', () => {
  it('replies (201) and a retried submit returns the same post (200), never a duplicate', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, members.id, 'Yanıtlanacak')
    const poster = await person()
    const token = (await tokenClient(app, poster.user.id)).client
    const clientKey = randomUUID()
    const input = { body: 'İlk yanıtım', parentNumber: 1, clientKey }
    const res = await sendJson(token, 'POST', `/api/v1/threads/${t.threadId}/posts`, input)
    const created = await json<ApiPost>(res, 201)
    expect(res.headers.get('location')).toBe(`${app.url}/api/v1/posts/${created.id}`)
    expect(created).toMatchObject({ number: 2, parentNumber: 1, state: 'visible', author: { id: poster.user.id }, page: 1, root: null })
    expect(created.url).toBe(`${app.url}/threads/${t.threadId}/posts/2`)
    const retries = await Promise.all([1, 2, 3].map(() => sendJson(token, 'POST', `/api/v1/threads/${t.threadId}/posts`, input)))
    for (const r of retries) expect((await json<ApiPost>(r, 200)).id).toBe(created.id)
    expect(await db.post.count({ where: { threadId: t.threadId } })).toBe(2)
  })

  it('refuses unknown parents, locked threads, empty bodies and safe spaces for tokens, writing nothing', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, members.id, 'Kurallar')
    const locked = await thread(writer.actor, members.id, 'Kilitli')
    await db.thread.update({ where: { id: locked.threadId }, data: { lockedAt: new Date() } })
    const inSafe = await thread(writer.actor, safe.id, 'Güvenli yanıtlar')
    const before = await snapshotCounts()
    const post = (client: TestClient, threadId: string, body: unknown) =>
      sendJson(client, 'POST', `/api/v1/threads/${threadId}/posts`, body)

    const parent = await expectApiError(
      await post(memberWeb, t.threadId, { body: 'x', parentNumber: 42, clientKey: randomUUID() }),
      400,
      'validation_failed',
    )
    expect(Object.keys(parent.error.fields)).toEqual(['parentNumber'])
    const empty = await expectApiError(await post(memberWeb, t.threadId, { body: '', clientKey: randomUUID() }), 400, 'validation_failed')
    expect(Object.keys(empty.error.fields)).toEqual(['body'])
    await expectApiError(
      await post(memberWeb, t.threadId, { body: 'x', parentNumber: 'one', clientKey: randomUUID() }),
      400,
      'validation_failed',
    )
    const lockedError = await expectApiError(
      await post(memberWeb, locked.threadId, { body: 'x', clientKey: randomUUID() }),
      403,
      'forbidden',
    )
    expect(lockedError.error.message).toBe(translate('en', 'discussions.errors.threadLocked'))
    await expectApiError(await post(memberWeb, 'no-such-thread', { body: 'x', clientKey: randomUUID() }), 404, 'not_found')
    const refused = await expectApiError(await post(memberToken, inSafe.threadId, { body: 'x', clientKey: randomUUID() }), 403, 'forbidden')
    expect(refused.error.message).toBe(safeMessage)
    await expectApiError(await post(anonymous, t.threadId, { body: 'x', clientKey: randomUUID() }), 401, 'unauthorized')
    expect(await snapshotCounts()).toEqual(before)

    const viaSession = await json<ApiPost>(await post(memberWeb, inSafe.threadId, { body: 'Oturumla yanıt', clientKey: randomUUID() }), 201)
    expect(viaSession.state).toBe('visible')
  })

  it('answers the posting rate limit with 429 and Retry-After', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, pub.id, 'Hızlı yazan')
    const poster = await person()
    const web = await clientFor(app, poster.user.id)
    const statuses: number[] = []
    let limited: Response | null = null
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await sendJson(web, 'POST', `/api/v1/threads/${t.threadId}/posts`, { body: `Yanıt ${i}`, clientKey: randomUUID() })
      statuses.push(res.status)
      if (res.status === 429) limited = res
      else await res.arrayBuffer()
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(201))
    expect(limited).not.toBeNull()
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)
    const body = await expectApiError(limited!, 429, 'rate_limited')
    expect(body.error.message).toMatch(/\d+ seconds/)
    expect(await db.post.count({ where: { threadId: t.threadId, authorId: poster.user.id } })).toBe(8)
  })
})

describe('GET and PATCH /api/v1/posts/{id}', () => {
  it('reads one post with its page and thread', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, pub.id, 'Tek mesaj')
    const r = await reply(writer.actor, t.threadId, 'Bir yanıt')
    const post = await json<ApiPost & { thread: { id: string; title: string } }>(await anonymous.get(`/api/v1/posts/${r.postId}`))
    expect(post).toMatchObject({ id: r.postId, number: 2, page: 1, root: null, thread: { id: t.threadId, title: 'Tek mesaj' } })
    await expectApiError(await anonymous.get('/api/v1/posts/no-such-post'), 404, 'not_found')
    const inSafe = await thread(writer.actor, safe.id, 'Güvenli mesaj')
    const refused = await expectApiError(await memberToken.get(`/api/v1/posts/${inSafe.postId}`), 403, 'forbidden')
    expect(refused.error.message).toBe(safeMessage)
    expect((await json<ApiPost>(await memberWeb.get(`/api/v1/posts/${inSafe.postId}`))).number).toBe(1)
  })

  it('lets the author edit (keeping a revision) and refuses others, writing nothing', async () => {
    const author = await person()
    const t = await thread(author.actor, members.id, 'Düzenlenecek', 'İlk hâli')
    const path = `/api/v1/posts/${t.postId}`
    const before = await snapshotCounts()
    await expectApiError(await sendJson(memberWeb, 'PATCH', path, { body: 'Başkasının düzenlemesi' }), 403, 'forbidden')
    const authorWeb = await clientFor(app, author.user.id)
    const empty = await expectApiError(await sendJson(authorWeb, 'PATCH', path, { body: '' }), 400, 'validation_failed')
    expect(Object.keys(empty.error.fields)).toEqual(['body'])
    await expectApiError(await sendJson(authorWeb, 'PATCH', path, { body: 'x', title: 'y' }), 400, 'validation_failed')
    const noReason = await expectApiError(
      await sendJson(moderatorWeb, 'PATCH', path, { body: 'Moderatör düzeltmesi' }),
      400,
      'validation_failed',
    )
    expect(Object.keys(noReason.error.fields)).toEqual(['reason'])
    await expectApiError(await sendJson(memberWeb, 'PATCH', '/api/v1/posts/no-such-post', { body: 'x' }), 404, 'not_found')
    expect(await snapshotCounts()).toEqual(before)

    const edited = await json<ApiPost>(await sendJson(authorWeb, 'PATCH', path, { body: 'İkinci *hâli*' }))
    expect(edited).toMatchObject({ revisionCount: 1, html: expect.stringContaining('<em>hâli</em>') })
    const byModerator = await json<ApiPost>(
      await sendJson(moderatorWeb, 'PATCH', path, { body: 'Moderatör düzeltmesi', reason: 'Kişisel bilgi' }),
    )
    expect(byModerator.revisionCount).toBe(2)
    expect(await db.postRevision.count({ where: { postId: t.postId } })).toBe(2)
  })

  it('refuses editing a safe-space post with a token', async () => {
    const own = await thread(member.actor, safe.id, 'Kendi güvenli başlığım')
    const refused = await expectApiError(
      await sendJson(memberToken, 'PATCH', `/api/v1/posts/${own.postId}`, { body: 'Değişmesin' }),
      403,
      'forbidden',
    )
    expect(refused.error.message).toBe(safeMessage)
    expect(await db.postRevision.count({ where: { postId: own.postId } })).toBe(0)
  })
})

describe('POST /api/v1/posts/{id}/reactions', () => {
  it('toggles the caller’s reaction', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, members.id, 'Tepkiler')
    const path = `/api/v1/posts/${t.postId}/reactions`
    const on = await json<{ reacted: boolean; post: ApiPost }>(await sendJson(memberToken, 'POST', path, { kind: 'thanks' }))
    expect(on.reacted).toBe(true)
    expect(on.post.reactions.find((r) => r.kind === 'thanks')).toEqual({ kind: 'thanks', count: 1, mine: true })
    const off = await json<{ reacted: boolean; post: ApiPost }>(await sendJson(memberToken, 'POST', path, { kind: 'thanks' }))
    expect(off.reacted).toBe(false)
    expect(off.post.reactions.find((r) => r.kind === 'thanks')).toEqual({ kind: 'thanks', count: 0, mine: false })
  })

  it('refuses unknown kinds, non-members, signed-out callers and tokens in safe spaces, writing nothing', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, members.id, 'Tepki kuralları')
    const inPrivate = await thread(writer.actor, priv.id, 'Özel tepkiler')
    const inSafe = await thread(writer.actor, safe.id, 'Güvenli tepkiler')
    const before = await snapshotCounts()
    const kind = await expectApiError(
      await sendJson(memberWeb, 'POST', `/api/v1/posts/${t.postId}/reactions`, { kind: 'angry' }),
      400,
      'validation_failed',
    )
    expect(Object.keys(kind.error.fields)).toEqual(['kind'])
    await expectApiError(
      await sendJson(outsiderWeb, 'POST', `/api/v1/posts/${inPrivate.postId}/reactions`, { kind: 'like' }),
      404,
      'not_found',
    )
    await expectApiError(await sendJson(anonymous, 'POST', `/api/v1/posts/${t.postId}/reactions`, { kind: 'like' }), 401, 'unauthorized')
    const refused = await expectApiError(
      await sendJson(memberToken, 'POST', `/api/v1/posts/${inSafe.postId}/reactions`, { kind: 'like' }),
      403,
      'forbidden',
    )
    expect(refused.error.message).toBe(safeMessage)
    expect(await snapshotCounts()).toEqual(before)
  })
})

describe('the registry', () => {
  it('routes every discussion endpoint to its definition (none falls through to the unknown-path 404)', async () => {
    const writer = await newWriter()
    const t = await thread(writer.actor, pub.id, 'Yönlendirme')
    const fallthrough = translate('en', 'errors.codes.not_found')
    for (const e of DISCUSSION_ENDPOINTS) {
      const path = `/api/v1${e.path.replace('{slug}', pub.slug).replace('{id}', e.path.startsWith('/posts') ? t.postId : t.threadId)}`
      const res = await memberWeb.request(path, {
        method: e.method,
        headers: { 'content-type': 'application/json' },
        body: e.method === 'GET' ? undefined : '{}',
      })
      const body = (await res.json()) as { error?: { message: string } }
      expect(body.error?.message, `${e.method} ${path}`).not.toBe(fallthrough)
      expect(res.status, `${e.method} ${path}`).toBe(e.method === 'GET' ? 200 : 400)
    }
  })
})
