/**
 * How the Express layer says no, before Remix sees a request: a status, a stable code and a sentence in
 * the client's language — JSON for the API and for clients that ask for it, plain text otherwise.
 */
import type { Request, Response } from 'express'
import { translate } from '../app/lib/i18n.ts'
import { resolveLocale } from '../app/lib/i18n.server.ts'
import type { Locale } from '../app/lib/i18n.ts'
import { localeForApiToken } from '../app/modules/auth/api-tokens.server.ts'

export function requestLocale(req: Request, userLocale?: string | null) {
  const headers = { get: (name: string) => req.get(name) ?? null }
  // resolveLocale only reads headers; there is no session at this layer (a token's owner is looked up below).
  return resolveLocale({ headers } as unknown as globalThis.Request, userLocale)
}

export const isApiPath = (path: string) => path.startsWith('/api/')

/**
 * Says no in the caller's language. Under /api/ with a personal token that is the token owner's setting
 * first, as the API handler answers (issue 10, item 8.13); that costs one read, and only then.
 */
export function refuse(
  req: Request,
  res: Response,
  status: number,
  code: string,
  messageKey: string,
  headers: Record<string, string> = {},
): void | Promise<void> {
  const token = isApiPath(req.path) ? /^Bearer\s+(\S+)/i.exec(req.get('authorization') ?? '')?.[1] : undefined
  if (!token) return send(req, res, status, code, messageKey, headers, requestLocale(req))
  return localeForApiToken(token)
    .catch(() => null)
    .then((owner) => send(req, res, status, code, messageKey, headers, requestLocale(req, owner)))
}

function send(
  req: Request,
  res: Response,
  status: number,
  code: string,
  messageKey: string,
  headers: Record<string, string>,
  locale: Locale,
) {
  const message = translate(locale, messageKey)
  res.set(headers)
  // A body still on the wire is not read: closing after the answer stops it, where keep-alive would
  // make Node read (and throw away) whatever the client goes on sending.
  if (!req.complete) res.set('Connection', 'close')
  res.set('Cache-Control', 'no-store')
  res.set('Content-Language', locale)
  if (isApiPath(req.path) || (req.headers.accept ?? '').includes('application/json')) {
    res.status(status).json({ error: { code, message, fields: {} } })
  } else {
    res.status(status).type('text/plain; charset=utf-8').send(message)
  }
}
