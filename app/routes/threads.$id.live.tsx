/**
 * A live reader's catch-up (reconnected after a drop or sleep): the posts changed since `after`, as this
 * reader's audience sees them, in one request. The policy decides as for the page itself.
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { discussionLoaderError } from '~/modules/discussions/http.server'
import { changesSince } from '~/modules/discussions/live.server'
import { liveAudience } from '~/modules/discussions/thread-page.server'

/** How far back a catch-up may reach: beyond it the page reloads instead. */
const MAX_AGE_MS = 24 * 60 * 60_000

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const after = new Date(new URL(request.url).searchParams.get('after') ?? '')
  if (Number.isNaN(after.getTime())) throw new Response('Bad Request', { status: 400 })
  let access: Awaited<ReturnType<typeof liveAudience>>
  try {
    access = await liveAudience(auth.actor, params.id ?? '')
  } catch (e) {
    return await discussionLoaderError(e, auth.actor, request)
  }
  const since = new Date(Math.max(after.getTime(), Date.now() - MAX_AGE_MS))
  const changes = await changesSince(access.threadId, since, access.audience, auth.actor?.id ?? null)
  return data(
    { ...changes, complete: changes.complete && since.getTime() === after.getTime() },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}
