/**
 * Where a leaving page reports how far its reader got (`navigator.sendBeacon`): the mark joins the batch
 * of read positions. Nothing to show, so always 204; a reader the policy does not let read the thread
 * marks nothing.
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { can } from '~/lib/policy'
import { getAuth } from '~/modules/auth/session.server'
import { markRead } from '~/modules/discussions/read-marks.server'
import { threadTargetById } from '~/modules/spaces/access.server'

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await getAuth(request)
  const number = Number((await request.formData()).get('number'))
  if (auth.actor && Number.isSafeInteger(number) && number > 0) {
    const found = await threadTargetById(auth.actor, params.id ?? '')
    if (found && can(auth.actor, 'thread.view', found.target)) markRead(auth.actor.id, found.thread.id, number)
  }
  return new Response(null, { status: 204 })
}

export const loader = () => new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } })
