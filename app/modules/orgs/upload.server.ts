/**
 * Reads a multipart form whose file part may be too large. Remix's memory upload handler throws when a
 * part passes its limit, which would abort the whole parse and lose the other fields; here the rest of
 * that part is drained instead, the part left out, and its name reported so the form can say
 * "the file is too large" while keeping what the user typed.
 */
import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type UploadHandler,
} from '@remix-run/node'

// The whole body's size is not counted here: the server reads every body once, capped at
// MAX_UPLOAD_BYTES for multipart, before a route sees it (server/body.ts).

export interface MultipartResult {
  formData: FormData
  /** names of parts that passed maxPartSize */
  tooLarge: Set<string>
}

export const isMultipart = (request: Request) => (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')

export async function parseMultipart(request: Request, maxPartSize: number): Promise<MultipartResult> {
  const tooLarge = new Set<string>()
  const memory = unstable_createMemoryUploadHandler({ maxPartSize })
  const handler: UploadHandler = async (part) => {
    const source = part.data[Symbol.asyncIterator]()
    const kept: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => source.next(),
        // The memory handler stops reading at its limit; the parser still needs the rest consumed.
        return: async () => ({ done: true, value: undefined }),
      }),
    }
    try {
      return await memory({ ...part, data: kept })
    } catch (e) {
      if (!(e instanceof MaxPartSizeExceededError)) throw e
      tooLarge.add(part.name)
      for (let r = await source.next(); !r.done; r = await source.next());
      return undefined
    }
  }
  return { formData: await unstable_parseMultipartFormData(request, handler), tooLarge }
}
