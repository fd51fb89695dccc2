/**
 * Any address no other route matches. Without this route Remix answers such a 404 without running the
 * root loader: the error page then had no reader, no language and no header state. Thrown here, the
 * 404 is rendered by the root ErrorBoundary like every other error, in the reader's language.
 */
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: [] }

export function loader() {
  throw new Response('Not Found', { status: 404 })
}

export default function NotFound() {
  return null
}
