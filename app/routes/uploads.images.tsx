import type { ActionFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/modules/auth/session.server'
import { jsonError, jsonOk, uploadErrorResponse } from '~/modules/content/http.server'
import { imageMarkdown, POST_IMAGE_MAX_BYTES } from '~/modules/content/shared'
import { assertMayUpload, storePostImage, UploadError } from '~/modules/content/uploads.server'
import { isMultipart, parseMultipart } from '~/modules/orgs/upload.server'

/**
 * POST /uploads/images (multipart: `image`, optional `alt`) → 201 `{ url, markdown }` to insert into a
 * post. Refusals are JSON `{ error: { key, message } }` and write nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await getAuth(request)
  try {
    // Refuse before reading megabytes from someone who may not upload anyway.
    assertMayUpload(actor)
    if (!isMultipart(request)) throw new UploadError('content.upload.errors.empty')
    // A body past the server's cap never gets here: the one body reader answered 413 (server/body.ts).
    const { formData, tooLarge } = await parseMultipart(request, POST_IMAGE_MAX_BYTES)
    if (tooLarge.has('image')) throw new UploadError('content.upload.errors.tooLarge', 413)
    const file = formData.get('image')
    const { url } = await storePostImage(actor, file instanceof File ? file : null)
    const alt = formData.get('alt')
    return jsonOk({ url, markdown: imageMarkdown(typeof alt === 'string' ? alt : '', url) }, 201)
  } catch (e) {
    return uploadErrorResponse(request, e)
  }
}

export const loader = ({ request }: { request: Request }) => jsonError(request, 'content.upload.errors.method', 405)
