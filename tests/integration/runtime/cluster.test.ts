/**
 * WEB_CONCURRENCY=2: the compiled server as two worker processes behind one port (node:cluster with
 * @socket.io/sticky). Sockets on different workers share rooms (@socket.io/cluster-adapter), and a reply
 * posted through one worker drops the signed-out page both workers had cached (the event relay, over
 * PostgreSQL LISTEN/NOTIFY). SIGTERM stops the whole cluster cleanly.
 */
import type http from 'node:http'
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

/** One request on a new connection (the cluster closes each after one response): workers take turns. */
async function request(path: string, init: RequestInit = {}): Promise<Answer> {
  const headers = new Headers(init.headers)
  headers.set('accept-language', 'en')
  const res = await fetch(new URL(path, server.url), { ...init, headers, redirect: 'manual' })
  return { status: res.status, headers: res.headers, body: await res.text() }
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

  it('stops every process cleanly on SIGTERM', async () => {
    const stopped = server.stop()
    expect(await stopped).toBe(0)
    expect(server.output()).toContain('Stopped cleanly.')
    expect(server.output()).not.toMatch(/worker \d exited/)
  }, 40_000)
})
