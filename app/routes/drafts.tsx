/**
 * Drafts as a resource route: composers POST what is being typed (debounced, and on pagehide with
 * sendBeacon), so a reload or a crashed browser loses nothing. Signed-in people only; size-capped.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireAuth } from '~/modules/auth/session.server'
import { deleteDraft, getDraft, isDraftKey, saveDraft } from '~/modules/discussions/drafts.server'
import { DiscussionError } from '~/modules/discussions/errors'
import { BODY_MAX, TITLE_MAX } from '~/modules/discussions/form'

/** A little over the largest post, so a draft is never refused before the post itself would be. */
const MAX_REQUEST_BYTES = (BODY_MAX + TITLE_MAX * 2) * 4 + 2_000

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const key = new URL(request.url).searchParams.get('key')
  if (!isDraftKey(key)) return Response.json({ ok: false, error: 'discussions.errors.draftKey' }, { status: 400 })
  return Response.json({ ok: true, draft: await getDraft(user.id, key) })
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const length = Number(request.headers.get('content-length') ?? '0')
  if (length > MAX_REQUEST_BYTES) return Response.json({ ok: false, error: 'discussions.errors.draftTooLarge' }, { status: 413 })
  const form = await request.formData()
  const key = form.get('key')
  if (!isDraftKey(key)) return Response.json({ ok: false, error: 'discussions.errors.draftKey' }, { status: 400 })
  const str = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  try {
    if (form.get('intent') === 'delete') await deleteDraft(user.id, key)
    else await saveDraft(user.id, key, { title: str('title'), body: str('body') })
    return Response.json({ ok: true, savedAt: new Date().toISOString() })
  } catch (e) {
    if (e instanceof DiscussionError) return Response.json({ ok: false, error: e.key }, { status: e.status })
    throw e
  }
}
