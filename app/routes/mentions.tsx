import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { jsonError, jsonOk } from '~/modules/content/http.server'
import { searchMentionables } from '~/modules/content/mentions.server'

/** GET /mentions?q= → `{ results: [{ kind, handle, name }] }` for the composer's @-autocomplete. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await getAuth(request)
  // Who is on the platform is for the signed-in community only.
  if (!actor) return jsonError(request, 'content.mentions.errors.signedOut', 401)
  if (actor.suspended) return jsonError(request, 'content.mentions.errors.forbidden', 403)
  const q = new URL(request.url).searchParams.get('q') ?? ''
  return jsonOk({ results: await searchMentionables(actor, q) })
}
