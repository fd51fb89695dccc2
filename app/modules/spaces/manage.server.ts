/**
 * Creating, editing and archiving spaces (platform moderators and admins). Every change is audited in
 * the same transaction, with the space's id so its moderators can read their part of the log.
 */
import { publish } from '~/modules/events/bus.server'
import { Prisma } from '~/generated/prisma/client'
import { db, type Tx } from '~/lib/db.server'
import { assertCan, type Actor } from '~/lib/policy'
import { writeAudit } from '~/modules/audit/write.server'
import { baseSlug, firstFreeSlug } from '~/modules/orgs/slug'
import { themeIds } from '~/modules/orgs/themes.server'
import { SPACE_ACCESS_SELECT, spaceTarget } from './access.server'
import { SpaceError } from './errors'
import type { SpaceInput } from './form'

const isSlugClash = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002' && JSON.stringify(e.meta ?? {}).includes('slug')

function columns(input: SpaceInput) {
  return {
    nameTr: input.nameTr,
    nameEn: input.nameEn,
    descriptionTr: input.descriptionTr ?? '',
    descriptionEn: input.descriptionEn ?? '',
    icon: input.icon,
    color: input.color,
    visibility: input.visibility,
    position: input.position,
    safeSpace: input.safeSpace,
    approveNewPosts: input.approveNewPosts,
    allowAnonymous: input.allowAnonymous,
    rulesTr: input.rulesTr ?? '',
    rulesEn: input.rulesEn ?? '',
  }
}

async function freeSlug(tx: Tx, base: string) {
  const taken = await tx.space.findMany({ where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] }, select: { slug: true } })
  return firstFreeSlug(
    base,
    taken.map((t) => t.slug),
  )
}

async function loadForChange(actor: Actor, spaceId: string, tx: Tx) {
  const space = await tx.space.findUnique({ where: { id: spaceId }, select: { ...SPACE_ACCESS_SELECT, slug: true } })
  if (!space) throw new SpaceError('spaces.errors.notFound', '_form', 404)
  assertCan(actor, 'space.edit', await spaceTarget(actor, space, tx))
  return space
}

/** A new space. Without a slug one is made from the English name (the next free one); a chosen slug that is taken is an error. */
export async function createSpace(actor: Actor, input: SpaceInput): Promise<{ id: string; slug: string }> {
  assertCan(actor, 'space.create', null)
  try {
    return await db.$transaction(async (tx) => {
      const themes = await themeIds(tx, input.themes)
      const slug = input.slug ?? (await freeSlug(tx, baseSlug(input.nameEn)))
      if (input.slug && (await tx.space.findUnique({ where: { slug }, select: { id: true } })))
        throw new SpaceError('spaces.form.errors.slugTaken', 'slug')
      const space = await tx.space.create({
        data: { ...columns(input), slug, createdById: actor.id, themes: { create: themes.map((themeId) => ({ themeId })) } },
        select: { id: true, slug: true },
      })
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'space.create',
        targetType: 'space',
        targetId: space.id,
        spaceId: space.id,
        data: { slug, visibility: input.visibility, safeSpace: input.safeSpace },
      })
      return space
    })
  } catch (e) {
    // Someone took the same slug between our look-up and our insert.
    if (isSlugClash(e)) throw new SpaceError('spaces.form.errors.slugTaken', 'slug')
    throw e
  }
}

/** Saves the form over the space; the audit entry names the fields that changed (nothing changed: nothing written). */
export async function updateSpace(actor: Actor, spaceId: string, input: SpaceInput): Promise<{ slug: string }> {
  try {
    const result = await db.$transaction(async (tx) => {
      await loadForChange(actor, spaceId, tx)
      const before = await tx.space.findUniqueOrThrow({
        where: { id: spaceId },
        include: { themes: { select: { themeId: true } } },
      })
      const themes = await themeIds(tx, input.themes)
      const slug = input.slug ?? before.slug
      if (slug !== before.slug && (await tx.space.findUnique({ where: { slug }, select: { id: true } })))
        throw new SpaceError('spaces.form.errors.slugTaken', 'slug')
      const next = columns(input)
      const old = before as unknown as Record<string, unknown>
      const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== old[k])
      if (slug !== before.slug) changed.push('slug')
      const had = new Set(before.themes.map((t) => t.themeId))
      const themesChanged = themes.length !== had.size || themes.some((id) => !had.has(id))
      if (themesChanged) changed.push('themes')
      if (!changed.length) return { slug }
      await tx.space.update({
        where: { id: spaceId },
        data: {
          ...next,
          slug,
          ...(themesChanged ? { themes: { deleteMany: {}, create: themes.map((themeId) => ({ themeId })) } } : {}),
        },
      })
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'space.update',
        targetType: 'space',
        targetId: spaceId,
        spaceId,
        data: { changed, ...(slug !== before.slug ? { fromSlug: before.slug, toSlug: slug } : {}) },
      })
      return { slug, accessChanged: changed.includes('visibility') || changed.includes('safeSpace') }
    })
    // A space made private or safe: open connections that may no longer read it leave its rooms.
    if ('accessChanged' in result && result.accessChanged) publish('access.changed', { spaceId })
    return { slug: result.slug }
  } catch (e) {
    if (isSlugClash(e)) throw new SpaceError('spaces.form.errors.slugTaken', 'slug')
    throw e
  }
}

/** Archived spaces stay readable but take no new threads, replies or members; unarchiving reopens them. */
export async function setArchived(actor: Actor, spaceId: string, archived: boolean) {
  await db.$transaction(async (tx) => {
    const space = await loadForChange(actor, spaceId, tx)
    if (!!space.archivedAt === archived) return
    await tx.space.update({ where: { id: spaceId }, data: { archivedAt: archived ? new Date() : null } })
    await writeAudit(tx, {
      actorId: actor.id,
      action: archived ? 'space.archive' : 'space.unarchive',
      targetType: 'space',
      targetId: spaceId,
      spaceId,
    })
  })
}
