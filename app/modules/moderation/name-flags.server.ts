/**
 * Names that look like someone else's. Every display name's TR39 skeleton is stored with it
 * (User.nameSkeleton); when a new or changed name has the skeleton of another person's different name
 * ("Ernre Dernir" beside "Emre Demir", a Cyrillic "а" for a Latin one), a UserFlag asks the platform's
 * moderators to look. Nothing is refused: two real people may have names that look alike.
 *
 * Accounts made before skeletons existed are filled in lazily, a batch at a time, by the same check
 * (and by the demo seed), so no migration has to compute them.
 */
import { db, type Prisma, type Tx } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { nameSkeleton } from '~/lib/skeleton.server'
import { z } from '~/lib/validation'
import { writeAudit } from '~/modules/audit/write.server'
import { moderationScope } from './scope.server'

export const NAME_FLAG_DECISIONS = ['dismiss', 'resolve'] as const
export type NameFlagDecision = (typeof NAME_FLAG_DECISIONS)[number]

/** Open flags shown at once on the queue page; more wait for the next visit. */
export const NAME_FLAGS_SHOWN = 50
const BACKFILL_BATCH = 1000

/** What UserFlag.detail holds for a CONFUSABLE_NAME flag. */
const confusableDetail = z.object({ name: z.string(), similarUserId: z.string(), similarName: z.string() })
export type ConfusableDetail = z.infer<typeof confusableDetail>

/**
 * Gives up to `limit` people without a skeleton theirs; returns how many. Idempotent, and safe beside
 * another backfill: a lock makes a second one wait, then find nothing left to do.
 */
export async function backfillNameSkeletons(tx: Tx, limit = BACKFILL_BATCH): Promise<number> {
  if (!(await tx.user.findFirst({ where: { nameSkeleton: '' }, select: { id: true } }))) return 0
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('name-skeleton:backfill'))`
  const rows = await tx.user.findMany({
    where: { nameSkeleton: '' },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
    take: limit,
  })
  if (!rows.length) return 0
  const ids = rows.map((r) => r.id)
  const skeletons = rows.map((r) => nameSkeleton(r.name))
  // Raw, so updatedAt keeps meaning "the person changed something".
  await tx.$executeRaw`
    UPDATE "User" AS u SET "nameSkeleton" = v.skeleton
    FROM unnest(${ids}::text[], ${skeletons}::text[]) AS v(id, skeleton)
    WHERE u."id" = v.id AND u."nameSkeleton" = ''`
  return rows.length
}

/** Fills in every missing skeleton (the demo seed; a one-off after upgrading, if wanted). */
export async function backfillAllNameSkeletons(): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.$transaction((tx) => backfillNameSkeletons(tx))
    total += n
    if (n < BACKFILL_BATCH) return total
  }
}

/**
 * Call in the transaction that gives a person a new name (sign-up) or changes it: stores the name's
 * skeleton and, when another person's different name has the same one, opens a flag for moderators
 * (once per pair of names). Returns the flag it opened, if any.
 */
export async function recordDisplayName(tx: Tx, userId: string, name: string) {
  const skeleton = nameSkeleton(name)
  // Two lookalike names saved at the same moment would each miss the other: the second waits here.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`name-skeleton:${skeleton}`}))`
  await tx.user.update({ where: { id: userId }, data: { nameSkeleton: skeleton } })
  await backfillNameSkeletons(tx)
  // The earliest account with that look is the one most likely being imitated.
  const similar = await tx.user.findFirst({
    where: { nameSkeleton: skeleton, id: { not: userId }, name: { not: name } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true },
  })
  if (!similar) return null
  const open = await tx.userFlag.findMany({ where: { userId, kind: 'CONFUSABLE_NAME', status: 'OPEN' }, select: { detail: true } })
  const detail: ConfusableDetail = { name, similarUserId: similar.id, similarName: similar.name }
  const same = open.some((f) => {
    const d = confusableDetail.safeParse(f.detail)
    return d.success && d.data.name === name && d.data.similarUserId === similar.id
  })
  if (same) return null
  const flag = await tx.userFlag.create({ data: { userId, kind: 'CONFUSABLE_NAME', detail }, select: { id: true } })
  await writeAudit(tx, {
    actorId: null,
    action: 'userFlag.raise',
    targetType: 'user',
    targetId: userId,
    data: { flagId: flag.id, ...detail },
  })
  return flag
}

