/**
 * One space as a reader sees it, and a person's own relation to it: joining (listed under "my spaces"),
 * following (told about new threads), their mail setting for it, and accepting a safe space's rules.
 * The API calls these too: keep their names and shapes.
 */
import { Prisma } from '~/generated/prisma/client'
import { db, type Tx } from '~/lib/db.server'
import { assertCan, can, ForbiddenError, type Actor, type SpaceTarget } from '~/lib/policy'
import { SPACE_ACCESS_SELECT, spaceTarget } from './access.server'
import { SpaceError } from './errors'
import type { SpaceEmailSetting } from './form'

export const spaceDetailSelect = {
  ...SPACE_ACCESS_SELECT,
  slug: true,
  nameTr: true,
  nameEn: true,
  descriptionTr: true,
  descriptionEn: true,
  icon: true,
  color: true,
  rulesTr: true,
  rulesEn: true,
  approveNewPosts: true,
  allowAnonymous: true,
  position: true,
  threadCount: true,
  postCount: true,
  lastActivityAt: true,
  createdAt: true,
  themes: { select: { theme: { select: { slug: true, nameTr: true, nameEn: true, position: true } } } },
} satisfies Prisma.SpaceSelect

type DetailRow = Prisma.SpaceGetPayload<{ select: typeof spaceDetailSelect }>
export type SpaceDetail = Omit<DetailRow, 'themes'> & { themes: { slug: string; nameTr: string; nameEn: string }[] }

export interface SpaceMembership {
  role: 'MEMBER' | 'MODERATOR'
  following: boolean
  email: SpaceEmailSetting
  rulesAcceptedAt: Date | null
  joinedAt: Date
}

export function toDetail(row: DetailRow): SpaceDetail {
  return {
    ...row,
    themes: row.themes
      .map((t) => t.theme)
      .sort((a, b) => a.position - b.position)
      .map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
  }
}

const membershipSelect = { role: true, following: true, email: true, rulesAcceptedAt: true, joinedAt: true } as const

/**
 * Any space by its slug with the actor's policy target and their membership, or null. Whether the actor
 * may see it is the caller's question (`can(actor, 'space.view', target)`): a page redirects or answers
 * 403, the API answers 404.
 */
export async function getSpaceBySlug(
  actor: Actor | null,
  slug: string,
): Promise<{ space: SpaceDetail; target: SpaceTarget; membership: SpaceMembership | null } | null> {
  if (!slug || slug.length > 200) return null
  const row = await db.space.findUnique({ where: { slug }, select: spaceDetailSelect })
  if (!row) return null
  const [target, membership] = await Promise.all([
    spaceTarget(actor, row),
    actor
      ? db.spaceMember.findUnique({ where: { spaceId_userId: { spaceId: row.id, userId: actor.id } }, select: membershipSelect })
      : null,
  ])
  return { space: toDetail(row), target, membership }
}

async function loadTarget(actor: Actor, spaceId: string, tx: Tx) {
  const space = await tx.space.findUnique({ where: { id: spaceId }, select: SPACE_ACCESS_SELECT })
  if (!space) throw new SpaceError('spaces.errors.notFound', '_form', 404)
  const target = await spaceTarget(actor, space, tx)
  // Someone who cannot read the space learns nothing about it, not even that it exists.
  if (!can(actor, 'space.view', target)) throw new ForbiddenError('space.view')
  return target
}

/**
 * Changes the actor's own member row. A new row means joining, which the policy must allow (an open
 * space the person can write in); changing a row they already have (unfollowing, mail) always works,
 * also in an archived space.
 */
