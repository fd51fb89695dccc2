/**
 * Socket.io on the HTTP server's port. Sockets authenticate from the session cookie in the handshake;
 * every room join is asked of the policy; domain events fan out to rooms here and nowhere else.
 *
 * Rooms: `user:<id>` (notification count), `space:<id>` (thread list), `thread:<id>` (an open thread:
 * events, presence, typing), `public:<name>`. Room events carry ids and numbers only. Post content goes
 * to a thread's audience rooms, which only the server puts sockets in: joining `thread:<id>` also joins
 * `thread:<id>:reader` or, for those the policy lets moderate the thread, `thread:<id>:moderator`. A new
 * or changed post is rendered once per audience (app/modules/discussions/live.server.ts) and pushed there.
 */
import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { db } from '../app/lib/db.server.ts'
import { env } from '../app/lib/env.server.ts'
import { lucia } from '../app/modules/auth/lucia.server.ts'
import { loadActor } from '../app/modules/auth/session.server.ts'
import { hashSessionId } from '../app/modules/auth/lucia-adapter.server.ts'
import { liveCounts } from '../app/modules/moderation/review-count.server.ts'
import { subscribe, type DomainEvents } from '../app/modules/events/bus.server.ts'
import { SPACE_ACCESS_SELECT, THREAD_ACCESS_SELECT, spaceTarget, toThreadTarget } from '../app/modules/spaces/access.server.ts'
import { can, type Actor, type RoomTarget } from '../app/lib/policy.ts'
import type { PresencePayload, SpaceEventPayload, ThreadEventPayload, TypingPayload } from '../app/lib/live.ts'
import { startLivePosts, type LivePostsPayload } from '../app/modules/discussions/live.server.ts'
import type { Audience } from '../app/modules/discussions/post-view.ts'
import { flushReadMarks, markRead } from '../app/modules/discussions/read-marks.server.ts'
import type { RedisLink } from './redis-adapter.ts'
import type { SocketlessSubscribe } from './event-relay.ts'

interface SocketData {
  actor: Actor | null
  /** shown in other readers' typing line */
  name: string | null
  sessionId: string | null
  /** the stored (hashed) session id, as the sessions page knows it */
  sessionHash: string | null
  /** threads joined in spaces that allow anonymous posting: typing there is announced without a name */
  anonymousThreads: string[]
}

type Ack = (r: { ok: boolean; error?: string }) => void
interface ClientToServer {
  join: (room: string, ack?: Ack) => void
  leave: (room: string) => void
  typing: (payload: { threadId: string }) => void
  /** how far this reader has read a thread they are in (batched with everyone else's) */
  read: (payload: { threadId: string; number: number }) => void
}
interface ServerToClient {
  'notifications:count': (payload: { count: number }) => void
  /** moderators only: how many posts wait for them (the Moderation link's badge) */
  'moderation:count': (payload: { count: number }) => void
  /** this connection was taken out of a room it may no longer read */
  'access:revoked': (payload: { room: string }) => void
  'thread:event': (payload: ThreadEventPayload) => void
  /** new or changed posts as the room's audience sees them, with their events (to `thread:<id>:reader` / `:moderator`) */
  'thread:posts': (payload: LivePostsPayload) => void
  'space:event': (payload: SpaceEventPayload) => void
  'thread:presence': (payload: PresencePayload) => void
  'thread:typing': (payload: TypingPayload) => void
}

export type RealtimeServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>

export type RoomRef =
  | { kind: 'user'; userId: string }
  | { kind: 'public'; name: string }
  | { kind: 'space'; spaceId: string }
  | { kind: 'thread'; threadId: string }

const ID = '[\\w-]{1,64}'
const ROOM = new RegExp(`^(user|public|space|thread):(${ID})$`)
const THREAD_ID = new RegExp(`^${ID}$`)

const AUDIENCES: Audience[] = ['reader', 'moderator']
export const audienceRoom = (threadId: string, audience: Audience) => `thread:${threadId}:${audience}`
const AUDIENCE_ROOM = new RegExp(`^thread:${ID}:(reader|moderator)$`)
const THREAD_ROOM = new RegExp(`^thread:${ID}$`)

/** The audience a reader of a thread belongs to, as the policy says. */
const audienceOf = (actor: Actor | null, target: RoomTarget): Audience =>
  target.kind === 'thread' && can(actor, 'thread.moderate', target.thread) ? 'moderator' : 'reader'

