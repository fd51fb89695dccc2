/** JSON answers of the content endpoints (preview, mentions, uploads), errors translated for the asker. */
import { getT } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { getAuth } from '~/modules/auth/session.server'
import { UploadError } from './uploads.server'

const NO_STORE = { 'Cache-Control': 'private, no-store' }

export function jsonOk(body: unknown, status = 200) {
  return Response.json(body, { status, headers: NO_STORE })
}

/** `{ error: { key, message } }` with the message in the person's language. */
export async function jsonError(request: Request, key: string, status: number, headers: Record<string, string> = {}) {
  const { user } = await getAuth(request)
  const t = getT(resolveLocale(request, user?.locale))
  return Response.json({ error: { key, message: t(key) } }, { status, headers: { ...NO_STORE, ...headers } })
}

export function uploadErrorResponse(request: Request, e: unknown) {
  if (!(e instanceof UploadError)) throw e
  const headers: Record<string, string> = e.retryAfterSeconds ? { 'Retry-After': String(e.retryAfterSeconds) } : {}
  return jsonError(request, e.key, e.status, headers)
}
