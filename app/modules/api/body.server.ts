import { isJsonContentType, jsonTextProblem } from '~/lib/untrusted-text'
import { ApiError } from './errors.server'

/**
 * The JSON body of an API request. Its size is not checked here: the server reads every body once,
 * capped, before Remix sees the request (server/body.ts), and answers 413 in the API's error format.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get('content-type'))) throw new ApiError('unsupported_media_type')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await request.arrayBuffer())
  } catch {
    throw new ApiError('bad_request', { messageKey: 'errors.body.encoding' })
  }
  if (!text.trim()) throw new ApiError('bad_request', { messageKey: 'errors.body.empty' })
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    throw new ApiError('bad_request', { messageKey: 'errors.body.malformed' })
  }
  // The server's reader refuses these too; checked again so this function is safe wherever it is used.
  const problem = jsonTextProblem(value)
  if (problem) throw new ApiError('bad_request', { messageKey: problem === 'nul' ? 'errors.request.nul' : 'errors.request.surrogate' })
  return value
}