export function parseRoom(name: string): RoomRef | null {
  const m = ROOM.exec(name)
  if (!m) return null
  const [, kind, id] = m
  if (kind === 'user') return { kind, userId: id }
  if (kind === 'space') return { kind, spaceId: id }
  if (kind === 'thread') return { kind, threadId: id }
  return { kind: 'public', name }
}

/** Loads what the policy needs to decide a join; null when the space or thread does not exist. */
async function roomTarget(actor: Actor | null, ref: RoomRef): Promise<{ target: RoomTarget; anonymous?: boolean } | null> {
  switch (ref.kind) {
    case 'user':
    case 'public':
      return { target: ref }
    case 'space': {
      const space = await db.space.findUnique({ where: { id: ref.spaceId }, select: SPACE_ACCESS_SELECT })
      return space && { target: { kind: 'space', space: await spaceTarget(actor, space) } }
    }
    case 'thread': {
      const thread = await db.thread.findUnique({
        where: { id: ref.threadId },
        select: { ...THREAD_ACCESS_SELECT, space: { select: { ...SPACE_ACCESS_SELECT, allowAnonymous: true } } },
      })
      if (!thread) return null
      const target = toThreadTarget(await spaceTarget(actor, thread.space), thread)
      return { target: { kind: 'thread', thread: target }, anonymous: thread.space.allowAnonymous }
    }
  }
}

async function authenticate(socket: Socket): Promise<Omit<SocketData, 'anonymousThreads'>> {
  const sessionId = lucia.readSessionCookie(socket.handshake.headers.cookie ?? '')
  const none = { actor: null, name: null, sessionId: null, sessionHash: null }
  if (!sessionId) return none
  const { user, session } = await lucia.validateSession(sessionId)
  if (!user || !session) return none
  const actor = await loadActor(user.id)
  if (!actor || actor.suspended) return none
  return { actor, name: user.name, sessionId: session.id, sessionHash: hashSessionId(session.id) }
}

/** Presence updates wait for joins and leaves to settle, but never longer than this after the first one. */
const PRESENCE_DEBOUNCE_MS = 300
const PRESENCE_MAX_WAIT_MS = 1000
/** The client sends at most one signal per 3 s; the server drops anything faster. */
const TYPING_MIN_INTERVAL_MS = 2000

export interface RealtimeOptions {
  redisUrl?: string
  /** Redis stream/channel prefix (separate deployments or test runs sharing one Redis) */
  redisPrefix?: string
  /** overrides the presence debounce (tests) */
  presenceDebounceMs?: number
  /** rooms shared with the other processes of a WEB_CONCURRENCY cluster (used when there is no Redis) */
  clusterAdapter?: Parameters<Server['adapter']>[0]
  /**
   * WebSocket only, no HTTP long-polling: a polling client's requests must all reach the process that
   * holds its session, which a cluster without sticky sessions cannot promise (decision 015).
   */
  websocketOnly?: boolean
  /**
   * What processes without sockets (the job worker run apart) publish for live pages, from the event
   * relay: every web process hears it, so each pushes it to its own connections only.
   */
  socketless?: SocketlessSubscribe
}

