import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import { lucia } from '~/modules/auth/lucia.server'
import { pendingCookies } from '~/modules/auth/session.server'
import { NonceContext } from '~/lib/nonce'

function addPendingCookies(request: Request, headers: Headers) {
  for (const c of pendingCookies.get(request) ?? []) headers.append('Set-Cookie', c)
}

/**
 * A page made for a signed-in person (a safe space's, a private room's, their notifications) is kept by no
 * cache, the browser's included, unless its route said otherwise.
 */
function privateByDefault(request: Request, headers: Headers) {
  if (headers.has('Cache-Control')) return
  if (lucia.readSessionCookie(request.headers.get('cookie') ?? '')) headers.set('Cache-Control', 'private, no-store')
}

/** Logs real errors only: not a missing page (404) nor a request the browser gave up on. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  const status = (error as { status?: number } | null)?.status
  if (status === 404 || status === 405) return
  console.error(error)
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  addPendingCookies(request, response.headers)
  privateByDefault(request, response.headers)
  return response
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  addPendingCookies(request, responseHeaders)
  privateByDefault(request, responseHeaders)
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? ''
  // The whole page at once, then one write: no route streams (no defer, no Suspense), and a stream's many
  // small chunks each cost a gzip call and a socket write. renderToString, not renderToPipeableStream:
  // React 18.3's stream writer sends its whole 2 kB buffer when a character of two or more bytes does not
  // fit at the end, NUL bytes included — Turkish pages came out with a NUL inside words ("yazdı\0ğından").
  const html = Buffer.from(
    `<!DOCTYPE html>${renderToString(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
    )}`,
  )
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  responseHeaders.set('Content-Length', String(html.length))
  return new Response(html, { headers: responseHeaders, status: responseStatusCode })
}
