/**
 * Who may read a private space (invited organizations and people) and who moderates a space. People are
 * found and shown by name and handle only: never an e-mail address or an IP, not even to moderators.
 * Every change is audited with the space's id.
 */
import { publish } from '~/modules/events/bus.server'
import { Prisma } from '~/generated/prisma/client'
import { db, type Tx } from '~/lib/db.server'
import { assertCan, type Action, type Actor } from '~/lib/policy'
import { writeAudit } from '~/modules/audit/write.server'
import { normalizeQuery } from '~/modules/orgs/search.server'
import { SPACE_ACCESS_SELECT, spaceTarget } from './access.server'
import { SpaceError } from './errors'

export interface PersonRef {
  id: string
  name: string
  handle: string | null
}
export interface OrgRef {
  id: string
  slug: string
  name: string
}

const personSelect = { id: true, name: true, handle: true } as const
const orgSelect = { id: true, slug: true, name: true } as const
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

async function authorize(tx: Tx, actor: Actor, spaceId: string, action: Extract<Action, 'space.invite' | 'space.appointModerator'>) {
  const space = await tx.space.findUnique({ where: { id: spaceId }, select: SPACE_ACCESS_SELECT })
  if (!space) throw new SpaceError('spaces.errors.notFound', '_form', 404)
  assertCan(actor, action, await spaceTarget(actor, space, tx))
  return space
}

/** The space's invitations and moderators, for the access page. */
export async function listAccess(spaceId: string) {
  const [invitations, moderators] = await Promise.all([
    db.spaceInvitation.findMany({
      where: { spaceId },
      select: { id: true, createdAt: true, org: { select: orgSelect }, user: { select: personSelect } },
      orderBy: { createdAt: 'asc' },
    }),
    db.spaceMember.findMany({
      where: { spaceId, role: 'MODERATOR' },
      select: { user: { select: personSelect } },
      orderBy: { joinedAt: 'asc' },
    }),
  ])
  return {
    orgs: invitations.flatMap((i) => (i.org ? [{ invitationId: i.id, org: i.org }] : [])),
    people: invitations.flatMap((i) => (i.user ? [{ invitationId: i.id, user: i.user }] : [])),
    moderators: moderators.map((m) => m.user),
  }
}

/** People whose name or handle contains the query (case- and accent-insensitively), suspended accounts left out. */
export async function searchPeople(query: string | null | undefined, limit = 10): Promise<PersonRef[]> {
  const q = normalizeQuery(query)
  if (!q || [...q].length < 2) return []
  const pattern = `%${escapeLike(q.replace(/^@/, ''))}%`
  return db.$queryRaw<PersonRef[]>`
    SELECT u."id", u."name", u."handle" FROM "User" u
    WHERE (u."suspendedUntil" IS NULL OR u."suspendedUntil" < now())
      AND (lower(immutable_unaccent(u."name")) LIKE lower(immutable_unaccent(${pattern}))
        OR lower(u."handle") LIKE lower(${pattern}))
    ORDER BY u."name", u."id" LIMIT ${limit}`
}

/** Approved organizations whose name contains the query. */
export async function searchOrgs(query: string | null | undefined, limit = 10): Promise<OrgRef[]> {
  const q = normalizeQuery(query)
  if (!q || [...q].length < 2) return []
  const pattern = `%${escapeLike(q)}%`
  return db.$queryRaw<OrgRef[]>`
    SELECT o."id", o."slug", o."name" FROM "Organization" o
    WHERE o."status" = 'APPROVED' AND lower(immutable_unaccent(o."name")) LIKE lower(immutable_unaccent(${pattern}))
    ORDER BY o."name", o."id" LIMIT ${limit}`
}

const isUniqueClash = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'

/** Invites an approved organization (its active members) or one person to a private space. Inviting twice changes nothing. */
export async function invite(actor: Actor, spaceId: string, who: { orgId: string } | { userId: string }) {
  try {
    await db.$transaction(async (tx) => {
      const space = await authorize(tx, actor, spaceId, 'space.invite')
      if (space.visibility !== 'PRIVATE') throw new SpaceError('spaces.access.errors.notPrivate')
      if ('orgId' in who) {
        const org = await tx.organization.findUnique({ where: { id: who.orgId }, select: { status: true } })
        if (!org || org.status !== 'APPROVED') throw new SpaceError('spaces.access.errors.unknownOrg', 'orgId')
      } else if (!(await tx.user.findUnique({ where: { id: who.userId }, select: { id: true } }))) {
        throw new SpaceError('spaces.access.errors.unknownPerson', 'userId')
      }
      const existing = await tx.spaceInvitation.findFirst({ where: { spaceId, ...who }, select: { id: true } })
      if (existing) return
      const inv = await tx.spaceInvitation.create({ data: { spaceId, ...who, invitedById: actor.id }, select: { id: true } })
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'orgId' in who ? 'space.inviteOrg' : 'space.invitePerson',
        targetType: 'space',
        targetId: spaceId,
        spaceId,
        data: { invitationId: inv.id, ...who },
      })
    })
  } catch (e) {
    // The same invitation submitted twice at once: the other one made it.
    if (!isUniqueClash(e)) throw e
  }
}

/** Ends an invitation. The invitees' posts stay where they are; they just cannot read the space any more. */
export async function removeInvitation(actor: Actor, spaceId: string, invitationId: string) {
  await db.$transaction(async (tx) => {
    await authorize(tx, actor, spaceId, 'space.invite')
    const inv = await tx.spaceInvitation.findFirst({
      where: { id: invitationId, spaceId },
      select: { id: true, orgId: true, userId: true },
    })
    if (!inv) return
    await tx.spaceInvitation.delete({ where: { id: inv.id } })
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'space.uninvite',
      targetType: 'space',
      targetId: spaceId,
      spaceId,
      data: { invitationId: inv.id, orgId: inv.orgId, userId: inv.userId },
    })
  })
  publish('access.changed', { spaceId })
}

/** Makes the person a moderator of this space (joining them to it when needed). */
export async function appointModerator(actor: Actor, spaceId: string, userId: string) {
  try {
    await db.$transaction(async (tx) => {
      await authorize(tx, actor, spaceId, 'space.appointModerator')
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } })
      if (!user) throw new SpaceError('spaces.access.errors.unknownPerson', 'userId')
      const key = { spaceId_userId: { spaceId, userId } }
      const row = await tx.spaceMember.findUnique({ where: key, select: { role: true } })
      if (row?.role === 'MODERATOR') return
      await tx.spaceMember.upsert({ where: key, create: { spaceId, userId, role: 'MODERATOR' }, update: { role: 'MODERATOR' } })
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'space.appointModerator',
        targetType: 'space',
        targetId: spaceId,
        spaceId,
        data: { userId },
      })
    })
  } catch (e) {
    if (!isUniqueClash(e)) throw e
  }
}

/** Takes the moderator role back; the person stays a member of the space. */
export async function removeModerator(actor: Actor, spaceId: string, userId: string) {
  await db.$transaction(async (tx) => {
    await authorize(tx, actor, spaceId, 'space.appointModerator')
    const { count } = await tx.spaceMember.updateMany({ where: { spaceId, userId, role: 'MODERATOR' }, data: { role: 'MEMBER' } })
    if (!count) return
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'space.removeModerator',
      targetType: 'space',
      targetId: spaceId,
      spaceId,
      data: { userId },
    })
  })
  publish('access.changed', { spaceId })
}
