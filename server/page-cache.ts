/**
 * A short-lived in-memory cache of whole responses for signed-out GETs of pages the app marks public
 * (docs/decisions/010-page-cache.md). A route opts in per response with
 *
 *   x-birlikte-cache: public thread:<threadId> space:<spaceId>
 *
 * (the words after `public` are invalidation tags). The header never leaves the server. An entry lives
 * a few seconds at most and is dropped at once when a discussion event for one of its tags is published
 * — in this process, or in another one when `subscribe` is the event relay's (server/event-relay.ts).
 */
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'
import { isbot } from 'isbot'
import { subscribe as subscribeLocal } from '../app/modules/events/bus.server.ts'
import { LANG_COOKIE, resolveLocale } from '../app/lib/i18n.server.ts'
import type { RelayedSubscribe } from './event-relay.ts'

export const CACHE_HEADER = 'x-birlikte-cache'
/** Tells operators (and the tests) whether a response came from the cache: hit, stale, miss or bypass. */
export const STATUS_HEADER = 'x-page-cache'

export interface PageCacheOptions {
  /** how long an entry may be served without any event (ms) */
  ttlMs?: number
  maxEntries?: number
  /** total size of the stored bodies (uncompressed + compressed variants) */
  maxBytes?: number
  /** a single body larger than this is not stored */
  maxEntryBytes?: number
  now?: () => number
  /** where invalidating events come from: this process's bus unless given the relay's (every process) */
  subscribe?: RelayedSubscribe
}

interface Entry {
  key: string
  expires: number
  tags: string[]
  status: number
  headers: [string, number | string | string[]][]
  body: Buffer
  gzip?: Buffer
  br?: Buffer
  bytes: number
}

// Headers that describe one transfer, not the page: recomputed for every response served.
const PER_TRANSFER = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'vary',
  'connection',
  'keep-alive',
  'date',
  CACHE_HEADER,
  STATUS_HEADER,
])

/**
 * Only requests that carry no identity at all: no cookie except the language switcher's. A session
 * cookie (valid or not) or any other cookie means the page may differ for this person.
 */
function anonymous(req: Request) {
  const cookie = req.headers.cookie
  if (!cookie) return true
  return cookie.split(';').every((part) => {
    const name = part.slice(0, part.indexOf('=')).trim()
    return name === LANG_COOKIE || name === ''
  })
}

function cacheKey(req: Request) {
  // What a signed-out page depends on besides its URL: the language and whether a bot (which gets the
  // fully rendered document instead of a streamed shell) asks.
  const headers = { get: (name: string) => req.get(name) ?? null }
  const locale = resolveLocale({ headers } as unknown as globalThis.Request)
  const bot = isbot(req.get('user-agent') ?? '') ? 'bot' : 'browser'
  return `${locale}|${bot}|${req.originalUrl}`
}

function preferredEncoding(req: Request): 'br' | 'gzip' | 'identity' {
  const accept = req.get('accept-encoding') ?? ''
  if (/\bbr\b/.test(accept)) return 'br'
  if (/\bgzip\b/.test(accept)) return 'gzip'
  return 'identity'
}

