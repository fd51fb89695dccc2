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
import { OrgError } from './errors'

/** The Express server refuses larger multipart bodies; this also bounds bodies sent without a length. */
const MAX_TOTAL_BYTES = 6 * 1024 * 1024

export interface MultipartResult {
  formData: FormData
  /** names of parts that passed maxPartSize */
  tooLarge: Set<string>
}

export const isMultipart = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')

export async function parseMultipart(request: Request, maxPartSize: number): Promise<MultipartResult> {
  const tooLarge = new Set<string>()
  const memory = unstable_createMemoryUploadHandler({ maxPartSize })
  let total = 0
  const handler: UploadHandler = async (part) => {
    const source = part.data[Symbol.asyncIterator]()
    const counted: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const r = await source.next()
          if (!r.done) {
            total += r.value.byteLength
            if (total > MAX_TOTAL_BYTES) throw new MaxPartSizeExceededError(part.name, MAX_TOTAL_BYTES)
          }
          return r
        },
        // The memory handler stops reading at its limit; the parser still needs the rest consumed.
        return: async () => ({ done: true, value: undefined }),
      }),
    }
    try {
      return await memory({ ...part, data: counted })
    } catch (e) {
      if (!(e instanceof MaxPartSizeExceededError) || total > MAX_TOTAL_BYTES) throw e
      tooLarge.add(part.name)
      for (let r = await source.next(); !r.done; r = await source.next()) {
        total += r.value.byteLength
        if (total > MAX_TOTAL_BYTES) throw e
      }
      return undefined
    }
  }
  try {
    return { formData: await unstable_parseMultipartFormData(request, handler), tooLarge }
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) throw new OrgError('orgs.logo.errors.tooLarge', 'logo', 413)
    throw e
  }
}
