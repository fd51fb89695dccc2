/** Helpers for the realtime tests (not a test file itself): real Socket.io clients and real server processes. */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { io, type Socket } from 'socket.io-client'
import { publish } from '../../../app/modules/events/bus.server.ts'
import { lucia, SESSION_COOKIE } from '../../../app/modules/auth/lucia.server.ts'
import { spawnServer } from '../../support/app.ts'

const open: Socket[] = []
const children: ChildProcess[] = []

/** Closes every socket and kills every process these helpers made (call in afterAll). */
export function cleanup() {
  for (const s of open.splice(0)) s.close()
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
}

export async function cookieFor(userId: string) {
  const session = await lucia.createSession(userId, {})
  return `${SESSION_COOKIE}=${session.id}`
}

/** A browser-like socket (same-origin, session cookie) that is connected when this resolves. */
export async function connect(url: string, cookie?: string, options: { reconnection?: boolean } = {}) {
  const s = io(url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), origin: url },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
  })
  open.push(s)
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
  return s
}

export const join = (s: Socket, room: string) =>
  new Promise<{ ok: boolean; error?: string }>((resolve) => s.emit('join', room, (r: { ok: boolean; error?: string }) => resolve(r)))

/** The next `event` for which `match` holds, or a rejection after `timeoutMs`. */
export function next<T>(s: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, on)
      reject(new Error(`no ${event} within ${timeoutMs} ms`))
    }, timeoutMs)
    const on = (payload: T) => {
      if (!match(payload)) return
      clearTimeout(timer)
      s.off(event, on)
      resolve(payload)
    }
    s.on(event, on)
  })
}

/** Everything `event` brings within `ms` (to assert that something does NOT arrive). */
export async function collect<T>(s: Socket, event: string, ms: number) {
  const got: T[] = []
  const on = (p: T) => got.push(p)
  s.on(event, on)
  await new Promise((r) => setTimeout(r, ms))
  s.off(event, on)
  return got
}

/** Waits for the presence count of a thread to become `count`. */
export const presence = (s: Socket, threadId: string, count: number, timeoutMs = 5000) =>
  next<{ threadId: string; count: number }>(s, 'thread:presence', (p) => p.threadId === threadId && p.count === count, timeoutMs)

export async function freePort() {
  return new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export async function canReach(port: number, host = '127.0.0.1') {
  return new Promise<boolean>((resolve) => {
    const s = net.connect(port, host)
    s.setTimeout(500)
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
    s.once('timeout', () => {
      s.destroy()
      resolve(false)
    })
  })
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A throwaway redis-server on its own port, without persistence. */
export async function startRedis(port?: number) {
  const p = port ?? (await freePort())
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  })
  children.push(child)
  await waitFor(() => canReach(p), `redis-server on port ${p}`, 10_000)
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** birlikte as a second, separate server process (the compiled server, server/start.js) on this test file's database. */
export async function startServerProcess(env: Record<string, string>) {
  const server = await spawnServer(env)
  return { url: server.url, output: server.output, stop: () => server.stop() }
}

/** Publishes a harmless event on this process until a socket on the other process hears it. */
export async function untilShared(threadId: string, spaceId: string, listener: Socket, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const heard = next(listener, 'thread:event', (e: { type: string }) => e.type === 'thread.changed', 700).then(
      () => true,
      () => false,
    )
    publish('thread.changed', { spaceId, threadId, change: 'edited' })
    if (await heard) return
    if (Date.now() > deadline) throw new Error('events never crossed between the processes')
  }
}
