/** How routes turn the domain's refusals into responses: a form error, a 403 page or a 404 page. */
import { formError } from '~/lib/forms.server'
import { ForbiddenError } from '~/lib/policy'
import { OrgError } from './errors'

export function orgErrorResponse(e: unknown, formData: FormData) {
  if (e instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
  if (e instanceof OrgError) {
    if (e.status === 404) throw new Response('Not Found', { status: 404 })
    return formError(formData, e.key, e.field, undefined, e.status >= 400 && e.status < 500 ? e.status : 400)
  }
  throw e
}
