/**
 * The Express app: security headers, compression, static assets, health, request guards, then Remix.
 * Reads top to bottom in the order a request meets it.
 */
import { randomBytes } from 'node:crypto'
import compression from 'compression'
import express, { type Response } from 'express'
import helmet from 'helmet'
import type { ServerBuild } from '@remix-run/node'
import pg from 'pg'
import { bodyReader } from './body.ts'
import { bearerGuard, nulGuard, originGuard } from './guards.ts'
import { createPageCache, type PageCacheOptions } from './page-cache.ts'
import { trustedOrigin, withOrigin } from '../app/lib/origin.server.ts'
import { createRemixHandler, namedOrigin } from './remix-handler.ts'

export { MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from './body.ts'

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
  // Before anything else looks at the request: these answer from the request line and headers alone.
  app.use(nulGuard)
  app.use(bearerGuard)
  // Level 2 rather than zlib's 6: a 100 kB signed-in thread page in 0.19 ms instead of 0.53 ms, for
  // 14.5 kB instead of 12.6 kB (nginx compresses at 1 by default).
  app.use(
    compression({ level: 2, threshold: 1024, filter: (req, res) => !req.path.startsWith('/socket.io') && compression.filter(req, res) }),
  )

  // Fingerprinted build output can be cached for a year; everything else in public/ for an hour.
  app.use('/build', express.static(assetsDir, { immutable: true, maxAge: '1y' }))
  // Only paths that name a file: otherwise every page request would cost a stat() of a file that is not there.
  const publicFiles = express.static(publicDir, { maxAge: '1h' })
  app.use((req, res, next) => (/\/[^/]+\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()))
  // Browsers ask for /favicon.ico whatever the page links to.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'))

  const healthPool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2000 })
  healthPool.on('error', () => {})
  // Up or down, nothing more: a database error names hosts, users and versions. Operators read the log.
  app.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    try {
      await healthPool.query('select 1')
      res.json({ status: 'ok' })
    } catch (e) {
      console.error(`[healthz] database unreachable: ${(e as Error).message}`)
      res.status(503).json({ status: 'error' })
    }
  })

  app.use(originGuard)
  // The one place bodies are read (and capped) — forms, uploads and the API alike.
  app.use(bodyReader)
  // The client address as Express sees it (proxy-aware); a value sent by the client is overwritten.
  app.use((req, _res, next) => {
    req.headers['x-birlikte-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  })

  // Mail links may use the address this request came to only if it is ours (docs/decisions/019-mail-links.md):
  // the vetted origin, or none, is what loaders, actions and `recordEvent` see as `currentOrigin()`.
  app.use((req, _res, next) => {
    const origin = trustedOrigin({
      origin: namedOrigin(req),
      localAddress: req.socket.localAddress,
      localPort: req.socket.localPort,
      proxied: trustProxy,
    })
    withOrigin(origin, next)
  })

  // After helmet and compression (it replays their work from cache), right before Remix renders.
  const pageCache = pageCacheOptions === false ? null : createPageCache(pageCacheOptions)
  if (pageCache) app.use(pageCache.middleware)

  app.all(
    '*',
    createRemixHandler({
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