export function createPageCache(options: PageCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 3_000
  const maxEntries = options.maxEntries ?? 500
  const maxBytes = options.maxBytes ?? 48 * 1024 * 1024
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024
  const now = options.now ?? Date.now

  // Insertion order is recency order: a stored entry is (re)inserted at the end, eviction takes the front.
  const entries = new Map<string, Entry>()
  const byTag = new Map<string, Set<string>>()
  let bytes = 0
  // Invalidation clock: a response whose rendering began before one of its tags was invalidated may
  // hold stale content, so it is not stored.
  let clock = 0
  const invalidatedAt = new Map<string, number>()

  function remove(key: string) {
    const e = entries.get(key)
    if (!e) return
    entries.delete(key)
    bytes -= e.bytes
    for (const tag of e.tags) {
      const keys = byTag.get(tag)
      keys?.delete(key)
      if (keys?.size === 0) byTag.delete(tag)
    }
  }

  function store(e: Entry) {
    remove(e.key)
    entries.set(e.key, e)
    bytes += e.bytes
    for (const tag of e.tags) {
      let keys = byTag.get(tag)
      if (!keys) byTag.set(tag, (keys = new Set()))
      keys.add(e.key)
    }
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next().value
      if (oldest === undefined) break
      remove(oldest)
    }
  }

  function invalidate(tag: string) {
    clock++
    invalidatedAt.set(tag, clock)
    for (const key of [...(byTag.get(tag) ?? [])]) remove(key)
  }

  // A thread's pages and its space's pages (thread list, counts, last activity) change together.
  function invalidateThread(threadId: string, ...spaceIds: (string | undefined)[]) {
    invalidate(`thread:${threadId}`)
    for (const id of spaceIds) if (id) invalidate(`space:${id}`)
  }

  function variant(e: Entry, encoding: 'br' | 'gzip' | 'identity') {
    // Compressed once per entry, on first demand, instead of once per response.
    if (encoding === 'br') {
      if (!e.br) {
        e.br = brotliCompressSync(e.body, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: e.body.length },
        })
        e.bytes += e.br.length
        bytes += e.br.length
      }
      return e.br
    }
    if (encoding === 'gzip') {
      if (!e.gzip) {
        e.gzip = gzipSync(e.body, { level: 6 })
        e.bytes += e.gzip.length
        bytes += e.gzip.length
      }
      return e.gzip
    }
    return e.body
  }

  function serve(req: Request, res: Response, e: Entry, label: 'hit' | 'stale' = 'hit') {
    const encoding = preferredEncoding(req)
    const body = variant(e, encoding)
    res.statusCode = e.status
    // The cached headers include the Content-Security-Policy whose nonce the cached HTML carries;
    // it replaces the one helmet just made for this response (see the decision record).
    for (const [name, value] of e.headers) res.setHeader(name, value)
    res.setHeader('vary', 'Accept-Encoding')
    if (encoding !== 'identity') res.setHeader('content-encoding', encoding)
    res.setHeader('content-length', body.length)
    res.setHeader(STATUS_HEADER, label)
    res.end(body)
  }

  /**
   * One render per page at a time: while a request renders a page ("the leader"), others asking for
   * it get the expired copy if there is one (stale for at most one render), or wait for the leader's
   * result — instead of 50 connections rendering the same page at once whenever an entry expires.
   */
  const inflight = new Map<string, Promise<void>>()
  // Pages whose last render was not cacheable: no waiting behind a leader for them until this time.
  const uncacheableUntil = new Map<string, number>()
  const LEADER_WAIT_MS = 2_000

  function middleware(req: Request, res: Response, next: NextFunction) {
    const eligible = req.method === 'GET' && anonymous(req)
    if (!eligible) return render(req, res, next, '', false)
    const key = cacheKey(req)
    const entry = entries.get(key)
    if (entry && entry.expires > now()) return serve(req, res, entry)
    const leader = inflight.get(key)
    if (leader && entry) return serve(req, res, entry, 'stale')
    if (leader) {
      let timer: NodeJS.Timeout | undefined
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, LEADER_WAIT_MS)))
      void Promise.race([leader, waited]).then(() => {
        clearTimeout(timer)
        const fresh = entries.get(key)
        if (fresh && fresh.expires > now()) serve(req, res, fresh)
        else render(req, res, next, key, false)
      })
      return
    }
    const lead = (uncacheableUntil.get(key) ?? 0) <= now()
    render(req, res, next, key, lead)
  }

  function render(req: Request, res: Response, next: NextFunction, key: string, lead: boolean) {
    const eligible = key !== ''
    if (lead) {
      let release!: () => void
      inflight.set(key, new Promise<void>((resolve) => (release = resolve)))
      res.once('close', () => {
        inflight.delete(key)
        release()
      })
    }
    const startedAt = clock

    // Decide when the headers go out (every write path — write, end, flushHeaders — goes through
    // writeHead): strip the marker always; capture the body only for an eligible, public 200.
    let capture: { tags: string[]; headers: Entry['headers'] } | null = null
    const chunks: Buffer[] = []
    let size = 0
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, ...args: unknown[]) {
      const marker = res.getHeader(CACHE_HEADER)
      if (marker !== undefined) {
        res.removeHeader(CACHE_HEADER)
        const words = String(marker).trim().split(/\s+/)
        const status = typeof args[0] === 'number' ? args[0] : res.statusCode
        if (eligible && words[0] === 'public' && status === 200 && !res.hasHeader('set-cookie')) {
          capture = {
            tags: words.slice(1),
            headers: Object.entries(res.getHeaders())
              .filter(([name, value]) => value !== undefined && !PER_TRANSFER.has(name))
              .map(([name, value]) => [name, value as number | string | string[]]),
          }
        }
      }
      return (writeHead as (...a: unknown[]) => Response).apply(this, args)
    } as Response['writeHead']

    const collect = (chunk: unknown, encoding?: unknown) => {
      if (!capture || chunk === undefined || chunk === null || typeof chunk === 'function') return
      const buf =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array)
      size += buf.length
      if (size > maxEntryBytes) capture = null
      else chunks.push(buf)
    }
    const write = res.write
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      const result = (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest)
      collect(chunk, rest[0])
      return result
    } as Response['write']
    const end = res.end
    res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
      const result = (end as (...a: unknown[]) => Response).call(this, chunk, ...rest)
      collect(chunk, rest[0])
      const c = capture as { tags: string[]; headers: Entry['headers'] } | null
      if (c && c.tags.every((tag) => (invalidatedAt.get(tag) ?? 0) <= startedAt)) {
        const body = Buffer.concat(chunks)
        store({ key, expires: now() + ttlMs, tags: c.tags, status: 200, headers: c.headers, body, bytes: body.length })
      } else if (eligible && !c) {
        // Not (or no longer) a public page: drop any expired copy and stop coalescing for a while.
        remove(key)
        if (uncacheableUntil.size >= maxEntries * 4) uncacheableUntil.clear()
        uncacheableUntil.set(key, now() + ttlMs)
      }
      capture = null
      return result
    } as Response['end']
    res.setHeader(STATUS_HEADER, eligible ? 'miss' : 'bypass')
    next()
  }

  const subscribe = options.subscribe ?? subscribeLocal
  const unsubscribers = [
    subscribe('post.created', (e) => invalidateThread(e.threadId, e.spaceId)),
    subscribe('post.changed', (e) => invalidateThread(e.threadId, e.spaceId)),
    subscribe('thread.created', (e) => invalidate(`space:${e.spaceId}`)),
    subscribe('thread.changed', (e) => invalidateThread(e.threadId, e.spaceId, e.fromSpaceId)),
  ]

  return {
    middleware,
    invalidate,
    clear: () => {
      for (const key of [...entries.keys()]) remove(key)
    },
    stats: () => ({ entries: entries.size, bytes }),
    close: () => {
      for (const u of unsubscribers) u()
      entries.clear()
      byTag.clear()
    },
  }
}

export type PageCache = ReturnType<typeof createPageCache>