async function changeMember(
  actor: Actor,
  spaceId: string,
  change: (existing: SpaceMember | null) => Prisma.SpaceMemberUncheckedUpdateInput | null,
  retried = false,
): Promise<SpaceMembership> {
  try {
    return await changeMemberOnce(actor, spaceId, change)
  } catch (e) {
    // Two submits at once (a double click) both found no row: the second insert lost, so read again.
    if (!retried && e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      return changeMember(actor, spaceId, change, true)
    throw e
  }
}

function changeMemberOnce(
  actor: Actor,
  spaceId: string,
  change: (existing: SpaceMember | null) => Prisma.SpaceMemberUncheckedUpdateInput | null,
) {
  return db.$transaction(async (tx) => {
    const target = await loadTarget(actor, spaceId, tx)
    const key = { spaceId_userId: { spaceId, userId: actor.id } }
    const existing = await tx.spaceMember.findUnique({ where: key, select: membershipSelect })
    const data = change(existing)
    if (!existing) {
      assertCan(actor, 'space.join', target)
      return tx.spaceMember.create({
        data: { ...(data as Omit<Prisma.SpaceMemberUncheckedCreateInput, 'spaceId' | 'userId'>), spaceId, userId: actor.id },
        select: membershipSelect,
      })
    }
    if (!data) return existing
    return tx.spaceMember.update({ where: key, data, select: membershipSelect })
  })
}
type SpaceMember = SpaceMembership

/** Joins the space (following it, mail as the person's default). Joining twice changes nothing. */
export function joinSpace(actor: Actor, spaceId: string) {
  return changeMember(actor, spaceId, () => null)
}

/**
 * Leaves the space: no longer listed under "my spaces", followed or mailed (a safe space asks for its
 * rules again on return). Their posts stay. A space moderator is removed from that role by whoever
 * appointed them, not by leaving.
 */
export async function leaveSpace(actor: Actor, spaceId: string) {
  await db.$transaction(async (tx) => {
    await loadTarget(actor, spaceId, tx)
    const row = await tx.spaceMember.findUnique({ where: { spaceId_userId: { spaceId, userId: actor.id } }, select: { role: true } })
    if (!row) return
    if (row.role === 'MODERATOR') throw new SpaceError('spaces.errors.moderatorLeaves')
    await tx.spaceMember.delete({ where: { spaceId_userId: { spaceId, userId: actor.id } } })
  })
}

/** Follow = be told about new threads. Following a space one has not joined joins it. */
export function setFollowing(actor: Actor, spaceId: string, following: boolean) {
  return changeMember(actor, spaceId, (m) => (m?.following === following ? null : { following }))
}

/** How mail about this space reaches the person (DEFAULT: their own setting). */
export function setSpaceEmail(actor: Actor, spaceId: string, email: SpaceEmailSetting) {
  return changeMember(actor, spaceId, (m) => (m?.email === email ? null : { email }))
}

/**
 * "I accept these rules": stored once (the first acceptance's time stays); accepting joins the space. In a
 * safe space it is the way in, so it is allowed to whoever `space.acceptRules` names, not only to readers.
 */
export async function acceptRules(actor: Actor, spaceId: string): Promise<Date> {
  return db.$transaction(async (tx) => {
    const space = await tx.space.findUnique({ where: { id: spaceId }, select: SPACE_ACCESS_SELECT })
    if (!space) throw new SpaceError('spaces.errors.notFound', '_form', 404)
    const target = await spaceTarget(actor, space, tx)
    if (!can(actor, 'space.acceptRules', target)) {
      if (!can(actor, 'space.view', target)) throw new ForbiddenError('space.acceptRules')
      if (!can(actor, 'space.join', target)) throw new ForbiddenError('space.join')
    }
    const key = { spaceId_userId: { spaceId, userId: actor.id } }
    const now = new Date()
    const row = await tx.spaceMember.upsert({
      where: key,
      create: { spaceId, userId: actor.id, rulesAcceptedAt: now },
      update: {},
      select: { rulesAcceptedAt: true },
    })
    if (row.rulesAcceptedAt) return row.rulesAcceptedAt
    await tx.spaceMember.update({ where: key, data: { rulesAcceptedAt: now } })
    return now
  })
}

/** Whether the person has accepted the space's rules (only safe spaces ask for it: see mustAcceptRules). */
export async function hasAcceptedRules(userId: string, spaceId: string, client: Tx = db): Promise<boolean> {
  const row = await client.spaceMember.findUnique({ where: { spaceId_userId: { spaceId, userId } }, select: { rulesAcceptedAt: true } })
  return !!row?.rulesAcceptedAt
}

/** True when this person must accept the rules before posting: a safe space whose rules they have not accepted. */
export async function mustAcceptRules(userId: string, space: { id: string; safeSpace: boolean }, client: Tx = db) {
  return space.safeSpace && !(await hasAcceptedRules(userId, space.id, client))
}
