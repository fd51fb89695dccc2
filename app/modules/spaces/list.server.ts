/**
 * The space list: the spaces a person may read, ordered by position then name in their language, a
 * page at a time. There are tens of spaces, not thousands, so the readable ones are chosen and sorted
 * here with one query for the invitations, and the cursor names the last one shown (position, name, id):
 * a page never repeats or skips a space, even when one is added or archived between two pages.
 */
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { compareText, DEFAULT_LOCALE, type Locale } from '~/lib/i18n'
import { listedSpaces, type Actor } from '~/lib/policy'
import { decodeCursor, encodeCursor } from './cursor.server'
import { spaceDetailSelect, toDetail, type SpaceDetail, type SpaceMembership } from './space.server'

export const SPACE_PAGE_SIZE = 20

export interface SpaceListItem extends Omit<SpaceDetail, 'rulesTr' | 'rulesEn'> {
  membership: Pick<SpaceMembership, 'role' | 'following' | 'email'> | null
  /** threads with posts this person has not read; null when signed out */
  unread: number | null
}

export interface ListSpacesOptions {
  cursor?: string | null
  /** only the spaces the person joined */
  mine?: boolean
  /** the archived spaces instead of the open ones */
  archived?: boolean
  locale?: Locale
  limit?: number
}

type Key = [number, string, string]

export async function listSpaces(
  actor: Actor | null,
  options: ListSpacesOptions = {},
): Promise<{ items: SpaceListItem[]; nextCursor: string | null }> {
  const locale = options.locale ?? DEFAULT_LOCALE
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? SPACE_PAGE_SIZE)), 100)
  if (options.mine && !actor) return { items: [], nextCursor: null }
  const rows = await db.space.findMany({
    where: {
      AND: [listedSpaces(actor), { archivedAt: options.archived ? { not: null } : null }],
      ...(options.mine && actor ? { members: { some: { userId: actor.id } } } : {}),
    },
    select: { id: true, position: true, nameTr: true, nameEn: true },
  })
  const byName = compareText(locale)
  const key = (r: (typeof rows)[number]): Key => [r.position, locale === 'tr' ? r.nameTr : r.nameEn, r.id]
  const compare = (a: Key, b: Key) => a[0] - b[0] || byName(a[1], b[1]) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)
  const readable = rows.map((r) => ({ id: r.id, key: key(r) })).sort((a, b) => compare(a.key, b.key))

  const after = parseKey(decodeCursor(options.cursor))
  const rest = after ? readable.filter((r) => compare(r.key, after) > 0) : readable
  const page = rest.slice(0, limit)
  const nextCursor = rest.length > limit ? encodeCursor(page[page.length - 1].key) : null
  return {
    items: await listItems(
      actor,
      page.map((p) => p.id),
    ),
    nextCursor,
  }
}

function parseKey(v: unknown[] | null): Key | null {
  if (!v || v.length !== 3) return null
  const [p, n, id] = v
  return typeof p === 'number' && typeof n === 'string' && typeof id === 'string' ? [p, n, id] : null
}

async function listItems(actor: Actor | null, ids: string[]): Promise<SpaceListItem[]> {
  if (!ids.length) return []
  const [rows, members, unread] = await Promise.all([
    db.space.findMany({ where: { id: { in: ids } }, select: spaceDetailSelect }),
    actor
      ? db.spaceMember.findMany({
          where: { userId: actor.id, spaceId: { in: ids } },
          select: { spaceId: true, role: true, following: true, email: true },
        })
      : [],
    actor ? unreadCounts(actor.id, ids) : new Map<string, number>(),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const memberOf = new Map(members.map((m) => [m.spaceId, m]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    if (!row) return []
    const { rulesTr: _tr, rulesEn: _en, ...detail } = toDetail(row)
    const m = memberOf.get(id)
    return [
      {
        ...detail,
        membership: m ? { role: m.role, following: m.following, email: m.email } : null,
        unread: actor ? (unread.get(id) ?? 0) : null,
      },
    ]
  })
}

/**
 * Per space, the threads with posts the person has not read: above their last-read number, or, for a
 * thread they never opened, active since they joined the space (so joining an old space does not flood
 * them with "unread"). Hidden threads never count.
 */
export async function unreadCounts(userId: string, spaceIds: string[]): Promise<Map<string, number>> {
  if (!spaceIds.length) return new Map()
  const rows = await db.$queryRaw<{ spaceId: string; unread: number }[]>`
    SELECT t."spaceId", count(*)::int AS unread
    FROM "Thread" t
    LEFT JOIN "ReadState" r ON r."threadId" = t."id" AND r."userId" = ${userId}
    LEFT JOIN "SpaceMember" m ON m."spaceId" = t."spaceId" AND m."userId" = ${userId}
    WHERE t."spaceId" IN (${Prisma.join(spaceIds)}) AND t."hiddenAt" IS NULL
      AND ((r."userId" IS NOT NULL AND t."lastPostNumber" > r."lastReadNumber")
        OR (r."userId" IS NULL AND m."userId" IS NOT NULL AND t."lastPostAt" > m."joinedAt"))
    GROUP BY t."spaceId"`
  return new Map(rows.map((r) => [r.spaceId, r.unread]))
}
