/**
 * Live readers cost O(1) per post: a post is rendered once per audience (readers, moderators) whatever the
 * number of readers, pushed to the audience rooms the policy put each socket in, with no hidden text or
 * anonymous author for readers; read positions are written in batches; a reconnecting reader catches up
 * with one request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Socket } from 'socket.io-client'
import { db } from '~/lib/db.server'
import { liveStats } from '~/modules/discussions/live.server'
import type { LivePostsPayload } from '~/modules/discussions/post-view'
import { flushReadMarks, readMarkFlushes } from '~/modules/discussions/read-marks.server'
import { createReply, editPost } from '~/modules/discussions/posting.server'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createSpace, key, makeSpaceModerator, person, reply, thread } from '../discussions/helpers.ts'
import { cleanup, collect, connect, cookieFor, join, next } from './helpers.ts'

let app: Awaited<ReturnType<typeof startTestApp>>

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  cleanup()
  await app?.close()
})

const renders = () => liveStats.renders.reader + liveStats.renders.moderator

async function readers(threadId: string, count: number, overrides: Parameters<typeof person>[0] = {}) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const p = await person(overrides)
      const socket = await connect(app.url, await cookieFor(p.user.id))
      expect(await join(socket, `thread:${threadId}`)).toEqual({ ok: true })
      return { ...p, socket }
    }),
  )
}

const posts = (s: Socket, number: number, timeoutMs = 5000) =>
  next<LivePostsPayload>(s, 'thread:posts', (p) => p.posts.some((x) => x.number === number), timeoutMs)

describe('posts pushed once per audience', () => {
  it('20 readers and 2 moderators: one render per audience for a reply, the same item for everyone in it', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person({ name: 'Ayşe Yılmaz' })
    const t = await thread(author.actor, space.id)
    const members = await readers(t.threadId, 20)
    const mods = await readers(t.threadId, 2, { role: 'MODERATOR' })

    const before = renders()
    const arrived = Promise.all([...members, ...mods].map((r) => posts(r.socket, 2)))
    await reply(author.actor, t.threadId, 'Herkese aynı anda')
    const got = await arrived
    expect(renders() - before).toBe(2)
    const item = got[0].posts[0]
    expect(item).toMatchObject({ number: 2, state: 'visible', author: { kind: 'user', name: 'Ayşe Yılmaz' } })
    expect(item.html).toContain('Herkese aynı anda')
    for (const p of got.slice(0, 20)) expect(p.posts).toEqual([item])
    // The shared item carries nothing of one viewer: no e-mail address, no controls, no "mine".
    expect(JSON.stringify(got)).not.toContain('@')
    expect(Object.keys(item)).not.toContain('can')
  })

  it('a burst of replies is coalesced: one query for many posts, not a render per reply and reader', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const members = await readers(t.threadId, 10)
    const batchesBefore = liveStats.batches
    const before = renders()
    const got = new Set<number>()
    members[0].socket.on('thread:posts', (p: LivePostsPayload) => p.posts.forEach((x) => got.add(x.number)))
    const writers = await Promise.all(Array.from({ length: 10 }, () => person()))
    await Promise.all(writers.map((w, i) => createReply(w.actor, { threadId: t.threadId, body: `Yanıt ${i}`, clientKey: key() })))
    for (let waited = 0; got.size < 10 && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    expect(got).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))
    // The moderators' push of the last batch may trail the readers' by a moment.
    await new Promise((r) => setTimeout(r, 300))
    // 10 posts × 2 audiences, however they were grouped, and fewer batches than posts.
    expect(renders() - before).toBe(20)
    expect(liveStats.batches - batchesBefore).toBeLessThan(10)
  })

  it('readers never get a hidden post’s text or an anonymous author; moderators do', async () => {
    const space = await createSpace({ visibility: 'MEMBERS', allowAnonymous: true })
    const author = await person({ name: 'Gizli Yazar' })
    const t = await thread(author.actor, space.id)
    const spaceMod = await person()
    await makeSpaceModerator(space.id, spaceMod.user.id)
    const [member] = await readers(t.threadId, 1)
    const modSocket = await connect(app.url, await cookieFor(spaceMod.user.id))
    expect(await join(modSocket, `thread:${t.threadId}`)).toEqual({ ok: true })

    const memberGot = posts(member.socket, 2)
    const modGot = posts(modSocket, 2)
    await createReply(author.actor, { threadId: t.threadId, body: 'Kimliğim gizli kalsın', anonymous: 'on', clientKey: key() })
    const [m, mod] = [(await memberGot).posts[0], (await modGot).posts[0]]
    expect(m.author).toEqual({ kind: 'anonymous' })
    expect(JSON.stringify(await memberGot)).not.toContain('Gizli Yazar')
    expect(JSON.stringify(await memberGot)).not.toContain(author.user.id)
    expect(mod.author).toMatchObject({ kind: 'anonymousKnown', name: 'Gizli Yazar' })

    // Hidden by a moderator: the member gets the placeholder, the moderator the text.
    const memberHidden = next<LivePostsPayload>(member.socket, 'thread:posts', (p) => p.posts[0]?.state === 'hidden')
    const modHidden = next<LivePostsPayload>(modSocket, 'thread:posts', (p) => p.posts[0]?.state === 'hidden')
    await db.post.update({ where: { threadId_number: { threadId: t.threadId, number: 2 } }, data: { status: 'HIDDEN' } })
    const { publish } = await import('~/modules/events/bus.server')
    const hidden = await db.post.findUniqueOrThrow({ where: { threadId_number: { threadId: t.threadId, number: 2 } } })
    publish('post.changed', { spaceId: space.id, threadId: t.threadId, postId: hidden.id, number: 2, change: 'hidden' })
    expect((await memberHidden).posts[0]).toMatchObject({ state: 'hidden', html: null })
    expect(JSON.stringify(await memberHidden)).not.toContain('Kimliğim')
    expect((await modHidden).posts[0].html).toContain('Kimliğim gizli kalsın')
  })

  it('pending posts go to moderators only', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const [member] = await readers(t.threadId, 1)
    const [mod] = await readers(t.threadId, 1, { role: 'MODERATOR' })
    const stray = collect<LivePostsPayload>(member.socket, 'thread:posts', 1200)
    const modGot = posts(mod.socket, 2)
    // Written straight as pending (as a space that approves new posts would), then announced.
    const pending = await reply(author.actor, t.threadId, 'Onay bekliyor')
    await db.post.update({ where: { id: pending.postId }, data: { status: 'PENDING' } })
    const { publish } = await import('~/modules/events/bus.server')
    publish('post.changed', { spaceId: space.id, threadId: t.threadId, postId: pending.postId, number: 2, change: 'edited' })
    expect(await next<LivePostsPayload>(mod.socket, 'thread:posts', (p) => p.posts[0]?.state === 'pending')).toBeTruthy()
    await modGot
    // The member got the reply while it was visible at most, never as pending.
    expect((await stray).flatMap((p) => p.posts).filter((p) => p.state === 'pending')).toEqual([])
  })
})

describe('read positions', () => {
  it('N readers reporting: one statement for all of them', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    for (let i = 0; i < 3; i++) await reply(author.actor, t.threadId, `r${i}`)
    const members = await readers(t.threadId, 15)
    await flushReadMarks()
    const before = readMarkFlushes()
    for (const m of members) m.socket.emit('read', { threadId: t.threadId, number: 4 })
    // A socket not in the room marks nothing.
    const outsider = await person()
    ;(await connect(app.url, await cookieFor(outsider.user.id))).emit('read', { threadId: t.threadId, number: 4 })
    await new Promise((r) => setTimeout(r, 300))
    await flushReadMarks()
    expect(readMarkFlushes() - before).toBe(1)
    const rows = await db.readState.findMany({ where: { threadId: t.threadId } })
    expect(rows.map((r) => r.userId).sort()).toEqual(members.map((m) => m.user.id).sort())
    expect(new Set(rows.map((r) => r.lastReadNumber))).toEqual(new Set([4]))
    // Marks only move forward.
    members[0].socket.emit('read', { threadId: t.threadId, number: 2 })
    await new Promise((r) => setTimeout(r, 200))
    await flushReadMarks()
    expect(
      (await db.readState.findUniqueOrThrow({ where: { userId_threadId: { userId: members[0].user.id, threadId: t.threadId } } }))
        .lastReadNumber,
    ).toBe(4)
  })

  it('a page view marks read through the batch; the leaving beacon too', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const reader = await person()
    const client = TestClient.for(app)
    client.cookies.set(...((await cookieFor(reader.user.id)).split('=') as [string, string]))
    expect((await client.get(`/threads/${t.threadId}?page=1`)).status).toBe(200)
    await flushReadMarks()
    expect((await db.readState.findFirstOrThrow({ where: { userId: reader.user.id, threadId: t.threadId } })).lastReadNumber).toBe(1)
    await reply(author.actor, t.threadId, 'sonra gelen')
    const beacon = new FormData()
    beacon.set('number', '2')
    expect((await client.post(`/threads/${t.threadId}/read`, beacon)).status).toBe(204)
    await flushReadMarks()
    expect((await db.readState.findFirstOrThrow({ where: { userId: reader.user.id, threadId: t.threadId } })).lastReadNumber).toBe(2)
  })
})

describe('catching up', () => {
  it('one request returns what a reader missed, as their audience sees it', async () => {
    const space = await createSpace({ visibility: 'MEMBERS', allowAnonymous: true })
    const author = await person({ name: 'Kayıp Yazar' })
    const t = await thread(author.actor, space.id)
    const first = await reply(author.actor, t.threadId, 'önceden')
    await new Promise((r) => setTimeout(r, 50))
    const after = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 50))
    await createReply(author.actor, { threadId: t.threadId, body: 'kaçırılan', anonymous: 'on', clientKey: key() })
    await editPost(author.actor, { postId: first.postId, body: 'önceden, düzeltildi' })

    const reader = await person()
    const client = TestClient.for(app)
    client.cookies.set(...((await cookieFor(reader.user.id)).split('=') as [string, string]))
    const res = await client.get(`/threads/${t.threadId}/live?${new URLSearchParams({ after })}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as LivePostsPayload & { complete: boolean }
    expect(body.complete).toBe(true)
    expect(body.posts.map((p) => p.number).sort()).toEqual([2, 3])
    expect(body.posts.find((p) => p.number === 3)?.author).toEqual({ kind: 'anonymous' })
    const anonymous = JSON.stringify(body.posts.find((p) => p.number === 3))
    expect(anonymous).not.toContain('Kayıp Yazar')
    expect(anonymous).not.toContain(author.user.id)
    expect(body.posts.find((p) => p.number === 2)?.html).toContain('düzeltildi')

    // The policy decides: a reader of another world gets nothing.
    const privateSpace = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const closed = await thread(mod.actor, privateSpace.id)
    expect((await client.get(`/threads/${closed.threadId}/live?${new URLSearchParams({ after })}`)).status).toBe(403)
    expect((await client.get(`/threads/${t.threadId}/live?after=nonsense`)).status).toBe(400)
  })
})
