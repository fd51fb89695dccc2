/** How routes turn the discussion domain's refusals into responses: a form error, a 403/404 page or a sign-in. */
import { redirect } from '@remix-run/node'
import { formValues, formError, invalid } from '~/lib/forms.server'
import { ForbiddenError, type Actor } from '~/lib/policy'
import { refusedResponse } from '~/modules/spaces/refusal.server'
import { DiscussionError, DiscussionInputError, RulesFirstError } from './errors'

export function discussionErrorResponse(e: unknown, formData: FormData) {
  if (e instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
  if (e instanceof DiscussionInputError) return invalid({ errors: e.errors, values: formValues(formData) })
  if (e instanceof DiscussionError) {
    if (e.status === 404) throw new Response('Not Found', { status: 404 })
    // Too busy to write right now: the form comes back with its text and the browser is told when to retry.
    if (e.status === 503) {
      const failure = formError(formData, e.key, e.field, e.vars, 503)
      failure.init = { ...failure.init, headers: { 'Retry-After': String(e.vars?.seconds ?? 5) } }
      return failure
    }
    return formError(formData, e.key, e.field, e.vars, e.status >= 400 && e.status < 500 ? e.status : 400)
  }
  throw e
}

/**
 * For loaders: an unreadable thread sends a signed-out reader to sign in; anyone else gets a 404, or a
 * 403 that says why and whom to ask (spaces/refusal.server.ts). Async for that one case: `return await`.
 */
export async function discussionLoaderError(e: unknown, actor: Actor | null, request: Request): Promise<never> {
  if (e instanceof RulesFirstError) throw redirect(rulesFirstHref(e.spaceSlug, request))
  if (e instanceof ForbiddenError) {
    if (!actor) {
      const url = new URL(request.url)
      throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`)
    }
    throw await refusedResponse(actor, e.space?.slug, { threadHidden: e.space?.threadHidden })
  }
  if (e instanceof DiscussionError && e.status === 404) throw new Response('Not Found', { status: 404 })
  throw e
}

/** The space's rules, then back to where the reader was going. */
export function rulesFirstHref(spaceSlug: string, request: Request) {
  const url = new URL(request.url)
  return `/spaces/${spaceSlug}?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}#rules`
}

/** `?name=` as a positive integer, or null. */
export function intParam(url: URL, name: string) {
  const raw = url.searchParams.get(name)
  if (raw === null) return null
  const n = Number(raw)
  return Number.isInteger(n) && n >= 1 && n <= 10_000_000 ? n : null
}
