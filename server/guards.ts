/** Request checks that need nothing but the request line and headers, run before any body is read. */
import type { NextFunction, Request, Response } from 'express'
import { isApiPath, refuse } from './refuse.ts'

/**
 * NUL in the path or query (raw or as %00) would reach a database query through a route parameter or
 * search field, and PostgreSQL refuses it with an error. A %00 never names anything here.
 */
export function nulGuard(req: Request, res: Response, next: NextFunction) {
  if (/%00|\u0000/i.test(req.originalUrl)) return refuse(req, res, 400, 'bad_request', 'errors.request.nul')
  next()
}

const BEARER = /^Bearer\s/i
export const hasBearer = (req: Request) => BEARER.test(req.headers.authorization ?? '')

/**
 * Personal API tokens are for /api/v1 only. On the website they would read pages as their owner and,
 * since a token is no ambient credential, post forms without any origin check.
 */
export function bearerGuard(req: Request, res: Response, next: NextFunction) {
  if (!hasBearer(req) || isApiPath(req.path)) return next()
  refuse(req, res, 401, 'unauthorized', 'errors.request.bearer', { 'WWW-Authenticate': 'Bearer realm="birlikte", error="invalid_request"' })
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Cross-site request forgery guard: a cookie-authenticated mutation must come from this origin. API
 * calls with a token carry no ambient credential and are exempt — under /api/ only, where the token
 * is the credential that is checked.
 */
export function originGuard(req: Request, res: Response, next: NextFunction) {
  if (!MUTATING.has(req.method)) return next()
  if (hasBearer(req) && isApiPath(req.path)) return next()
  // RFC 8058 one-click unsubscribe: mail clients POST without Origin or cookies. The signed token in the
  // URL is the only credential, so there is nothing a cross-site request could forge. A browser's
  // cross-site POST names its origin and is refused like any other.
  if (req.path === '/unsubscribe' && req.headers.origin === undefined) return next()
  const origin = req.headers.origin ?? (req.headers.referer ? safeOrigin(req.headers.referer) : undefined)
  const host = req.headers['x-forwarded-host'] && req.app.get('trust proxy') ? String(req.headers['x-forwarded-host']) : req.headers.host
  if (!origin || !host || safeHost(origin) !== host) return refuse(req, res, 403, 'origin_mismatch', 'errors.request.crossOrigin')
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
