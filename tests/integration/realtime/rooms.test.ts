/**
 * Space and thread rooms: joins asked of the policy, discussion events fanned out (ids only), typing,
 * presence and what a reconnecting client gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import { publish } from '~/modules/events/bus.server'
import { deletePost, editPost } from '~/modules/discussions/posting.server'
import { removeInvitation } from '~/modules/spaces/access-admin.server'
import { startTestApp } from '../../support/app.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { acceptRules, createSpace, makeSpaceModerator, person, reply, thread } from '../discussions/helpers.ts'
import { cleanup, collect, connect, cookieFor, join, next, presence } from './helpers.ts'

let app: Awaited<ReturnType<typeof startTestApp>>

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  cleanup()
  await app?.close()
})

/** A member's signed-in socket. */
async function memberSocket(overrides: Parameters<typeof person>[0] = {}) {
  const p = await person(overrides)
  return { ...p, socket: await connect(app.url, await cookieFor(p.user.id)) }
}

describe('losing access closes the rooms at once', () => {
  it('an invitation removed: the organization’s sockets leave the private space and its threads', async () => {
    const space = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, space.id)
    const org = await createOrg()
    const member = await memberSocket()
    await addMember(member.user.id, org.id)
    const invitation = await db.spaceInvitation.create({ data: { spaceId: space.id, orgId: org.id } })
    expect(await join(member.socket, `space:${space.id}`)).toEqual({ ok: true })
    expect(await join(member.socket, `thread:${t.threadId}`)).toEqual({ ok: true })

    const revoked = collect<{ room: string }>(member.socket, 'access:revoked', 1500)
    await removeInvitation(mod.actor, space.id, invitation.id)
    expect((await revoked).map((r) => r.room).sort()).toEqual([`space:${space.id}`, `thread:${t.threadId}`].sort())
    // Nothing of the thread reaches it any more.
    const events = collect(member.socket, 'thread:posts', 800)
    await reply(mod.actor, t.threadId, 'Sadece davetliler için')
    expect(await events).toEqual([])
  })

  it('leaving the organization: the safe space’s rooms are left at once', async () => {
    const safe = await createSpace({ visibility: 'MEMBERS', safeSpace: true })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, safe.id)
    const org = await createOrg()
    const member = await memberSocket()
    const membership = await addMember(member.user.id, org.id)
    await acceptRules(safe.id, member.user.id)
    expect(await join(member.socket, `thread:${t.threadId}`)).toEqual({ ok: true })
    const revoked = next<{ room: string }>(member.socket, 'access:revoked')
    await db.membership.delete({ where: { id: membership.id } })
    publish('membership.changed', { orgId: org.id, userId: member.user.id })
    expect((await revoked).room).toBe(`thread:${t.threadId}`)
    // ...and cannot join again.
    expect((await join(member.socket, `thread:${t.threadId}`)).ok).toBe(false)
  })

  it('a space made private: members who were not invited leave its rooms; its moderators stay', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, space.id)
    const member = await memberSocket()
    const modSocket = await connect(app.url, await cookieFor(mod.user.id))
    for (const s of [member.socket, modSocket]) expect(await join(s, `thread:${t.threadId}`)).toEqual({ ok: true })
    const revoked = next<{ room: string }>(member.socket, 'access:revoked')
    const modRevoked = collect(modSocket, 'access:revoked', 1500)
    await db.space.update({ where: { id: space.id }, data: { visibility: 'PRIVATE' } })
    publish('access.changed', { spaceId: space.id })
    expect((await revoked).room).toBe(`thread:${t.threadId}`)
    expect(await modRevoked).toEqual([])
  })
})