/**
 * Changes a person's own account fields; when the name is among them and differs from the stored one,
 * records it (skeleton, lookalike check) in the same transaction.
 */
export async function updateUserRecordingName(userId: string, data: Omit<Prisma.UserUpdateInput, 'name'> & { name?: string }) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })
    await tx.user.update({ where: { id: userId }, data })
    if (data.name !== undefined && data.name !== before.name) await recordDisplayName(tx, userId, data.name)
  })
}

/**
 * A name flag is about an account, not a space: like suspensions in the moderation log, it is for the
 * moderators whose queue covers every space (platform moderators and admins).
 */
export const seesNameFlags = (actor: Actor | null) => moderationScope(actor) === 'all'

const person = { select: { id: true, name: true, handle: true } } as const

/** The open flags, oldest first, with both people as they are named now; null for whoever may not see them. */
export async function loadNameFlags(actor: Actor) {
  if (!seesNameFlags(actor)) return null
  const where = { status: 'OPEN' as const, kind: 'CONFUSABLE_NAME' as const }
  const [total, rows] = await Promise.all([
    db.userFlag.count({ where }),
    db.userFlag.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: NAME_FLAGS_SHOWN,
      select: { id: true, detail: true, createdAt: true, user: person },
    }),
  ])
  const details = new Map(rows.map((r) => [r.id, confusableDetail.safeParse(r.detail).data]))
  const similarIds = [...new Set([...details.values()].flatMap((d) => (d ? [d.similarUserId] : [])))]
  const similar = new Map((await db.user.findMany({ where: { id: { in: similarIds } }, ...person })).map((u) => [u.id, u]))
  // Account pages are the admins'; moderators see the names and handles.
  const links = can(actor, 'user.list', null)
  const items = rows.map((r) => {
    const d = details.get(r.id)
    const other = d ? similar.get(d.similarUserId) : undefined
    return {
      id: r.id,
      createdAt: r.createdAt,
      user: { ...r.user, flaggedName: d?.name ?? r.user.name, href: links ? `/admin/users/${r.user.id}` : null },
      differs: d ? differingCharacters(d.name, d.similarName) : [],
      similar: d
        ? {
            id: d.similarUserId,
            name: other?.name ?? null,
            handle: other?.handle ?? null,
            flaggedName: d.similarName,
            href: links && other ? `/admin/users/${other.id}` : null,
          }
        : null,
    }
  })
  return { items, total }
}
/**
 * The characters of `name` that `other` lacks, with their code points: a Cyrillic "а" looks exactly like
 * a Latin one on the page, so the moderator is told which letters are not what they seem.
 */
export function differingCharacters(name: string, other: string) {
  const theirs = new Set(other.normalize('NFD'))
  const ours = [...new Set(name.normalize('NFD'))].filter((ch) => ch.trim() && !theirs.has(ch))
  // A combining mark is shown on a dotted circle, as character charts do, rather than on the space before it.
  return ours.map((ch) => `${/\p{M}/u.test(ch) ? `\u25CC${ch}` : ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
}

export type NameFlagItem = NonNullable<Awaited<ReturnType<typeof loadNameFlags>>>['items'][number]

export type NameFlagResult = { ok: true } | { ok: false; status: 403 | 404 | 409 }

/** Closes an open flag as dismissed (nothing wrong) or resolved (handled), recording who and when. */
export async function decideNameFlag(actor: Actor, flagId: string, decision: NameFlagDecision): Promise<NameFlagResult> {
  if (!seesNameFlags(actor)) return { ok: false, status: 403 }
  return db.$transaction(async (tx) => {
    const flag = await tx.userFlag.findUnique({ where: { id: flagId }, select: { id: true, userId: true, status: true, detail: true } })
    if (!flag) return { ok: false, status: 404 } as const
    const { count } = await tx.userFlag.updateMany({
      where: { id: flag.id, status: 'OPEN' },
      data: { status: decision === 'dismiss' ? 'DISMISSED' : 'RESOLVED', resolvedById: actor.id, resolvedAt: new Date() },
    })
    // Someone else decided first: theirs stands.
    if (!count) return { ok: false, status: 409 } as const
    const detail = confusableDetail.safeParse(flag.detail).data ?? {}
    await writeAudit(tx, {
      actorId: actor.id,
      action: `userFlag.${decision}`,
      targetType: 'user',
      targetId: flag.userId,
      data: { flagId: flag.id, ...detail },
    })
    return { ok: true } as const
  })
}
