/**
 * Socket.io on the HTTP server's port. Sockets authenticate from the session cookie in the handshake;
 * every room join is asked of the policy; domain events fan out to rooms here and nowhere else.
 */
import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { lucia } from '../app/modules/auth/lucia.server.ts'
import { loadActor } from '../app/modules/auth/session.server.ts'
import { hashSessionId } from '../app/modules/auth/lucia-adapter.server.ts'
import { unreadCount } from '../app/modules/notifications/notifications.server.ts'
import { subscribe } from '../app/modules/events/bus.server.ts'
import { can, type Actor, type RoomTarget } from '../app/lib/policy.ts'

interface SocketData {
  actor: Actor | null
  sessionId: string | null
  /** the stored (hashed) session id, as the sessions page knows it */
  sessionHash: string | null
}

interface ClientToServer {
  join: (room: string, ack?: (r: { ok: boolean; error?: string }) => void) => void
  leave: (room: string) => void
}
interface ServerToClient {
  'notifications:count': (payload: { count: number }) => void
}

export type RealtimeServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>

export function parseRoom(name: string): RoomTarget | null {
  const m = /^user:([\w-]{1,64})$/.exec(name)
  if (m) return { kind: 'user', userId: m[1] }
  if (/^public:[\w-]{1,64}$/.test(name)) return { kind: 'public', name }
  return null
}

async function authenticate(socket: Socket) {
  const sessionId = lucia.readSessionCookie(socket.handshake.headers.cookie ?? '')
  const none = { actor: null, sessionId: null, sessionHash: null }
  if (!sessionId) return none
  const { user, session } = await lucia.validateSession(sessionId)
  if (!user || !session) return none
  const actor = await loadActor(user.id)
  return { actor: actor && !actor.suspended ? actor : null, sessionId: session.id, sessionHash: hashSessionId(session.id) }
}

export async function createRealtime(httpServer: HttpServer, options: { redisUrl?: string } = {}) {
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
  })

  if (options.redisUrl) {
    const { attachRedisAdapter } = await import('./redis-adapter.ts')
    await attachRedisAdapter(io, options.redisUrl)
  }

  io.use(async (socket, next) => {
    try {
      Object.assign(socket.data, await authenticate(socket))
      next()
    } catch (e) {
      next(e as Error)
    }
  })

  io.on('connection', async (socket) => {
    const actor = socket.data.actor
    if (actor) {
      await socket.join(`user:${actor.id}`)
      socket.emit('notifications:count', { count: await unreadCount(actor.id) })
    }
    socket.on('join', async (room: unknown, ack) => {
      const target = typeof room === 'string' ? parseRoom(room) : null
      if (!target || !can(socket.data.actor, 'room.join', target)) {
        ack?.({ ok: false, error: 'forbidden' })
        return
      }
      await socket.join(room as string)
      ack?.({ ok: true })
    })
    socket.on('leave', async (room: unknown) => {
      if (typeof room === 'string' && !room.startsWith('user:')) await socket.leave(room)
    })
  })

  const unsubscribers = [
    subscribe('notifications.changed', async ({ userId }) => {
      const count = await unreadCount(userId)
      io.to(`user:${userId}`).emit('notifications:count', { count })
    }),
    // Signing out everywhere closes that user's live connections too.
    subscribe('user.sessionsRevoked', async ({ userId, exceptSessionId }) => {
      for (const s of await io.in(`user:${userId}`).fetchSockets()) {
        if (s.data.sessionId !== exceptSessionId) s.disconnect(true)
      }
    }),
    subscribe('session.revoked', async ({ userId, sessionId }) => {
      for (const s of await io.in(`user:${userId}`).fetchSockets()) {
        if (s.data.sessionHash === sessionId) s.disconnect(true)
      }
    }),
  ]

  return {
    io,
    async close() {
      for (const u of unsubscribers) u()
      await new Promise<void>((resolve) => io.close(() => resolve()))
    },
  }
}
