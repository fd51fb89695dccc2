import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { lucia } from '~/modules/auth/lucia.server'
import { pendingCookiesFor } from '~/modules/auth/session.server'
import { NonceContext } from '~/lib/nonce'
import { PostHtmlContext } from '~/components/discussions/PostSlot'
import { postHtmlSource } from '~/modules/discussions/post-html.server'

const ABORT_DELAY = 5_000

function addPendingCookies(request: Request, headers: Headers) {
  for (const c of pendingCookiesFor(request)) headers.append('Set-Cookie', c)
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

/**
 * React 18.3's stream writer sends its whole 2 kB buffer when the next character (two bytes or more) does
 * not fit at its end, unfilled bytes included: Turkish pages came out with a NUL inside a word
 * ("yazdı\0ğından"). The rest of the text follows intact in the next buffer, and a page has no NUL of its
 * own (UTF-8 never uses the zero byte within a character, and text with NUL is refused at the door), so
 * dropping them restores the page. (renderToString would not do: single fetch streams its data through
 * Suspense.)
 */
export function withoutNul(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  if (html.indexOf(0) === -1) return html
  const out = Buffer.allocUnsafe(html.length)
  let n = 0
  for (let i = 0; i < html.length; i++) if (html[i] !== 0) out[n++] = html[i]
  return out.subarray(0, n)
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
  return new Promise((resolve, reject) => {
    let allReady = false
    // The whole page, then one write: no route streams (no defer, no Suspense), and React's many small
    // chunks each cost a gzip call and a socket write of their own — a fifth of the CPU of a page.
    const chunks: Buffer[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        done()
      },
      final(done) {
        // The posts this page had to render are kept for the next reader, after this one has the page.
        posts.keepMissing()
        const html = withoutNul(Buffer.concat(chunks))
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        responseHeaders.set('Content-Length', String(html.length))
        clearTimeout(timer)
        resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }))
        done()
      },
    })
    let timer: NodeJS.Timeout | undefined
    const posts = postHtmlSource()
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <PostHtmlContext.Provider value={posts}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </PostHtmlContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          allReady = true
          pipe(sink)
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (allReady) console.error(error)
        },
      },
    )
    // Cleared once the page is written: a pending timer would keep the request's whole context alive.
    timer = setTimeout(abort, ABORT_DELAY)
  })
}
