/** A post's permalink: redirects to the page (and branch) that shows it, at `#post-<number>`. */
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { discussionLoaderError } from '~/modules/discussions/http.server'
import { locatePost } from '~/modules/discussions/thread-page.server'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['discussions', 'settings'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const number = Number(params.number)
  if (!Number.isInteger(number) || number < 1) throw new Response('Not Found', { status: 404 })
  const threadId = params.id ?? ''
  try {
    const { page, root } = await locatePost(auth.actor, threadId, number)
    const unreached = new URL(request.url).searchParams.get('unreached')
    const q = new URLSearchParams({
      ...(page > 1 ? { page: String(page) } : { page: '1' }),
      ...(root ? { root: String(root) } : {}),
      // After posting: the mentions that reach nobody, for the thread page to say so.
      ...(unreached ? { unreached } : {}),
    })
    return redirect(`/threads/${threadId}?${q}#post-${number}`)
  } catch (e) {
    return await discussionLoaderError(e, auth.actor, request)
  }
}

/**
 * Never rendered (the loader always redirects), but a page route rather than a resource route: a refusal
 * (404, 403) is then shown by the error boundary, in the site's shell and the reader's language.
 */
export default function PostPermalink() {
  return null
}
