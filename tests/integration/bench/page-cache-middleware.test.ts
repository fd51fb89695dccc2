/**
 * The page cache's own rules, on a real Express app with compression in front of it and real domain
 * events: what is stored, what is never stored, what the client receives, and when entries go.
 */
import { createServer, type Server } from 'node:http'
import compression from 'compression'
import express from 'express'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { publish } from '~/modules/events/bus.server'
import { CACHE_HEADER, createPageCache, STATUS_HEADER } from '../../../server/page-cache.ts'

let server: Server
let base: string
let clock = 0
let renders = 0
let slowRenders = 0
const cache = createPageCache({ ttlMs: 1_000, now: () => clock })

beforeAll(async () => {
  const app = express()
  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', `script-src 'nonce-${++renders}'`)
    next()
  })
  app.use(compression())
  app.use(cache.middleware)
  app.get('/public/:id', (req, res) => {
    res.setHeader(CACHE_HEADER, `public thread:${req.params.id} space:s1`)
    res.type('html').send(`<p>render ${renders} of ${req.params.id} ${'x'.repeat(2000)}</p>`)
  })
  app.get('/slow/:id', (req, res) => {
    setTimeout(() => {
      res.setHeader(CACHE_HEADER, `public thread:${req.params.id}`)
      res.type('html').send(`<p>slow render ${++slowRenders}</p>`)
    }, 100)
  })
  app.get('/private', (_req, res) => res.type('html').send(`<p>render ${renders}</p>`))
  app.get('/cookie', (_req, res) => {
    res.setHeader(CACHE_HEADER, 'public thread:t9')
    res.setHeader('set-cookie', 'a=b')
    res.type('html').send(`<p>render ${renders}</p>`)
  })
  app.get('/missing', (_req, res) => {
    res.setHeader(CACHE_HEADER, 'public thread:t9')
    res.status(404).type('html').send(`<p>render ${renders}</p>`)
  })
  server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  cache.close()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  cache.clear()
  clock += 10_000
})

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(base + path, { headers: { 'accept-encoding': 'identity', ...headers } })
const settle = () => new Promise((r) => setTimeout(r, 5))

describe('page cache', () => {
  it('serves a marked page from memory with the headers and nonce of the stored render, and never shows its marker', async () => {
    const first = await get('/public/t1')
    const html = await first.text()
    expect(first.headers.get(STATUS_HEADER)).toBe('miss')
    expect(first.headers.has(CACHE_HEADER)).toBe(false)
    const second = await get('/public/t1')
    expect(second.headers.get(STATUS_HEADER)).toBe('hit')
    expect(second.headers.has(CACHE_HEADER)).toBe(false)
    expect(await second.text()).toBe(html)
    // The cached HTML was rendered with the first response's nonce, so its policy comes with it.
    expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'))
  })

  it('answers gzip and brotli from compressed copies', async () => {
    const plain = await (await get('/public/t2')).text()
    const gz = await get('/public/t2', { 'accept-encoding': 'gzip' })
    expect(gz.headers.get(STATUS_HEADER)).toBe('hit')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(await gz.text()).toBe(plain) // fetch decodes gzip and br itself
    const br = await fetch(`${base}/public/t2`, { headers: { 'accept-encoding': 'br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(await br.text()).toBe(plain)
  })

  it('keeps languages apart', async () => {
    await get('/public/t3', { 'accept-language': 'en' })
    expect((await get('/public/t3', { 'accept-language': 'tr' })).headers.get(STATUS_HEADER)).toBe('miss')
    expect((await get('/public/t3', { cookie: 'lang=en', 'accept-language': 'tr' })).headers.get(STATUS_HEADER)).toBe('hit')
  })

  it('never stores or serves for a request with a session (or any other) cookie', async () => {
    await get('/public/t4')
    for (const cookie of ['birlikte_session=abc', 'lang=tr; birlikte_session=abc', 'other=1']) {
      const res = await get('/public/t4', { cookie })
      expect(res.headers.get(STATUS_HEADER)).toBe('bypass')
      expect(res.headers.has(CACHE_HEADER)).toBe(false)
    }
    const signedInFirst = await get('/public/t5', { cookie: 'birlikte_session=abc' })
    await signedInFirst.text()
    expect((await get('/public/t5')).headers.get(STATUS_HEADER)).toBe('miss')
  })

  it('stores only marked 200 responses without cookies', async () => {
    for (const path of ['/private', '/cookie', '/missing']) {
      await (await get(path)).text()
      expect((await get(path)).headers.get(STATUS_HEADER)).toBe('miss')
    }
  })

  it('drops a thread page when a post in that thread is created or changed, and a space page with it', async () => {
    await (await get('/public/t6')).text()
    await (await get('/public/t7')).text()
    publish('post.created', { spaceId: 's1', threadId: 't6', postId: 'p', number: 2, authorName: '' })
    await settle()
    expect((await get('/public/t6')).headers.get(STATUS_HEADER)).toBe('miss')
    // t7 shares the space tag: the space's pages (lists, counts) change with any of its threads.
    expect((await get('/public/t7')).headers.get(STATUS_HEADER)).toBe('miss')
    expect((await get('/public/t6')).headers.get(STATUS_HEADER)).toBe('hit')
    publish('thread.changed', { spaceId: 's2', threadId: 't6', change: 'locked' })
    await settle()
    expect((await get('/public/t6')).headers.get(STATUS_HEADER)).toBe('miss')
  })

  it('expires entries after the TTL', async () => {
    await (await get('/public/t8')).text()
    clock += 999
    expect((await get('/public/t8')).headers.get(STATUS_HEADER)).toBe('hit')
    clock += 2
    expect((await get('/public/t8')).headers.get(STATUS_HEADER)).toBe('miss')
  })

  it('renders a page once for many simultaneous readers, and serves the expired copy while it is rendered again', async () => {
    const before = slowRenders
    const first = await Promise.all(
      Array.from({ length: 10 }, () => get('/slow/t10').then(async (r) => [r.headers.get(STATUS_HEADER), await r.text()])),
    )
    expect(slowRenders).toBe(before + 1)
    expect(new Set(first.map(([, html]) => html)).size).toBe(1)
    expect(first.filter(([s]) => s === 'miss')).toHaveLength(1)
    clock += 1_001
    const second = await Promise.all(Array.from({ length: 10 }, () => get('/slow/t10').then((r) => r.headers.get(STATUS_HEADER))))
    expect(slowRenders).toBe(before + 2)
    expect(second.filter((s) => s === 'miss')).toHaveLength(1)
    expect(second.filter((s) => s === 'stale')).toHaveLength(9)
  })
})
