/**
 * Organization logos: PNG, JPEG or WebP up to 2 MB, recognised by their first bytes (never by the file
 * name or the Content-Type the browser claims), stored under a random name in <uploads>/logos/.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { db } from '~/lib/db.server'
import { env } from '~/lib/env.server'
import { assertCan, type Actor } from '~/lib/policy'
import { OrgError } from './errors'

export const LOGO_MAX_BYTES = 2 * 1024 * 1024

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

export function logoDir() {
  const e = env()
  return path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'uploads'), 'logos')
}

function logoFile(name: string) {
  if (!STORED_NAME.test(name)) throw new Error(`not a stored logo name: ${name}`)
  return path.join(logoDir(), name)
}

/** Checks an uploaded file and returns its bytes and format, or a field error for 'logo'. */
export async function readUpload(file: File): Promise<{ bytes: Uint8Array; ext: ImageExt }> {
  if (file.size > LOGO_MAX_BYTES) throw new OrgError('orgs.logo.errors.tooLarge', 'logo')
  if (file.size === 0) throw new OrgError('orgs.logo.errors.empty', 'logo')
  const bytes = new Uint8Array(await file.arrayBuffer())
  const ext = sniffImage(bytes)
  if (!ext) throw new OrgError('orgs.logo.errors.type', 'logo')
  return { bytes, ext }
}

export async function storeLogoFile(bytes: Uint8Array, ext: ImageExt): Promise<string> {
  const name = `${randomBytes(16).toString('hex')}.${ext}`
  await mkdir(logoDir(), { recursive: true })
  await writeFile(logoFile(name), bytes, { flag: 'wx', mode: 0o640 })
  return name
}

export async function deleteLogoFile(name: string | null | undefined) {
  if (!name || !STORED_NAME.test(name)) return
  await rm(logoFile(name), { force: true }).catch((e) => console.error('could not delete logo file', name, e))
}

export async function readLogoFile(name: string): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string } | null> {
  const m = STORED_NAME.exec(name)
  if (!m) return null
  try {
    return { body: new Uint8Array(await readFile(logoFile(name))), contentType: IMAGE_KINDS[m[1] as ImageExt] }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

async function loadOrg(orgId: string) {
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: { id: true, status: true, createdById: true, logoPath: true },
  })
  if (!org) throw new OrgError('orgs.errors.notFound', '_form', 404)
  return org
}

/** Replaces the organization's logo; the old file goes once the database points at the new one. */
export async function setLogo(actor: Actor, orgId: string, file: File) {
  const org = await loadOrg(orgId)
  assertCan(actor, 'org.edit', org)
  const { bytes, ext } = await readUpload(file)
  const name = await storeLogoFile(bytes, ext)
  let previous: string | null
  try {
    previous = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ logoPath: string | null }[]>`
        SELECT "logoPath" FROM "Organization" WHERE "id" = ${orgId} FOR UPDATE`
      await tx.organization.update({ where: { id: orgId }, data: { logoPath: name } })
      return row?.logoPath ?? null
    })
  } catch (e) {
    await deleteLogoFile(name)
    throw e
  }
  await deleteLogoFile(previous)
  return name
}

export async function removeLogo(actor: Actor, orgId: string) {
  const org = await loadOrg(orgId)
  assertCan(actor, 'org.edit', org)
  if (!org.logoPath) return
  await db.organization.update({ where: { id: orgId }, data: { logoPath: null } })
  await deleteLogoFile(org.logoPath)
}
