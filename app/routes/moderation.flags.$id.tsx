/** Decisions on a name flag, posted from the moderation queue; answers with a redirect back to it. */
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { notFound, requireCan } from '~/lib/http.server'
import { z } from '~/lib/validation'
import { requireAuth } from '~/modules/auth/session.server'
import { decideNameFlag, NAME_FLAG_DECISIONS } from '~/modules/moderation/name-flags.server'

const decisionSchema = z.object({ intent: z.enum(NAME_FLAG_DECISIONS) })

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'moderation.queue', null)
  const parsed = decisionSchema.safeParse({ intent: (await request.formData()).get('intent') })
  if (!parsed.success) throw new Response('Bad Request', { status: 400 })
  const result = await decideNameFlag(actor, params.id ?? '', parsed.data.intent)
  if (result.ok) return redirect(`/moderation?done=flag.${parsed.data.intent}`)
  if (result.status === 409) return redirect('/moderation?done=flag.decided')
  throw result.status === 404 ? notFound() : new Response('Forbidden', { status: 403 })
}

export const loader = () => redirect('/moderation')
