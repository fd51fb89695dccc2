/**
 * Organization logos: stored images (content/stored-images.server.ts) in <uploads>/logos/, set and removed
 * by the organization's admins.
 */
import { db } from '~/lib/db.server'
import { assertCan, type Actor } from '~/lib/policy'
import { deleteImageFile, IMAGE_MAX_BYTES, readImageUpload, storeImageFile, type ImageExt } from '~/modules/content/stored-images.server'
import { OrgError } from './errors'

export { IMAGE_KINDS, sniffImage, type ImageExt } from '~/modules/content/stored-images.server'
export const LOGO_MAX_BYTES = IMAGE_MAX_BYTES

/** Checks an uploaded logo and returns its bytes and format, or a field error for 'logo'. */
export const readUpload = (file: File) => readImageUpload(file, (problem) => new OrgError(`orgs.logo.errors.${problem}`, 'logo'))
export const storeLogoFile = (bytes: Uint8Array, ext: ImageExt) => storeImageFile('logos', bytes, ext)
export const deleteLogoFile = (name: string | null | undefined) => deleteImageFile('logos', name)

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
