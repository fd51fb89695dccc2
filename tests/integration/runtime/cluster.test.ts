/**
 * WEB_CONCURRENCY=2: the compiled server as two worker processes sharing one port (node:cluster hands
 * new connections to them in turn; keep-alive connections stay with their worker; live connections are
 * WebSocket only). Sockets on different workers share rooms (@socket.io/cluster-adapter), and a reply
 * posted through one worker drops the signed-out page both workers had cached (the event relay, over
 * PostgreSQL LISTEN/NOTIFY). SIGTERM stops the whole cluster cleanly.
 */
import http from 'node:http'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LivePostsPayload as Pushed } from '../../../app/modules/discussions/post-view.ts'
import { WORKER_HEADER } from '../../../server/cluster-worker.ts'
import { STATUS_HEADER } from '../../../server/page-cache.ts'
import { spawnServer, type ServerProcess } from '../../support/app.ts'
import { createSpace, key, person, thread } from '../discussions/helpers.ts'
import { cookieFor, join, next } from '../realtime/helpers.ts'

let server: ServerProcess
const sockets: Socket[] = []

beforeAll(async () => {
  // A long page-cache lifetime: an entry that is gone afterwards was dropped, not expired.
  server = await spawnServer({ WEB_CONCURRENCY: '2', PAGE_CACHE_TTL_MS: '600000' })
}, 120_000)
afterAll(async () => {
  for (const s of sockets) s.close()
  await server?.stop()
})

/** A signed-in socket and the worker that holds it (from the WebSocket upgrade's response). */
async function socketFor(cookie: string) {
  const s = io(server.url, { transports: ['websocket'], extraHeaders: { cookie, origin: server.url }, reconnection: false })
  sockets.push(s)
  const ws = (s.io.engine.transport as unknown as { ws: { once(e: 'upgrade', f: (res: http.IncomingMessage) => void): void } }).ws
  const worker = new Promise<string>((resolve) => ws.once('upgrade', (res) => resolve(String(res.headers[WORKER_HEADER]))))
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
  return { socket: s, worker: await worker }
}

interface Answer {
  status: number
  headers: Headers
  body: string
}

/** One request on a connection of its own: new connections go to the workers in turn. */
async function request(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: URLSearchParams } = {},
): Promise<Answer> {
  const body = init.body?.toString()
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, server.url),
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: {
          'accept-language': 'en',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => {
          const headers = new Headers()
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v)
          resolve({ status: res.statusCode ?? 0, headers, body: text })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Keep-alive: requests on one connection stay with the worker that took it. */
async function onOneConnection(path: string, count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const workers: string[] = []
    for (let i = 0; i < count; i++) {
      workers.push(
        await new Promise<string>((resolve, reject) =>
          http
            .get(new URL(path, server.url), { agent }, (res) => {
              res.resume()
              res.on('end', () => resolve(String(res.headers[WORKER_HEADER])))
            })
            .on('error', reject),
        ),
      )
    }
    return workers
  } finally {
    agent.destroy()
  }
}

/** GETs `path` until a response comes from `worker` (the other worker answers every other time). */
async function getFrom(worker: string, path: string) {
  for (let i = 0; i < 10; i++) {
    const res = await request(path)
    if (res.headers.get(WORKER_HEADER) === worker) return res
  }
  throw new Error(`no response from worker ${worker}`)
}

describe('two worker processes (WEB_CONCURRENCY=2)', () => {
  it('shares rooms between sockets on different workers and drops a page cached in the other worker when a reply is posted', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person({ name: 'Küme Yazarı' })
    const t = await thread(author.actor, space.id, 'İki süreçli konu')
    const page = `/threads/${t.threadId}`

    // Readers on both workers, in the thread's room.
    const readers: { socket: Socket; worker: string }[] = []
    for (let i = 0; i < 6 && new Set(readers.map((r) => r.worker)).size < 2; i++) {
      const reader = await person()
      readers.push(await socketFor(await cookieFor(reader.user.id)))
    }
    const one = readers.find((r) => r.worker === '1')!
    const two = readers.find((r) => r.worker === '2')!
    expect(one && two).toBeTruthy()
    expect(await join(one.socket, `thread:${t.threadId}`)).toEqual({ ok: true })
    expect(await join(two.socket, `thread:${t.threadId}`)).toEqual({ ok: true })
    const heard = { one: 0, two: 0 }
    // Posts travel as `thread:posts` pushes, rendered for the room's audience (decision 017).
    const created = (p: Pushed) => p.events.some((e) => e.type === 'post.created')
    one.socket.on('thread:posts', (p: Pushed) => created(p) && heard.one++)
    two.socket.on('thread:posts', (p: Pushed) => created(p) && heard.two++)

    // The signed-out page, cached by each worker.
    for (const worker of ['1', '2']) {
      await getFrom(worker, page)
      expect((await getFrom(worker, page)).headers.get(STATUS_HEADER)).toBe('hit')
    }

    // A reply, through whichever worker takes it.
    const inRoomOne = next<Pushed>(one.socket, 'thread:posts', created, 15_000)
    const inRoomTwo = next<Pushed>(two.socket, 'thread:posts', created, 15_000)
    const posted = await request(`${page}?index`, {
      method: 'POST',
      headers: { cookie: await cookieFor(author.user.id), origin: server.url },
      body: new URLSearchParams({ intent: 'reply', body: 'Öbür süreçten görünen yanıt', clientKey: key() }),
    })
    expect(posted.status).toBe(302)
    expect(['1', '2']).toContain(posted.headers.get(WORKER_HEADER))

    // Both readers hear it, whichever worker holds them.
    for (const pushed of [await inRoomOne, await inRoomTwo]) {
      expect(pushed.posts.map((p) => p.number)).toEqual([2])
      expect(pushed.posts[0].html).toContain('Öbür süreçten görünen yanıt')
    }

    // Both workers drop their copy — the one that did not take the reply only through the relay. (Their
    // copies would otherwise be served for ten minutes; a fresh render may be cached again at once.)
    for (const worker of ['1', '2']) {
      const deadline = Date.now() + 10_000
      let res = await getFrom(worker, page)
      while (!res.body.includes('Öbür süreçten görünen yanıt') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
        res = await getFrom(worker, page)
      }
      expect(res.body).toContain('Öbür süreçten görünen yanıt')
    }
    // Once each: the relay carries cache invalidations, never room events (the adapter does those).
    expect(heard).toEqual({ one: 1, two: 1 })
  }, 60_000)

  it('keeps a connection alive with its worker, and spreads new connections over both', async () => {
    const kept = await onOneConnection('/healthz', 4)
    expect(new Set(kept).size).toBe(1)
    const fresh = new Set<string>()
    for (let i = 0; i < 6 && fresh.size < 2; i++) fresh.add(String((await request('/healthz')).headers.get(WORKER_HEADER)))
    expect([...fresh].sort()).toEqual(['1', '2'])
  })

  it('takes live connections over WebSocket only: no worker could follow a polling client', async () => {
    const res = await request('/socket.io/?EIO=4&transport=polling')
    expect(res.status).toBe(400)
  })

  it('stops every process cleanly on SIGTERM', async () => {
    const stopped = server.stop()
    expect(await stopped).toBe(0)
    expect(server.output()).toContain('Stopped cleanly.')
    expect(server.output()).not.toMatch(/worker \d exited/)
  }, 40_000)
})
