/**
 * The Express app: security headers, compression, static assets, health, request guards, then Remix.
 * Reads top to bottom in the order a request meets it.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import pg from 'pg'
import { createPageCache, type PageCacheOptions } from './page-cache.ts'

export const MAX_BODY_BYTES = 1024 * 1024
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024

export interface HttpOptions {
  build: ServerBuild
  databaseUrl: string
  trustProxy: boolean
  publicDir: string
  /** where the fingerprinted client build lives (served at /build) */
  assetsDir: string
  getIo: () => unknown
  /** signed-out public pages kept a few seconds in memory (server/page-cache.ts); false turns it off */
  pageCache?: PageCacheOptions | false
}

export function createHttpApp({ build, databaseUrl, trustProxy, publicDir, assetsDir, getIo, pageCache: pageCacheOptions }: HttpOptions) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxy ? 1 : false)

  // A nonce per response lets Remix's inline scripts run under a strict CSP.
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(trustProxy ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: trustProxy,
    }),
  )
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()')
    next()
  })
  app.use(compression({ filter: (req, res) => !req.path.startsWith('/socket.io') && compression.filter(req, res) }))

  // Fingerprinted build output can be cached for a year; everything else in public/ for an hour.
  app.use('/build', express.static(assetsDir, { immutable: true, maxAge: '1y' }))
  app.use(express.static(publicDir, { maxAge: '1h' }))
  // Browsers ask for /favicon.ico whatever the page links to.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'))

  const healthPool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2000 })
  healthPool.on('error', () => {})
  app.get('/healthz', async (_req, res) => {
    const started = performance.now()
    try {
      await healthPool.query('select 1')
      res.set('Cache-Control', 'no-store').json({ status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) })
    } catch (e) {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'error', database: 'down', error: (e as Error).message })
    }
  })

  app.use(bodyGuard)
  app.use(originGuard)
  // The client address as Express sees it (proxy-aware); a value sent by the client is overwritten.
  app.use((req, _res, next) => {
    req.headers['x-birlikte-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  })

  // After helmet and compression (it replays their work from cache), right before Remix renders.
  const pageCache = pageCacheOptions === false ? null : createPageCache(pageCacheOptions)
  if (pageCache) app.use(pageCache.middleware)

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string, io: getIo() }),
    }),
  )
  return {
    app,
    pageCache,
    close: () => {
      pageCache?.close()
      return healthPool.end()
    },
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Refuses oversized bodies before anything reads them (413, translated by the client's language). */
function bodyGuard(req: Request, res: Response, next: NextFunction) {
  if (!MUTATING.has(req.method)) return next()
  const limit = (req.headers['content-type'] ?? '').startsWith('multipart/form-data') ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES
  const length = Number(req.headers['content-length'] ?? 0)
  if (length > limit) return refuse(req, res, 413, 'payload_too_large', tooLarge(req))
  // Chunked bodies carry no length: the API reads them through a capped reader (app/modules/api),
  // and browsers always send Content-Length for forms.
  next()
}

const tooLarge = (req: Request) =>
  prefersTurkish(req) ? 'İstek çok büyük.' : 'The request is too large.'

function prefersTurkish(req: Request) {
  const cookieLang = /(?:^|;\s*)lang=(tr|en)/.exec(req.headers.cookie ?? '')?.[1]
  if (cookieLang) return cookieLang === 'tr'
  const accept = req.headers['accept-language'] ?? ''
  return !/^\s*en/i.test(accept)
}

/**
 * Cross-site request forgery guard: a cookie-authenticated mutation must come from this origin.
 * Bearer-token API calls carry no ambient credential and are exempt.
 */
function originGuard(req: Request, res: Response, next: NextFunction) {
  if (!MUTATING.has(req.method)) return next()
  if ((req.headers.authorization ?? '').startsWith('Bearer ')) return next()
  // RFC 8058 one-click unsubscribe: mail clients POST without Origin or cookies. The signed token in the
  // URL is the only credential, so there is nothing a cross-site request could forge.
  if (req.path === '/unsubscribe') return next()
  const origin = req.headers.origin ?? (req.headers.referer ? safeOrigin(req.headers.referer) : undefined)
  const host = req.headers['x-forwarded-host'] && req.app.get('trust proxy') ? String(req.headers['x-forwarded-host']) : req.headers.host
  if (!origin || !host || safeHost(origin) !== host) {
    const message = prefersTurkish(req)
      ? 'Bu istek başka bir siteden geldiği için reddedildi. Sayfayı yenileyip yeniden deneyin.'
      : 'This request came from another site and was refused. Reload the page and try again.'
    return refuse(req, res, 403, 'origin_mismatch', message)
  }
  next()
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
function safeHost(origin: string) {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

function refuse(req: Request, res: Response, status: number, code: string, message: string) {
  if (req.path.startsWith('/api/') || (req.headers.accept ?? '').includes('application/json')) {
    res.status(status).json({ error: { code, message, fields: {} } })
  } else {
    res.status(status).type('text/plain; charset=utf-8').send(message)
  }
}