export async function createRealtime(httpServer: HttpServer, options: RealtimeOptions = {}) {
  const io: RealtimeServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // Same-origin only: the browser sends the session cookie, so cross-site sockets must be refused.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin
      const host = req.headers.host
      callback(null, !origin || (host !== undefined && new URL(origin).host === host))
    },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
    ...(options.websocketOnly ? { transports: ['websocket' as const] } : {}),
  })

  let redis: RedisLink | null = null
  if (options.redisUrl) {
    const { attachRedisAdapter } = await import('./redis-adapter.ts')
    redis = await attachRedisAdapter(io, options.redisUrl, { prefix: options.redisPrefix ?? env().REDIS_PREFIX })
  } else if (options.clusterAdapter) io.adapter(options.clusterAdapter)
  /**
   * The sockets in a room on every process, or only on this one while Redis is away: the cluster query
   * (even its `local` form, which still asks Redis for the server count) would wait for Redis to return.
   */
  async function socketsIn(room: string): Promise<{ data: SocketData; disconnect(close?: boolean): unknown }[]> {
    if (!redis || redis.ready) return io.in(room).fetchSockets()
    const ids = io.of('/').adapter.rooms.get(room) ?? new Set<string>()
    return [...ids].flatMap((id) => io.sockets.sockets.get(id) ?? [])
  }

  io.use(async (socket, next) => {
    try {
      Object.assign(socket.data, await authenticate(socket), { anonymousThreads: socket.data.anonymousThreads ?? [] })
      next()
    } catch (e) {
      next(e as Error)
    }
  })

  // --- presence: distinct signed-in people plus signed-out sockets, per thread room, across processes
  const debounceMs = options.presenceDebounceMs ?? PRESENCE_DEBOUNCE_MS
  const pending = new Map<string, { timer: NodeJS.Timeout; first: number }>()
  let closed = false

  async function broadcastPresence(room: string) {
    try {
      const sockets = await socketsIn(room)
      const people = new Set<string>()
      let guests = 0
      for (const s of sockets) {
        if (s.data.actor) people.add(s.data.actor.id)
        else guests++
      }
      if (!closed) io.to(room).emit('thread:presence', { threadId: room.slice('thread:'.length), count: people.size + guests })
    } catch (e) {
      console.error(`[realtime] presence for ${room} failed: ${(e as Error).message}`)
    }
  }

  function schedulePresence(room: string) {
    if (!THREAD_ROOM.test(room) || closed) return
    const now = Date.now()
    const entry = pending.get(room)
    if (entry) clearTimeout(entry.timer)
    const first = entry?.first ?? now
    const delay = Math.max(0, Math.min(debounceMs, first + PRESENCE_MAX_WAIT_MS - now))
    const timer = setTimeout(() => {
      pending.delete(room)
      void broadcastPresence(room)
    }, delay)
    pending.set(room, { timer, first })
  }

  // The adapter reports every change of membership: joins, leaves, disconnects and recovered sessions.
  io.of('/').adapter.on('join-room', (room: string) => schedulePresence(room))
  io.of('/').adapter.on('leave-room', (room: string) => schedulePresence(room))

  io.on('connection', async (socket) => {
    const actor = socket.data.actor
    let lastTyping = new Map<string, number>()

    socket.on('join', async (room: unknown, ack?: Ack) => {
      const reply = typeof ack === 'function' ? ack : () => {}
      try {
        const ref = typeof room === 'string' ? parseRoom(room) : null
        // The person as they are now (an organization left, an address no longer verified), not as the
        // handshake saw them.
        const current = socket.data.actor && (await loadActor(socket.data.actor.id))
        if (socket.data.actor && (!current || current.suspended)) return reply({ ok: false, error: 'forbidden' })
        const loaded = ref && (await roomTarget(current, ref))
        if (!loaded || !can(current, 'room.join', loaded.target)) return reply({ ok: false, error: 'forbidden' })
        if (ref.kind === 'thread') {
          const others = socket.data.anonymousThreads.filter((id) => id !== ref.threadId)
          socket.data.anonymousThreads = loaded.anonymous ? [...others, ref.threadId] : others
          const audience = audienceOf(current, loaded.target)
          for (const a of AUDIENCES) if (a !== audience) await socket.leave(audienceRoom(ref.threadId, a))
          await socket.join(audienceRoom(ref.threadId, audience))
        }
        await socket.join(room as string)
        reply({ ok: true })
      } catch (e) {
        console.error(`[realtime] join failed: ${(e as Error).message}`)
        reply({ ok: false, error: 'unavailable' })
      }
    })

    socket.on('leave', async (room: unknown) => {
      if (typeof room !== 'string' || room.startsWith('user:')) return
      if (THREAD_ROOM.test(room)) for (const a of AUDIENCES) await socket.leave(`${room}:${a}`)
      await socket.leave(room)
    })

    socket.on('read', (payload: unknown) => {
      const { threadId, number } = (payload ?? {}) as { threadId?: unknown; number?: unknown }
      if (!socket.data.actor || typeof threadId !== 'string' || !THREAD_ID.test(threadId) || typeof number !== 'number') return
      // Only for a thread the policy let this socket into (and has not taken it out of since).
      if (socket.rooms.has(`thread:${threadId}`)) markRead(socket.data.actor.id, threadId, number)
    })

    socket.on('typing', (payload: unknown) => {
      const threadId = (payload as { threadId?: unknown } | null)?.threadId
      if (!socket.data.actor || typeof threadId !== 'string' || !THREAD_ID.test(threadId)) return
      const room = `thread:${threadId}`
      if (!socket.rooms.has(room)) return
      const now = Date.now()
      if (now - (lastTyping.get(threadId) ?? 0) < TYPING_MIN_INTERVAL_MS) return
      lastTyping.set(threadId, now)
      if (lastTyping.size > 100) lastTyping = new Map([[threadId, now]])
      const name = socket.data.anonymousThreads.includes(threadId) ? null : socket.data.name
      // Not to the typist's own tabs; volatile: a late "is typing" is worth nothing.
      io.to(room).except(`user:${socket.data.actor.id}`).volatile.emit('thread:typing', { threadId, name })
    })

    if (actor) {
      await socket.join(`user:${actor.id}`)
      const counts = await liveCounts(actor.id)
      socket.emit('notifications:count', { count: counts.unread })
      if (counts.review !== null) socket.emit('moderation:count', { count: counts.review })
    }
  })

  // --- posts → audience rooms: rendered once per audience and thread burst, not once per reader
  const livePosts = startLivePosts((threadId, audience, payload) => {
    if (!closed) io.to(audienceRoom(threadId, audience)).emit('thread:posts', payload)
  })

  // --- the same from processes without sockets, to this process's connections in those rooms only
  const hasLocal = (room: string) => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0
  const socketless = options.socketless
  const livePostsFromWorker = socketless
    ? startLivePosts(
        (threadId, audience, payload) => {
          if (!closed) io.local.to(audienceRoom(threadId, audience)).emit('thread:posts', payload)
        },
        { subscribe: socketless, wanted: (threadId) => hasLocal(`thread:${threadId}`) },
      )
    : null

  // --- domain events → rooms: one emit per room, no database work, nothing awaited
  const toThread = (threadId: string, payload: ThreadEventPayload) => io.to(`thread:${threadId}`).emit('thread:event', payload)
  const toSpaces = (spaceIds: (string | undefined)[], payload: Omit<SpaceEventPayload, 'spaceId'>) => {
    for (const spaceId of new Set(spaceIds)) if (spaceId) io.to(`space:${spaceId}`).emit('space:event', { ...payload, spaceId })
  }
  /** Post changes that alter a space list's counts or last activity; edits and reactions do not. */
  const LIST_CHANGES: DomainEvents['post.changed']['change'][] = ['deleted', 'hidden', 'restored', 'approved']

  /** One query for both counts; a moderator's queue count travels with it (moderation/alerts.server.ts). */
  function pushCounts(userId: string, out: Pick<RealtimeServer, 'to'>) {
    liveCounts(userId).then(
      ({ unread, review }) => {
        if (closed) return
        out.to(`user:${userId}`).emit('notifications:count', { count: unread })
        if (review !== null) out.to(`user:${userId}`).emit('moderation:count', { count: review })
      },
      (e: Error) => console.error(`[realtime] unread count failed: ${e.message}`),
    )
  }

  const unsubscribers = [
    // Thread rooms hear of posts through `thread:posts` (livePosts above), with the posts themselves.
    subscribe('post.created', ({ spaceId, threadId }) => {
      toSpaces([spaceId], { type: 'post.created', threadId })
    }),
    subscribe('post.changed', ({ spaceId, threadId, change }) => {
      if (LIST_CHANGES.includes(change)) toSpaces([spaceId], { type: 'post.changed', threadId })
    }),
    subscribe('thread.created', ({ spaceId, threadId }) => {
      toSpaces([spaceId], { type: 'thread.created', threadId })
    }),
    subscribe('thread.changed', ({ spaceId, threadId, change, fromSpaceId, title }) => {
      toThread(threadId, { type: 'thread.changed', threadId, change, ...(title !== undefined ? { title } : {}) })
      toSpaces([spaceId, fromSpaceId], { type: 'thread.changed', threadId })
    }),
    subscribe('notifications.changed', ({ userId }) => pushCounts(userId, io)),
    ...(socketless
      ? [socketless('notifications.changed', ({ userId }) => hasLocal(`user:${userId}`) && pushCounts(userId, io.local))]
      : []),
    // Signing out everywhere closes that user's live connections too.
    subscribe('user.sessionsRevoked', ({ userId, exceptSessionId }) => {
      void disconnectWhere(userId, (s) => s.sessionId !== exceptSessionId)
    }),
    subscribe('session.revoked', ({ userId, sessionId }) => {
      void disconnectWhere(userId, (s) => s.sessionHash === sessionId)
    }),
    // Access taken away reaches open connections at once: they leave the rooms they may no longer read.
    subscribe('membership.changed', ({ userId }) => void recheck(`user:${userId}`, () => true)),
    subscribe('access.changed', ({ spaceId, threadId }) => {
      if (threadId) void recheck(`thread:${threadId}`, (room) => room === `thread:${threadId}`)
      if (spaceId) void recheckSpace(spaceId)
    }),
    subscribe('thread.changed', ({ threadId, change }) => {
      if (change === 'hidden' || change === 'moved') void recheck(`thread:${threadId}`, (room) => room === `thread:${threadId}`)
    }),
  ]

  /**
   * Asks the policy again, with each person as they are now, for the rooms (`which`) of the sockets in
   * `room`, on every process; a socket leaves each room it may no longer read and is told so.
   */
  async function recheck(room: string, which: (room: string) => boolean) {
    try {
      const actors = new Map<string, Actor | null>()
      for (const s of await socketsInAllRooms(room)) {
        const id = s.data.actor?.id
        if (id && !actors.has(id)) actors.set(id, await loadActor(id))
        const actor = id ? (actors.get(id) ?? null) : null
        for (const r of s.rooms) {
          if (!which(r) || r.startsWith('user:') || r === s.id || AUDIENCE_ROOM.test(r)) continue
          const ref = parseRoom(r)
          const now = actor && !actor.suspended ? actor : null
          const loaded = ref && (await roomTarget(now, ref))
          const audience = ref?.kind === 'thread' && loaded ? audienceOf(now, loaded.target) : null
          if (loaded && can(now, 'room.join', loaded.target)) {
            // Still a reader, perhaps no longer (or now) a moderator: the audience room follows.
            if (ref?.kind === 'thread' && audience) {
              for (const a of AUDIENCES) if (a !== audience) s.leave(audienceRoom(ref.threadId, a))
              s.join(audienceRoom(ref.threadId, audience))
            }
            continue
          }
          if (ref?.kind === 'thread') for (const a of AUDIENCES) s.leave(audienceRoom(ref.threadId, a))
          s.leave(r)
          s.emit('access:revoked', { room: r })
        }
      }
    } catch (e) {
      console.error(`[realtime] access re-check for ${room} failed: ${(e as Error).message}`)
    }
  }

  /** A space's room and the rooms of its threads. */
  async function recheckSpace(spaceId: string) {
    const threads = new Set((await db.thread.findMany({ where: { spaceId }, select: { id: true } })).map((t) => `thread:${t.id}`))
    await recheck(`space:${spaceId}`, (r) => r === `space:${spaceId}`)
    // Thread rooms of the space: every socket is looked at once (access changes are rare, rooms many).
    await recheck('', (r) => threads.has(r))
  }

  /** Sockets with their rooms (all of them when `room` is empty), across processes when Redis is there. */
  async function socketsInAllRooms(room: string) {
    const sockets = room ? io.in(room).fetchSockets() : io.fetchSockets()
    return (await sockets) as unknown as {
      id: string
      data: SocketData
      rooms: Set<string>
      join(room: string): unknown
      leave(room: string): unknown
      emit(event: 'access:revoked', payload: { room: string }): unknown
    }[]
  }

  async function disconnectWhere(userId: string, match: (data: SocketData) => boolean) {
    try {
      for (const s of await socketsIn(`user:${userId}`)) if (match(s.data)) s.disconnect(true)
    } catch (e) {
      console.error(`[realtime] disconnecting ${userId} failed: ${(e as Error).message}`)
    }
  }

  return {
    io,
    /** resolves once every post event so far has been pushed (tests, benchmarks) */
    livePostsSettled: () => livePosts.settled(),
    async close() {
      closed = true
      livePosts.stop()
      livePostsFromWorker?.stop()
      await flushReadMarks()
      for (const u of unsubscribers) u()
      for (const { timer } of pending.values()) clearTimeout(timer)
      pending.clear()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await redis?.close()
    },
  }
}
