import type { LoaderFunctionArgs } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { getAuth } from '~/modules/auth/session.server'
import { jsonError, jsonOk } from '~/modules/content/http.server'
import { resolveMentions, searchMentionables } from '~/modules/content/mentions.server'
import { cannotSee, placeFrom } from '~/modules/discussions/mention-reach.server'

/**
 * GET /mentions?q=[&thread=<id> | &space=<id>] → `{ results: [{ kind, handle, name, canSee? }] }` for the
 * composer's @-autocomplete. With a place, each person says whether they can see it (the policy decides;
 * only a yes or no, and only to someone who may read the place).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await getAuth(request)
  // Who is on the platform is for the signed-in community only.
  if (!actor) return jsonError(request, 'content.mentions.errors.signedOut', 401)
  if (actor.suspended) return jsonError(request, 'content.mentions.errors.forbidden', 403)
  const url = new URL(request.url)
  const results = await searchMentionables(actor, url.searchParams.get('q') ?? '')
  const place = placeFrom(url.searchParams)
  const people = results.filter((r) => r.kind === 'person')
  if (!place || !people.length) return jsonOk({ results })
  const { users } = await resolveMentions(
    db,
    people.map((p) => p.handle),
  )
  const blocked = await cannotSee(
    actor,
    place,
    users.map((u) => u.id),
  )
  const blockedHandles = new Set(users.filter((u) => blocked.has(u.id)).map((u) => u.handle))
  return jsonOk({ results: results.map((r) => (r.kind === 'person' ? { ...r, canSee: !blockedHandles.has(r.handle) } : r)) })
}
