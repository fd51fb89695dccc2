import type { LoaderFunctionArgs } from '@remix-run/node'
import { readPostImage } from '~/modules/content/uploads.server'

/**
 * Serves a post image. Its random name never changes its bytes, so it is cached for good; whoever has
 * the address may load it, as with any image embedded in a page they could read.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.file ?? ''
  const file = await readPostImage(name)
  if (!file) return new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const etag = `"${name}"`
  // X-Content-Type-Options: nosniff comes with every response (server/http.ts).
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': 'inline',
    // Private: an image may belong to a safe space, so shared caches (proxies) keep no copy.
    'Cache-Control': 'private, max-age=31536000, immutable',
    ETag: etag,
    // Even if a crafted file slipped through, it could never run as a page.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  return new Response(file.body, { headers: { ...headers, 'Content-Length': String(file.body.byteLength) } })
}