describe('joining space and thread rooms', () => {
  it('refuses a private space and its threads to people it did not invite, and lets invited ones in', async () => {
    const space = await createSpace({ visibility: 'PRIVATE' })
    const author = await person({ role: 'MODERATOR' })
    const t = await thread(author.actor, space.id)
    const outsider = await memberSocket()
    expect(await join(outsider.socket, `space:${space.id}`)).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(outsider.socket, `thread:${t.threadId}`)).toEqual({ ok: false, error: 'forbidden' })

    // Invited through their organization.
    const org = await createOrg()
    const invited = await person()
    await addMember(invited.user.id, org.id)
    await db.spaceInvitation.create({ data: { spaceId: space.id, orgId: org.id } })
    const s = await connect(app.url, await cookieFor(invited.user.id))
    expect(await join(s, `space:${space.id}`)).toEqual({ ok: true })
    expect(await join(s, `thread:${t.threadId}`)).toEqual({ ok: true })
  })

  it('keeps signed-out sockets out of a safe space even when it is public, but lets them into a public space', async () => {
    const safe = await createSpace({ visibility: 'PUBLIC', safeSpace: true })
    const open = await createSpace({ visibility: 'PUBLIC' })
    const mod = await person({ role: 'MODERATOR' })
    await acceptRules(safe.id, mod.user.id)
    const [safeThread, openThread] = [await thread(mod.actor, safe.id), await thread(mod.actor, open.id)]
    const guest = await connect(app.url)
    expect((await join(guest, `space:${safe.id}`)).ok).toBe(false)
    expect((await join(guest, `thread:${safeThread.threadId}`)).ok).toBe(false)
    expect((await join(guest, `space:${open.id}`)).ok).toBe(true)
    expect((await join(guest, `thread:${openThread.threadId}`)).ok).toBe(true)

    // Signed in is not enough: a member of an approved organization, once the rules are accepted.
    const outsider = await memberSocket()
    expect((await join(outsider.socket, `thread:${safeThread.threadId}`)).ok).toBe(false)
    const member = await memberSocket()
    await addMember(member.user.id, (await createOrg()).id)
    expect((await join(member.socket, `thread:${safeThread.threadId}`)).ok).toBe(false)
    await acceptRules(safe.id, member.user.id)
    expect((await join(member.socket, `thread:${safeThread.threadId}`)).ok).toBe(true)
  })

  it('lets only moderators into a hidden thread', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    await db.thread.update({ where: { id: t.threadId }, data: { hiddenAt: new Date() } })
    const member = await memberSocket()
    expect((await join(member.socket, `thread:${t.threadId}`)).ok).toBe(false)
    // The author of a hidden thread is not a moderator either.
    const own = await connect(app.url, await cookieFor(author.user.id))
    expect((await join(own, `thread:${t.threadId}`)).ok).toBe(false)
    const spaceMod = await person()
    await makeSpaceModerator(space.id, spaceMod.user.id)
    const ms = await connect(app.url, await cookieFor(spaceMod.user.id))
    expect((await join(ms, `thread:${t.threadId}`)).ok).toBe(true)
  })

  it('refuses unknown and malformed rooms and members-only spaces signed out', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const guest = await connect(app.url)
    expect((await join(guest, `space:${space.id}`)).ok).toBe(false)
    expect((await join(guest, 'thread:does-not-exist')).ok).toBe(false)
    expect((await join(guest, 'space:')).ok).toBe(false)
    expect((await join(guest, 'thread:a b')).ok).toBe(false)
    expect((await join(guest, `thread:${'x'.repeat(65)}`)).ok).toBe(false)
  })
})

