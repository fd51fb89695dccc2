/** Socket.io: authenticated from the session cookie, room joins asked of the policy, live counter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { db } from '~/lib/db.server'
import { lucia, SESSION_COOKIE } from '~/modules/auth/lucia.server'
import { announce, notify } from '~/modules/notifications/notifications.server'
import { startTestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
const sockets: Socket[] = []

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  for (const s of sockets) s.close()
  await app?.close()
})

function connect(cookie?: string, origin?: string) {
  const s = io(app.url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), origin: origin ?? app.url },
    reconnection: false,
  })
  sockets.push(s)
  return s
}

async function signedInCookie(userId: string) {
  const session = await lucia.createSession(userId, {})
  return `${SESSION_COOKIE}=${session.id}`
}

const nextCount = (s: Socket) => new Promise<number>((resolve) => s.once('notifications:count', (p: { count: number }) => resolve(p.count)))
const join = (s: Socket, room: string) =>
  new Promise<{ ok: boolean }>((resolve) => s.emit('join', room, (r: { ok: boolean }) => resolve(r)))

describe('realtime', () => {
  it('sends a signed-in user their unread count and updates it live from the database', async () => {
    const user = await createUser()
    const s = connect(await signedInCookie(user.id))
    expect(await nextCount(s)).toBe(0)
    const live = nextCount(s)
    await notify(db, user.id, 'test.kind', {})
    announce([user.id])
    expect(await live).toBe(1)
  })

  it("refuses to let anyone join another user's room", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()])
    const s = connect(await signedInCookie(a.id))
    await nextCount(s)
    expect(await join(s, `user:${b.id}`)).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(s, 'public:home')).toEqual({ ok: true })
  })

  it('lets signed-out sockets join public rooms only', async () => {
    const s = connect()
    await new Promise<void>((r) => s.once('connect', () => r()))
    expect((await join(s, 'user:someone')).ok).toBe(false)
    expect((await join(s, 'public:home')).ok).toBe(true)
    expect((await join(s, 'not-a-room')).ok).toBe(false)
  })

  it('treats an invalid or expired session cookie as signed out', async () => {
    const s = connect(`${SESSION_COOKIE}=forged-session-id`)
    await new Promise<void>((r) => s.once('connect', () => r()))
    expect((await join(s, 'user:x')).ok).toBe(false)
  })

  it('refuses a handshake from another origin', async () => {
    const s = connect(undefined, 'https://evil.example')
    const error = await new Promise<Error>((resolve) => s.once('connect_error', resolve))
    expect(error).toBeInstanceOf(Error)
  })
})

describe('realtime and sessions', () => {
  it('closes the live connection of a session that is signed out from another device', async () => {
    const { revokeSession } = await import('~/modules/auth/account.server')
    const { hashSessionId } = await import('~/modules/auth/lucia-adapter.server')
    const user = await createUser()
    const [here, there] = await Promise.all([lucia.createSession(user.id, {}), lucia.createSession(user.id, {})])
    const stays = connect(`${SESSION_COOKIE}=${here.id}`)
    const goes = connect(`${SESSION_COOKIE}=${there.id}`)
    await Promise.all([nextCount(stays), nextCount(goes)])
    const disconnected = new Promise<string>((resolve) => goes.once('disconnect', resolve))
    expect(await revokeSession(user.id, hashSessionId(there.id), here.id)).toBe(true)
    expect(await disconnected).toBe('io server disconnect')
    expect(stays.connected).toBe(true)
  })
})

describe('realtime and signing out', () => {
  it('closes the live connection of the session that signs out', async () => {
    const { TestClient } = await import('../../support/app.ts')
    const user = await createUser()
    const session = await lucia.createSession(user.id, {})
    const cookie = `${SESSION_COOKIE}=${session.id}`
    const s = connect(cookie)
    await nextCount(s)
    const disconnected = new Promise<string>((resolve) => s.once('disconnect', resolve))
    const browser = new TestClient(app.url)
    browser.cookies.set(SESSION_COOKIE, session.id)
    const res = await browser.post('/logout', {})
    expect(res.status).toBe(302)
    expect(await disconnected).toBe('io server disconnect')
  })
})
