/**
 * Images in posts: PNG, JPEG, WebP or GIF up to 4 MB, recognised by their first bytes (the same
 * sniffing as organization logos), stored under a random name in <uploads>/posts/ and served from
 * /uploads/posts/<name>. An image has the visibility of the posts that show it: until one does, only its
 * uploader may load it; after that, whoever may read one of those posts (the policy's post scope).
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { env } from '~/lib/env.server'
import { db, type Tx } from '~/lib/db.server'
import { can, visiblePosts, type Actor } from '~/lib/policy'
import { sniffImage } from '~/modules/orgs/logo.server'
import { hit, type Limit } from '~/modules/rate-limit/rate-limit.server'
import { POST_IMAGE_MAX_BYTES, POST_IMAGE_NAME, postImageUrl, type PostImageExt } from './shared'

export const UPLOAD_LIMITS = {
  /** a long post with screenshots fits; a script filling the disk does not */
  imagesPerUser: { limit: 40, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>

export const POST_IMAGE_TYPES: Record<PostImageExt, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
}

/** A refusal with its translation key and HTTP status. */
export class UploadError extends Error {
  constructor(
    public key: string,
    public status = 400,
    public retryAfterSeconds?: number,
  ) {
    super(key)
    this.name = 'UploadError'
  }
}

const isGif = (b: Uint8Array) => b.length >= 6 && String.fromCharCode(...b.subarray(0, 6)).match(/^GIF8[79]a$/) !== null

/** The post-image format the bytes really are, or null. */
export function sniffPostImage(bytes: Uint8Array): PostImageExt | null {
  return sniffImage(bytes) ?? (isGif(bytes) ? 'gif' : null)
}

/** Signed out is a 401 (sign in first); otherwise the policy's `content.upload` decides. */
export function assertMayUpload(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new UploadError('content.upload.errors.signedOut', 401)
  if (!can(actor, 'content.upload', null)) throw new UploadError('content.upload.errors.forbidden', 403)
}

export function postImageDir() {
  const e = env()
  return path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'uploads'), 'posts')
}

/** Checks, counts against the person's limit and stores one image; returns its address. */
export async function storePostImage(actor: Actor | null, file: File | null): Promise<{ name: string; url: string }> {
  assertMayUpload(actor)
  if (!file || file.size === 0) throw new UploadError('content.upload.errors.empty')
  if (file.size > POST_IMAGE_MAX_BYTES) throw new UploadError('content.upload.errors.tooLarge', 413)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const ext = sniffPostImage(bytes)
  if (!ext) throw new UploadError('content.upload.errors.type', 415)
  const limit = await hit(`upload:image:user:${actor.id}`, UPLOAD_LIMITS.imagesPerUser)
  if (!limit.allowed) throw new UploadError('content.upload.errors.rateLimited', 429, limit.retryAfterSeconds)
  const name = `${randomBytes(16).toString('hex')}.${ext}`
  await mkdir(postImageDir(), { recursive: true })
  await writeFile(path.join(postImageDir(), name), bytes, { flag: 'wx', mode: 0o640 })
  await db.postImage.create({ data: { name, uploaderId: actor.id } })
  return { name, url: postImageUrl(name) }
}

const IMAGE_REF = /\/uploads\/posts\/([a-f0-9]{32}\.(?:png|jpg|webp|gif))/g

/** Records which uploaded images a post's text shows; called with every write of that text. */
export async function syncPostImages(tx: Tx, postId: string, body: string) {
  const names = [...new Set(Array.from(body.matchAll(IMAGE_REF), (m) => m[1]))]
  await tx.postImageUse.deleteMany({ where: { postId, ...(names.length ? { name: { notIn: names } } : {}) } })
  if (!names.length) return
  // An address for a file never uploaded here has no row, and nothing to record.
  const known = await tx.postImage.findMany({ where: { name: { in: names } }, select: { name: true } })
  if (known.length) await tx.postImageUse.createMany({ data: known.map(({ name }) => ({ postId, name })), skipDuplicates: true })
}

/**
 * Whether `actor` may load this image, and how it may be cached: `shared` when a live post anyone may
 * read shows it, `private` when only some people may see it; null answers like a missing file.
 */
export async function imageAccess(actor: Actor | null, name: string): Promise<'shared' | 'private' | null> {
  const image = await db.postImage.findUnique({ where: { name }, select: { uploaderId: true } })
  if (!image) return null
  const shownIn = (who: Actor | null) =>
    db.post.findFirst({ where: { AND: [visiblePosts(who), { deletedAt: null, images: { some: { name } } }] }, select: { id: true } })
  if (await shownIn(null)) return 'shared'
  if (actor && !actor.suspended && (image.uploaderId === actor.id || (await shownIn(actor)))) return 'private'
  return null
}

export async function readPostImage(name: string): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string } | null> {
  // Only names this module made are ever turned into a path, so a request can never leave the folder.
  const m = POST_IMAGE_NAME.exec(name)
  if (!m) return null
  try {
    return { body: new Uint8Array(await readFile(path.join(postImageDir(), name))), contentType: POST_IMAGE_TYPES[m[1] as PostImageExt] }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}