describe('discussion events', () => {
  it('tells a thread room (with the post, to its audience room) and its space room (ids only) about a new reply', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const ayse = await person({ name: 'Ayşe Yılmaz' })
    const t = await thread(ayse.actor, space.id)
    const reader = await memberSocket()
    expect((await join(reader.socket, `thread:${t.threadId}`)).ok).toBe(true)
    const lister = await memberSocket()
    expect((await join(lister.socket, `space:${space.id}`)).ok).toBe(true)
    const elsewhere = await memberSocket()

    const threadEvent = next<{ events: unknown[]; posts: { number: number }[] }>(reader.socket, 'thread:posts')
    const spaceEvent = next<Record<string, unknown>>(lister.socket, 'space:event')
    const stray = collect(elsewhere.socket, 'thread:posts', 1000)
    const strayList = collect(lister.socket, 'thread:posts', 1000)
    const posted = await reply(ayse.actor, t.threadId, 'Gizli kalması gereken bir ayrıntı')
    expect((await threadEvent).events).toEqual([
      { type: 'post.created', threadId: t.threadId, postId: posted.postId, number: 2, authorName: 'Ayşe Yılmaz' },
    ])
    expect((await threadEvent).posts.map((p) => p.number)).toEqual([2])
    expect(await spaceEvent).toEqual({ type: 'post.created', spaceId: space.id, threadId: t.threadId })
    // Nobody outside the thread room gets the post: not a socket elsewhere, not the space's list.
    expect(await stray).toEqual([])
    expect(await strayList).toEqual([])
  })

  it('announces edits and deletions to the thread room', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const r = await reply(author.actor, t.threadId, 'İlk hâli')
    const reader = await memberSocket()
    await join(reader.socket, `thread:${t.threadId}`)
    type Pushed = { events: Record<string, unknown>[] }
    const edited = next<Pushed>(reader.socket, 'thread:posts', (p) => p.events.some((e) => e.type === 'post.changed'))
    await editPost(author.actor, { postId: r.postId, body: 'Düzeltilmiş hâli' })
    expect((await edited).events[0]).toMatchObject({ type: 'post.changed', postId: r.postId, number: r.number, change: 'edited' })
    const deleted = next<Pushed>(reader.socket, 'thread:posts', (p) => p.events.some((e) => e.change === 'deleted'))
    await deletePost(author.actor, r.postId)
    expect((await deleted).events[0]).toMatchObject({ number: r.number, change: 'deleted' })
  })

  it('tells both spaces when a thread moves, and the thread room what happened', async () => {
    const [from, to] = [await createSpace({ visibility: 'MEMBERS' }), await createSpace({ visibility: 'MEMBERS' })]
    const author = await person()
    const t = await thread(author.actor, from.id)
    const reader = await memberSocket()
    await Promise.all([
      join(reader.socket, `space:${from.id}`),
      join(reader.socket, `space:${to.id}`),
      join(reader.socket, `thread:${t.threadId}`),
    ])
    const spaces = new Set<string>()
    const bothSpaces = next<{ spaceId: string }>(reader.socket, 'space:event', (e) => spaces.add(e.spaceId).size === 2)
    const inThread = next<Record<string, unknown>>(reader.socket, 'thread:event')
    publish('thread.changed', { spaceId: to.id, threadId: t.threadId, change: 'moved', fromSpaceId: from.id })
    await bothSpaces
    expect([...spaces].sort()).toEqual([from.id, to.id].sort())
    expect(await inThread).toEqual({ type: 'thread.changed', threadId: t.threadId, change: 'moved' })
  })

  it('tells a space room about a new thread', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const guest = await connect(app.url)
    await join(guest, `space:${space.id}`)
    const event = next<Record<string, unknown>>(guest, 'space:event', (e) => e.type === 'thread.created')
    const author = await person()
    const t = await thread(author.actor, space.id)
    expect(await event).toEqual({ type: 'thread.created', spaceId: space.id, threadId: t.threadId })
  })
})

describe('typing', () => {
  it('shows who is typing to the other readers of the thread only', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const room = `thread:${t.threadId}`
    const ayse = await memberSocket({ name: 'Ayşe' })
    const reader = await memberSocket()
    const outsider = await memberSocket({ name: 'Dışarıdaki' })
    const guest = await connect(app.url)
    await Promise.all([join(ayse.socket, room), join(reader.socket, room), join(guest, room)])
    // Ayşe's other tab is in the room too: it is not told that she is typing.
    const ayseTab = await connect(app.url, await cookieFor(ayse.user.id))
    await join(ayseTab, room)

    const seen = next<{ threadId: string; name: string | null }>(reader.socket, 'thread:typing')
    const own = collect(ayse.socket, 'thread:typing', 800)
    const ownTab = collect(ayseTab, 'thread:typing', 800)
    ayse.socket.emit('typing', { threadId: t.threadId })
    expect(await seen).toEqual({ threadId: t.threadId, name: 'Ayşe' })
    expect(await own).toEqual([])
    expect(await ownTab).toEqual([])

    // From outside the room, signed out, malformed, or too soon after the last one: ignored.
    const nothing = collect<{ name: string | null }>(reader.socket, 'thread:typing', 800)
    outsider.socket.emit('typing', { threadId: t.threadId })
    guest.emit('typing', { threadId: t.threadId })
    reader.socket.emit('typing', { threadId: 42 })
    reader.socket.emit('typing', null)
    ayse.socket.emit('typing', { threadId: t.threadId })
    expect(await nothing).toEqual([])
  })

  it('hides the name in a space that allows anonymous posting', async () => {
    const space = await createSpace({ visibility: 'MEMBERS', allowAnonymous: true })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const room = `thread:${t.threadId}`
    const typist = await memberSocket({ name: 'Gizli Kişi' })
    const reader = await memberSocket()
    await Promise.all([join(typist.socket, room), join(reader.socket, room)])
    const seen = next<{ name: string | null }>(reader.socket, 'thread:typing')
    typist.socket.emit('typing', { threadId: t.threadId })
    expect(await seen).toEqual({ threadId: t.threadId, name: null })
  })
})

