/**
 * Stored images (organization logos, people's avatars): PNG, JPEG or WebP up to 2 MB, recognised by their
 * first bytes (never by the file name or the Content-Type the browser claims), stored under a random name
 * in <uploads>/<folder>/, and served with the same headers whoever asks.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { env } from '~/lib/env.server'

/** Logos and avatars alike: at most 2 MB. */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024

export const IMAGE_KINDS = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
} as const
export type ImageExt = keyof typeof IMAGE_KINDS

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)

/** The image format the bytes really are, or null. */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg'
  // RIFF····WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'
  return null
}

/** Only names this module made are ever turned into a path, so a stored value can never escape the folder. */
const STORED_NAME = /^[a-f0-9]{32}\.(png|jpg|webp)$/

/**
 * Stored images live in one folder per use: organization logos, and people's avatars (people/avatar.server.ts),
 * which are checked, named, stored and served by these same functions.
 */
export type ImageFolder = 'logos' | 'avatars'

export function imageDir(folder: ImageFolder) {
  const e = env()
  return path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'uploads'), folder)
}

function imageFile(folder: ImageFolder, name: string) {
  if (!STORED_NAME.test(name)) throw new Error(`not a stored image name: ${name}`)
  return path.join(imageDir(folder), name)
}

export type ImageProblem = 'tooLarge' | 'empty' | 'type'

/** Checks an uploaded image and returns its bytes and format; `fail` makes the error for a problem. */
export async function readImageUpload(file: File, fail: (problem: ImageProblem) => Error): Promise<{ bytes: Uint8Array; ext: ImageExt }> {
  if (file.size > IMAGE_MAX_BYTES) throw fail('tooLarge')
  if (file.size === 0) throw fail('empty')
  const bytes = new Uint8Array(await file.arrayBuffer())
  const ext = sniffImage(bytes)
  if (!ext) throw fail('type')
  return { bytes, ext }
}

export async function storeImageFile(folder: ImageFolder, bytes: Uint8Array, ext: ImageExt): Promise<string> {
  const name = `${randomBytes(16).toString('hex')}.${ext}`
  await mkdir(imageDir(folder), { recursive: true })
  await writeFile(imageFile(folder, name), bytes, { flag: 'wx', mode: 0o640 })
  return name
}

export async function deleteImageFile(folder: ImageFolder, name: string | null | undefined) {
  if (!name || !STORED_NAME.test(name)) return
  await rm(imageFile(folder, name), { force: true }).catch((e) => console.error(`could not delete ${folder} file`, name, e))
}

export async function readImageFile(
  folder: ImageFolder,
  name: string,
): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string } | null> {
  const m = STORED_NAME.exec(name)
  if (!m) return null
  try {
    return { body: new Uint8Array(await readFile(imageFile(folder, name))), contentType: IMAGE_KINDS[m[1] as ImageExt] }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

/**
 * The answer to a request for a stored image, for the logo and avatar routes alike: immutable when asked
 * for by its version (`?v=`, the file name's start, which changes with every upload), out of shared caches
 * when the image is not public.
 */
export async function storedImageResponse(request: Request, folder: ImageFolder, name: string | null, isPublic: boolean) {
  const file = name ? await readImageFile(folder, name) : null
  if (!name || !file) return new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const etag = `"${name}"`
  const versioned = new URL(request.url).searchParams.get('v') === name.slice(0, 12)
  const cacheControl = !isPublic ? 'private, no-cache' : versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
  // X-Content-Type-Options: nosniff comes with every response from the server (server/http.ts);
  // repeating it here would send it twice.
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': 'inline',
    'Cache-Control': cacheControl,
    ETag: etag,
    // Even if a crafted file slipped through, it could never run as a page.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  return new Response(file.body, { headers: { ...headers, 'Content-Length': String(file.body.byteLength) } })
}
