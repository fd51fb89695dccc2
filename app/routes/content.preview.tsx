import type { ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { getAuth } from '~/modules/auth/session.server'
import { jsonError, jsonOk } from '~/modules/content/http.server'
import { renderPost } from '~/modules/content/markdown.server'
import { PREVIEW_MAX_CHARS } from '~/modules/content/shared'
import { placeFrom, unreachableMentions } from '~/modules/discussions/mention-reach.server'

/**
 * POST /content/preview (form field `body`, optionally `thread` or `space`) → `{ html, unreachable }`:
 * exactly what the post will look like, mentions resolved, through the same sanitizer; with a place, the
 * @handles of mentioned people who cannot see it (they will not be told). Signed-in only, since it tells
 * which @names exist.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await getAuth(request)
  if (!actor) return jsonError(request, 'content.preview.errors.signedOut', 401)
  const form = await request.formData().catch(() => null)
  const body = form?.get('body')
  if (typeof body !== 'string') return jsonError(request, 'content.preview.errors.invalid', 400)
  if (body.length > PREVIEW_MAX_CHARS) return jsonError(request, 'content.preview.errors.tooLong', 413)
  const place = form ? placeFrom(form) : null
  const [{ html }, unreachable] = await Promise.all([renderPost(db, body), place ? unreachableMentions(actor, place, body) : []])
  return jsonOk({ html, unreachable })
}

export const loader = () => new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } })
