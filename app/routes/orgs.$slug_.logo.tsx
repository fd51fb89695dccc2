import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { storedImageResponse } from '~/modules/content/stored-images.server'
import { logoSource } from '~/modules/orgs/profile.server'

/** Serves an organization's logo to whoever may see the organization (logos of organizations not yet public stay out of shared caches). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const source = await logoSource(params.slug ?? '', auth.actor)
  return storedImageResponse(request, 'logos', source?.logoPath ?? null, source?.public ?? false)
}
