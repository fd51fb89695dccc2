import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { readLogoFile } from '~/modules/orgs/logo.server'
import { logoSource } from '~/modules/orgs/profile.server'

/** Serves an organization's logo to whoever may see the organization. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const source = await logoSource(params.slug ?? '', auth.actor)
  const file = source ? await readLogoFile(source.logoPath) : null
  if (!source || !file) return new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } })

  const etag = `"${source.logoPath}"`
  const versioned = new URL(request.url).searchParams.get('v') === source.logoPath.slice(0, 12)
  // A logo's file name changes with every upload, so the versioned address can be cached for good;
  // logos of organizations not (yet) public stay out of shared caches.
  const cacheControl = !source.public ? 'private, no-cache' : versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
  // X-Content-Type-Options: nosniff comes with every response from the server (server/http.ts);
  // repeating it here would send it twice.
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': 'inline',
    'Cache-Control': cacheControl,
    ETag: etag,
    // Even if a crafted file slipped through, it could never run as a page.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  return new Response(file.body, { headers: { ...headers, 'Content-Length': String(file.body.byteLength) } })
}