describe('presence', () => {
  it('counts distinct signed-in people plus signed-out readers, and follows leaves and disconnects', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const room = `thread:${t.threadId}`
    const a = await memberSocket()
    await join(a.socket, room)
    await presence(a.socket, t.threadId, 1)

    // The same person in two tabs counts once; two signed-out readers count twice.
    const aTab = await connect(app.url, await cookieFor(a.user.id))
    const b = await memberSocket()
    const [g1, g2] = [await connect(app.url), await connect(app.url)]
    const four = presence(a.socket, t.threadId, 4)
    await Promise.all([join(aTab, room), join(b.socket, room), join(g1, room), join(g2, room)])
    await four

    const three = presence(a.socket, t.threadId, 3)
    g2.emit('leave', room)
    await three
    const two = presence(a.socket, t.threadId, 2)
    g1.disconnect()
    await two
    // Closing one of two tabs of the same person changes nothing; closing the other does.
    const afterTab = collect<{ count: number }>(a.socket, 'thread:presence', 800)
    aTab.disconnect()
    expect((await afterTab).every((p) => p.count === 2)).toBe(true)
    const one = presence(a.socket, t.threadId, 1)
    b.socket.disconnect()
    await one
  })

  it('coalesces a burst of joins into a few updates', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const room = `thread:${t.threadId}`
    const watcher = await connect(app.url)
    await join(watcher, room)
    await presence(watcher, t.threadId, 1)
    const updates = collect<{ count: number }>(watcher, 'thread:presence', 2000)
    const guests = await Promise.all(Array.from({ length: 30 }, () => connect(app.url)))
    await Promise.all(guests.map((g) => join(g, room)))
    const got = await updates
    expect(got.at(-1)?.count).toBe(31)
    expect(got.length).toBeLessThanOrEqual(3)
  })
})

describe('reconnecting', () => {
  it('gets its rooms back with what it missed when the connection drops briefly', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const reader = await person()
    const s = await connect(app.url, await cookieFor(reader.user.id), { reconnection: true })
    await join(s, `thread:${t.threadId}`)
    // Let the server hand out a recovery offset (it comes with the first broadcast to this socket).
    const warm = next(s, 'thread:posts')
    await reply(author.actor, t.threadId, 'Isınma')
    await warm

    const reconnected = new Promise<void>((resolve) => s.io.once('reconnect', () => resolve()))
    s.io.engine.close()
    // The reply lands while the socket is away (long enough for a loaded server to have noticed: a
    // reconnect that beats the server's own disconnect handling has no session to restore yet)…
    await new Promise((r) => setTimeout(r, 300))
    const missed = next<{ posts: { number: number }[] }>(s, 'thread:posts', (e) => e.posts[0]?.number === 3, 10_000)
    await reply(author.actor, t.threadId, 'Sen yokken yazıldı')
    await reconnected
    expect(s.recovered).toBe(true)
    // …and is delivered once it is back, without joining again.
    expect((await missed).posts[0].number).toBe(3)
    const after = next<{ posts: { number: number }[] }>(s, 'thread:posts', (e) => e.posts[0]?.number === 4)
    await reply(author.actor, t.threadId, 'Döndükten sonra')
    expect((await after).posts[0].number).toBe(4)
  })

  it('lets a fresh connection (recovery impossible) join again and hear new events', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const reader = await person()
    const cookie = await cookieFor(reader.user.id)
    const first = await connect(app.url, cookie)
    await join(first, `thread:${t.threadId}`)
    first.disconnect()
    const second = await connect(app.url, cookie)
    expect(second.recovered).toBe(false)
    // Not in the room until the client asks again (useLiveRooms does, and revalidates the page).
    const stray = collect(second, 'thread:posts', 600)
    await reply(author.actor, t.threadId, 'Arada')
    expect(await stray).toEqual([])
    expect((await join(second, `thread:${t.threadId}`)).ok).toBe(true)
    const event = next<{ posts: { number: number }[] }>(second, 'thread:posts')
    await reply(author.actor, t.threadId, 'Yeniden katıldıktan sonra')
    expect((await event).posts[0].number).toBe(3)
  })
})
