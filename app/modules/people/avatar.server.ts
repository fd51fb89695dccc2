/**
 * People's avatars: checked, named, stored, served and removed by the same code as organization logos
 * (orgs/logo.server.ts), in their own folder. The old file goes once the database points at the new one.
 */
import { db } from '~/lib/db.server'
import { assertCan, type Actor } from '~/lib/policy'
import { deleteImageFile, readImageUpload, storeImageFile } from '~/modules/content/stored-images.server'
import { ProfileError } from './errors'

export { IMAGE_MAX_BYTES as AVATAR_MAX_BYTES } from '~/modules/content/stored-images.server'

export async function setAvatar(actor: Actor, file: File) {
  assertCan(actor, 'account.manage', null)
  const { bytes, ext } = await readImageUpload(file, (problem) => new ProfileError(`people.avatar.errors.${problem}`, 'avatar'))
  const name = await storeImageFile('avatars', bytes, ext)
  let previous: string | null
  try {
    previous = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ avatarPath: string | null }[]>`
        SELECT "avatarPath" FROM "User" WHERE "id" = ${actor.id} FOR UPDATE`
      await tx.user.update({ where: { id: actor.id }, data: { avatarPath: name } })
      return row?.avatarPath ?? null
    })
  } catch (e) {
    await deleteImageFile('avatars', name)
    throw e
  }
  await deleteImageFile('avatars', previous)
  return name
}

export async function removeAvatar(actor: Actor) {
  assertCan(actor, 'account.manage', null)
  const [row] = await db.$queryRaw<{ avatarPath: string | null }[]>`
    UPDATE "User" u SET "avatarPath" = NULL FROM (SELECT "avatarPath" FROM "User" WHERE "id" = ${actor.id} FOR UPDATE) old
     WHERE u."id" = ${actor.id} RETURNING old."avatarPath"`
  await deleteImageFile('avatars', row?.avatarPath)
}
