/**
 * One translation dictionary (docs/decisions/016-per-route-locales.md): `/i18n/<version>/tr.common.js`
 * for a page's first load, `.json` for client-side navigation. The version changes with the
 * dictionaries, so the answer is cached for good.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { DICTIONARY_VERSION, dictionaryFile } from '~/lib/i18n.server'

export function loader({ params }: LoaderFunctionArgs) {
  const file = params.version === DICTIONARY_VERSION ? dictionaryFile(params.file ?? '') : null
  if (!file) return new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(file.body, {
    headers: { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' },
  })
}
