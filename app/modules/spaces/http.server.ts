/** How routes turn the spaces domain's refusals into responses: a form error, a 403 page or a 404 page. */
import { formError } from '~/lib/forms.server'
import { ForbiddenError } from '~/lib/policy'
import { OrgError } from '~/modules/orgs/errors'
import { SpaceError } from './errors'

export function spaceErrorResponse(e: unknown, formData: FormData) {
  if (e instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
  // OrgError comes from the shared theme look-up (an unknown theme is a field error).
  if (e instanceof SpaceError || e instanceof OrgError) {
    if (e.status === 404) throw new Response('Not Found', { status: 404 })
    return formError(formData, e.key, e.field, undefined, e.status >= 400 && e.status < 500 ? e.status : 400)
  }
  throw e
}
