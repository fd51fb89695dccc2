import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { imageAccess, readPostImage } from '~/modules/content/uploads.server'

const notFound = () => new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } })

/**
 * Serves a post image to whoever may read a post that shows it (or its uploader, before it is posted);
 * anyone else gets the same 404 as for a missing file. Its random name never changes its bytes, so an
 * image of an open space is cached for good; one of a safe, members-only or private space never is.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.file ?? ''
  const { actor } = await getAuth(request)
  const access = await imageAccess(actor, name)
  const file = access && (await readPostImage(name))
  if (!file) return notFound()
  const etag = `"${name}"`
  // X-Content-Type-Options: nosniff comes with every response (server/http.ts).
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': 'inline',
    // Never in shared caches (proxies); not even in the browser's when only some people may see it.
    'Cache-Control': access === 'shared' ? 'private, max-age=31536000, immutable' : 'private, no-store',
    ETag: etag,
    // Even if a crafted file slipped through, it could never run as a page.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  return new Response(file.body, { headers: { ...headers, 'Content-Length': String(file.body.byteLength) } })
}
