/**
 * Fetches a page for its preview, through the guard (guard.server.ts) on every hop: at most 3 redirects,
 * each one resolved, checked and pinned again; 5 s for the whole chain; 512 kB of HTML read at most (then
 * the connection is dropped and what arrived is parsed); only text/html and XHTML; no compression asked
 * for or accepted; a fixed User-Agent; no cookies, no credentials.
 */
import http from 'node:http'
import https from 'node:https'
import { GuardRefusal, pinnedLookup, resolveDestination, type GuardOptions } from './guard.server'

export const USER_AGENT = 'birlikte-link-preview/1.0 (+https://github.com/birlikte; link previews)'
export const MAX_REDIRECTS = 3
export const TIME_LIMIT_MS = 5_000
export const SIZE_LIMIT_BYTES = 512 * 1024

export type FetchFailure =
  | `refused-${GuardRefusal['reason']}`
  | 'timeout'
  | 'too-many-redirects'
  | 'bad-redirect'
  | `status-${number}`
  | 'not-html'
  | 'encoding'
  | 'network'

export class FetchFailed extends Error {
  constructor(
    readonly reason: FetchFailure,
    detail = '',
  ) {
    super(detail ? `${reason}: ${detail}` : reason)
    this.name = 'FetchFailed'
  }
}

export interface FetchOptions extends GuardOptions {
  timeLimitMs?: number
  sizeLimitBytes?: number
}

export interface FetchedPage {
  /** where the page was found, after redirects */
  url: string
  html: string
  /** true when the size limit cut the page short */
  truncated: boolean
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])

/** One request to a checked, pinned address; resolves with the response, or rejects. */
function request(destination: Awaited<ReturnType<typeof resolveDestination>>, signal: AbortSignal) {
  const { url } = destination
  const get = url.protocol === 'https:' ? https.get : http.get
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = get(url, {
      // A fresh connection for each request: a pooled socket might lead somewhere the guard did not look.
      agent: false,
      // The checked address and only it, even when the socket asks for every address (happy eyeballs).
      lookup: pinnedLookup(destination) as never,
      signal,
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html,application/xhtml+xml;q=0.9',
        'accept-encoding': 'identity',
        'accept-language': 'tr,en;q=0.8',
      },
    })
    req.once('response', resolve)
    req.once('error', reject)
  })
}

async function readLimited(res: http.IncomingMessage, limit: number) {
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  for await (const chunk of res as AsyncIterable<Buffer>) {
    const room = limit - size
    if (chunk.length >= room) {
      chunks.push(chunk.subarray(0, room))
      size = limit
      truncated = true
      break
    }
    chunks.push(chunk)
    size += chunk.length
  }
  // Leaving the loop early (the limit) stops reading; destroying closes the connection.
  res.destroy()
  return { body: Buffer.concat(chunks, size), truncated }
}

function decode(body: Buffer, contentType: string) {
  const charset =
    /charset\s*=\s*"?([\w:.-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1]
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(charset ?? 'utf-8')
  } catch {
    decoder = new TextDecoder('utf-8')
  }
  return decoder.decode(body)
}

const aborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new FetchFailed('timeout'))
    signal.addEventListener('abort', () => reject(new FetchFailed('timeout')), { once: true })
  })

/** Fetches `raw` for a preview. Throws FetchFailed with a short reason (stored as the preview's failure). */
export async function fetchPage(raw: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeLimitMs ?? TIME_LIMIT_MS)
  try {
    let current = raw
    for (let hop = 0; ; hop++) {
      // A resolver that never answers is bounded by the same time limit as everything else.
      const destination = await Promise.race([resolveDestination(current, options), aborted(controller.signal)]).catch((e: unknown) => {
        if (e instanceof GuardRefusal) throw new FetchFailed(`refused-${e.reason}`, e.message)
        throw e
      })
      const res = await request(destination, controller.signal)
      const status = res.statusCode ?? 0
      if (status >= 300 && status < 400 && status !== 304) {
        res.destroy()
        const location = res.headers.location
        if (!location) throw new FetchFailed('bad-redirect', 'no Location')
        if (hop >= MAX_REDIRECTS) throw new FetchFailed('too-many-redirects')
        try {
          current = new URL(location, destination.url).href
        } catch {
          throw new FetchFailed('bad-redirect', 'unreadable Location')
        }
        continue
      }
      if (status !== 200) {
        res.destroy()
        throw new FetchFailed(`status-${status}`)
      }
      const contentType = String(res.headers['content-type'] ?? '')
      const type = contentType.split(';')[0].trim().toLowerCase()
      if (!HTML_TYPES.has(type)) {
        res.destroy()
        throw new FetchFailed('not-html', type || 'no content type')
      }
      const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase()
      if (encoding !== 'identity') {
        res.destroy()
        throw new FetchFailed('encoding', encoding)
      }
      const { body, truncated } = await readLimited(res, options.sizeLimitBytes ?? SIZE_LIMIT_BYTES)
      return { url: destination.url.href, html: decode(body, contentType), truncated }
    }
  } catch (e) {
    if (e instanceof FetchFailed) throw e
    if (controller.signal.aborted) throw new FetchFailed('timeout')
    throw new FetchFailed('network', (e as Error).message)
  } finally {
    clearTimeout(timer)
  }
}
