import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { storedImageResponse } from '~/modules/content/stored-images.server'
import { avatarSource } from '~/modules/people/profile.server'

/** Serves a person's avatar to whoever may open their profile (members-only profiles' avatars stay out of shared caches). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const source = await avatarSource(params.handle ?? '', auth.actor)
  return storedImageResponse(request, 'avatars', source?.avatarPath ?? null, source?.public ?? false)
}
