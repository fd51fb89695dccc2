/**
 * The address mail links point to (docs/decisions/019-mail-links.md). `APP_URL` when it is set (required
 * in production). Without it — the embedded demo, development, tests — the origin of the request that
 * caused the mail, but only when that origin is one we know to be ours: a Host header is chosen by the
 * client, and a password-reset link built from `Host: evil.example` would hand the token to whoever
 * owns evil.example.
 *
 * The origin travels with the work, not as an argument through every domain call: Express runs each
 * request inside `withOrigin(trusted)`, `recordEvent` writes it on the event row, the outbox dispatcher
 * runs the event's handler inside `withOrigin(event.origin)`, notifications keep it for the digest.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { isIP } from 'node:net'
import { env } from './env.server'
import { singleton } from './singleton.server'

const store = singleton('request-origin', () => new AsyncLocalStorage<{ origin: string | null }>())

/** Runs `fn` with `origin` (already vetted, or null for none) as the origin of the work at hand. */
export function withOrigin<T>(origin: string | null | undefined, fn: () => T): T {
  return store.run({ origin: origin ?? null }, fn)
}

/** The vetted origin of the request (or of the request that caused the event) being handled, if any. */
export function currentOrigin(): string | null {
  return store.getStore()?.origin ?? null
}

/**
 * The base of every link in a mail: APP_URL; else the vetted origin of the request that caused the mail
 * (see `trustedOrigin`); else http://localhost:$PORT.
 */
export function appUrl() {
  const e = env()
  if (e.APP_URL) return e.APP_URL.replace(/\/$/, '')
  return currentOrigin() ?? `http://localhost:${e.PORT}`
}

/** Origins listed in `APP_ORIGINS` (comma-separated), normalized; invalid entries are ignored. */
export function allowedOrigins(): Set<string> {
  const list = env().APP_ORIGINS ?? ''
  const origins = new Set<string>()
  for (const entry of list.split(',')) {
    const origin = originOf(entry.trim())
    if (origin) origins.add(origin)
  }
  return origins
}

export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null
  } catch {
    return null
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

const bare = (address: string) => address.replace(/^\[|\]$/g, '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')

export interface ArrivedAt {
  /** the origin the request names (scheme, Host or X-Forwarded-Host) */
  origin: string
  /** the address and port the connection arrived at on this machine */
  localAddress?: string
  localPort?: number
  /** the origin came from a proxy's X-Forwarded-* headers, not from the connection itself */
  proxied: boolean
}

/**
 * The request's origin if mail may point to it, else null. Trusted: an origin in `APP_ORIGINS`; and,
 * for a direct connection only, a loopback name, or an IP address that is the very address and port the
 * connection arrived at — a client can only name an address it could reach us at, so that is no
 * injection. Anything else (a name we were not told about) is refused.
 */
export function trustedOrigin(req: ArrivedAt): string | null {
  const origin = originOf(req.origin)
  if (!origin) return null
  if (allowedOrigins().has(origin)) return origin
  if (req.proxied) return null
  const url = new URL(origin)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  if (req.localPort !== undefined && port !== req.localPort) return null
  if (LOOPBACK_NAMES.has(url.hostname)) return origin
  const host = bare(url.hostname)
  if (isIP(host) && req.localAddress && bare(req.localAddress) === host) return origin
  return null
}

/**
 * At start-up: production needs APP_URL, so that mail links never depend on how someone reached the
 * server. One exception, which `npm start` on a fresh machine relies on: the demo on the embedded
 * database (no DATABASE_URL) runs without it and says what mail links will use.
 */
export function checkAppUrl(): { error: string } | { notice: string } | null {
  const e = env()
  if (e.NODE_ENV !== 'production' || e.APP_URL) return null
  if (!e.DATABASE_URL) {
    return {
      notice:
        `APP_URL is not set: fine for this demo on the embedded database. Mail links use the address a visit came to ` +
        `when it is this machine's own (http://localhost:${e.PORT}, or its IP address), else http://localhost:${e.PORT}. ` +
        `Set APP_URL=https://… (the public address) for a real deployment.`,
    }
  }
  return {
    error:
      'APP_URL is not set. In production, links in mail (replies, mentions, digests, moderation, unsubscribe, sign-up) ' +
      'need the public address people reach birlikte at, e.g. APP_URL=https://birlikte.example.org — set it and start again. ' +
      '(Only the demo on the embedded database, without DATABASE_URL, runs without it.)',
  }
}
