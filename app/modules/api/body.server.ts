import { ApiError } from './errors.server'

/** The most a JSON body may hold. Express refuses larger declared lengths; this also counts chunked bodies. */
export const MAX_JSON_BYTES = 1024 * 1024

export function isJsonContentType(header: string | null) {
  const type = (header ?? '').split(';')[0].trim().toLowerCase()
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)
}

/**
 * Reads a JSON body without ever holding more than the cap: the stream is counted as it arrives, so a
 * body sent without Content-Length (chunked) cannot exhaust memory either.
 */
export async function readJsonBody(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get('content-type'))) throw new ApiError('unsupported_media_type')
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) throw new ApiError('payload_too_large')
  if (!request.body) throw new ApiError('bad_request', { messageKey: 'errors.body.empty' })
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    // Stop reading, answer 413 and close the connection after it: the client still receives the answer,
    // and the rest of an endless body is never read.
    if (size > limit) {
      reader.releaseLock()
      throw new ApiError('payload_too_large', { headers: { Connection: 'close' } })
    }
    chunks.push(value)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw new ApiError('bad_request', { messageKey: 'errors.body.encoding' })
  }
  if (!text.trim()) throw new ApiError('bad_request', { messageKey: 'errors.body.empty' })
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ApiError('bad_request', { messageKey: 'errors.body.malformed' })
  }
}
