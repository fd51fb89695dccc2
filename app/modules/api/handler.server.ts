/**
 * The one door every /api/v1 request goes through: rate limit, route and method, authentication,
 * JSON body, validation, the handler, and an answer that is always JSON — errors included.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { resolveLocale } from '~/lib/i18n.server'
import type { Locale } from '~/lib/i18n'
import { ForbiddenError } from '~/lib/policy'
import type { FieldErrors, z } from '~/lib/validation'
import { clientIp, getAuth, pendingCookiesFor, type Auth } from '~/modules/auth/session.server'
import { hit, LIMITS, type RateResult } from '~/modules/rate-limit/rate-limit.server'
import { readJsonBody } from './body.server'
import { Reply, type Endpoint } from './endpoint.server'
import { ApiError, errorBody, fieldErrors, mergeFieldErrors, noFieldErrors } from './errors.server'
import { endpointsFor } from './registry.server'

type Args = LoaderFunctionArgs | ActionFunctionArgs

function json(request: Request, status: number, body: unknown, locale: Locale, headers: Record<string, string> = {}) {
  const h = new Headers({
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Language': locale,
    Vary: 'Accept-Language, Cookie, Authorization',
    ...headers,
  })
  // Resource routes skip entry.server, so a refreshed or cleared session cookie is added here.
  for (const c of pendingCookiesFor(request)) h.append('Set-Cookie', c)
  return new Response(JSON.stringify(body), { status, headers: h })
}

/** A database outage must not turn into "too many requests": the limiter fails open and says so in the log. */
async function rateLimit(request: Request): Promise<RateResult | null> {
  try {
    return await hit(`api:ip:${clientIp(request)}`, LIMITS.apiIp)
  } catch (e) {
    console.error(`[api] rate limiter unavailable: ${(e as Error).message}`)
    return null
  }
}

function allowHeader(candidates: Endpoint[]) {
  const methods: string[] = [...new Set(candidates.map((e) => e.method))]
  if (methods.includes('GET')) methods.push('HEAD')
  return [...methods, 'OPTIONS'].join(', ')
}

function parsePart<S extends z.ZodType>(schema: S | undefined, input: unknown, root: string, errors: FieldErrors) {
  if (!schema) return undefined
  const result = schema.safeParse(input)
  if (result.success) return result.data
  mergeFieldErrors(errors, fieldErrors(result.error, root))
  return undefined
}

async function answer(request: Request, routeParams: Record<string, string | undefined>, path: string | null, auth: Auth, locale: Locale) {
  const limited = await rateLimit(request)
  if (limited && !limited.allowed) {
    throw new ApiError('rate_limited', { headers: { 'Retry-After': String(limited.retryAfterSeconds) } })
  }
  const candidates = path === null ? [] : endpointsFor(path)
  if (!candidates.length) throw new ApiError('not_found')
  const method = request.method === 'HEAD' ? 'GET' : request.method
  if (method === 'OPTIONS') return new Reply(204, null, { Allow: allowHeader(candidates) })
  const endpoint = candidates.find((e) => e.method === method)
  if (!endpoint) throw new ApiError('method_not_allowed', { headers: { Allow: allowHeader(candidates) } })

  // A credential that does not work is refused even where signing in is optional: a client should learn
  // its token was revoked, not silently get the public view.
  const bearer = /^Bearer\s/i.test(request.headers.get('authorization') ?? '')
  if (bearer && !auth.user) throw new ApiError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } })
  if (endpoint.auth === 'required' && !auth.user) {
    throw new ApiError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="birlikte"' } })
  }

  const errors = noFieldErrors()
  const params = parsePart(endpoint.params, routeParams, 'path', errors)
  const query = parsePart(endpoint.query, Object.fromEntries(new URL(request.url).searchParams), 'query', errors)
  const body = endpoint.body ? parsePart(endpoint.body, await readJsonBody(request), 'body', errors) : undefined
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { fields: errors })

  const result = await endpoint.run({ request, locale, auth, user: auth.user, actor: auth.actor, params, query, body })
  const reply = result instanceof Reply ? result : new Reply(200, result)
  // The documented schema is also a filter: a field the document does not promise never leaves.
  const checked = endpoint.response.safeParse(reply.body)
  if (!checked.success) throw new Error(`response of ${endpoint.id} does not match its schema: ${checked.error.message}`)
  const cache: Record<string, string> = endpoint.maxAge && !auth.user ? { 'Cache-Control': `public, max-age=${endpoint.maxAge}` } : {}
  return new Reply(reply.status, checked.data, { ...cache, ...reply.headers })
}

async function handle(request: Request, routeParams: Record<string, string | undefined>, path: string | null) {
  let locale = resolveLocale(request, null)
  try {
    // Who is asking comes first, so every answer — a 404, 405, 429 or OPTIONS as much as a validation
    // error — speaks the caller's language: their own setting (session or token owner), else the request's
    // (issue 10, item 8.13).
    const auth = await getAuth(request)
    locale = resolveLocale(request, auth.user?.locale)
    const reply = await answer(request, routeParams, path, auth, locale)
    if (reply.status === 204) {
      const headers = new Headers(reply.headers)
      return new Response(null, { status: 204, headers })
    }
    return json(request, reply.status, reply.body, locale, reply.headers)
  } catch (e) {
    if (e instanceof ApiError) {
      return json(
        request,
        e.status,
        errorBody(locale, e.code, e.options.fields, e.options.messageKey, e.options.messageVars),
        locale,
        e.options.headers,
      )
    }
    if (e instanceof ForbiddenError) return json(request, 403, errorBody(locale, 'forbidden'), locale)
    // Whatever it was, the caller gets a code and a sentence, never a stack trace.
    console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed`, e)
    return json(request, 500, errorBody(locale, 'internal'), locale)
  }
}

/**
 * The loader and action of an /api/v1 route file. `path` is the registry path the file serves; null
 * for the catch-all that answers unknown paths.
 */
export function apiRoute(path: string | null) {
  const run = ({ request, params }: Args) => handle(request, params, path)
  return { loader: run, action: run }
}
