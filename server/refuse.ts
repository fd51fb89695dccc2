/**
 * How the Express layer says no, before Remix sees a request: a status, a stable code and a sentence in
 * the client's language — JSON for the API and for clients that ask for it, plain text otherwise.
 */
import type { Request, Response } from 'express'
import { translate } from '../app/lib/i18n.ts'
import { resolveLocale } from '../app/lib/i18n.server.ts'

export function requestLocale(req: Request) {
  const headers = { get: (name: string) => req.get(name) ?? null }
  // resolveLocale only reads headers; there is no session (and so no user setting) at this layer.
  return resolveLocale({ headers } as unknown as globalThis.Request)
}

export const isApiPath = (path: string) => path.startsWith('/api/')

export function refuse(
  req: Request,
  res: Response,
  status: number,
  code: string,
  messageKey: string,
  headers: Record<string, string> = {},
) {
  const message = translate(requestLocale(req), messageKey)
  res.set(headers)
  // A body still on the wire is not read: closing after the answer stops it, where keep-alive would
  // make Node read (and throw away) whatever the client goes on sending.
  if (!req.complete) res.set('Connection', 'close')
  res.set('Cache-Control', 'no-store')
  if (isApiPath(req.path) || (req.headers.accept ?? '').includes('application/json')) {
    res.status(status).json({ error: { code, message, fields: {} } })
  } else {
    res.status(status).type('text/plain; charset=utf-8').send(message)
  }
}
