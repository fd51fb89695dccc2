/**
 * A space's thread list: pinned threads first (latest pinned first), then by last activity, newest
 * first. Pages are a keyset on (pinnedAt, lastPostAt, id), never OFFSET, so a deep page costs what the
 * first one does and threads that move up while someone reads never appear twice or go missing.
 */
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { can, type Actor, type SpaceTarget } from '~/lib/policy'
import { threadFlags, toPostTarget, toThreadTarget } from './access.server'
import { decodeCursor, encodeCursor } from './cursor.server'

export const THREAD_PAGE_SIZE = 25

export interface ThreadListItem {
  id: string
  title: string
  /** null when the author is hidden from this reader (anonymous) or the account is gone */
  author: { id: string; name: string; handle: string | null } | null
  anonymous: boolean
  replyCount: number
  lastPostAt: Date
  createdAt: Date
  lastPostNumber: number
  pinned: boolean
  locked: boolean
  closed: boolean
  hidden: boolean
  /** posts above the reader's last-read number; null when signed out or never opened */
  unread: number | null
  /** never opened, and active since the reader joined the space */
  isNew: boolean
}

interface Row {
  id: string
  title: string
  authorId: string | null
  anonymous: boolean
  pinnedAt: Date | null
  lockedAt: Date | null
  closedAt: Date | null
  hiddenAt: Date | null
  lastPostNumber: number
  postCount: number
  lastPostAt: Date
  createdAt: Date
  authorName: string | null
  authorHandle: string | null
  lastReadNumber: number | null
  joinedAt: Date | null
}

const NO_PIN = '-infinity'

function parseCursor(v: unknown[] | null): [string, string, string] | null {
  if (!v || v.length !== 3) return null
  const [p, l, id] = v
  const isTime = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s))
  if (!(p === NO_PIN || isTime(p)) || !isTime(l) || typeof id !== 'string') return null
  return [p, l, id]
}

export async function listThreads(
  actor: Actor | null,
  space: { id: string; target: SpaceTarget },
  options: { cursor?: string | null; limit?: number } = {},
): Promise<{ items: ThreadListItem[]; nextCursor: string | null }> {
  if (!can(actor, 'space.view', space.target)) return { items: [], nextCursor: null }
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? THREAD_PAGE_SIZE)), 100)
  const probe = toThreadTarget(space.target, { authorId: null, lockedAt: null, closedAt: null, hiddenAt: new Date() })
  // Hidden threads are listed (and labelled) for those who moderate the space only, and so are threads
  // whose opening post still awaits approval (no visible post yet) — those also for their author.
  const seesHidden = can(actor, 'thread.view', probe)
  const after = parseCursor(decodeCursor(options.cursor))
  const userId = actor?.id ?? ''
  const rows = await db.$queryRaw<Row[]>`
    SELECT t."id", t."title", t."authorId", t."anonymous", t."pinnedAt", t."lockedAt", t."closedAt", t."hiddenAt",
      t."lastPostNumber", t."postCount", t."lastPostAt", t."createdAt",
      u."name" AS "authorName", u."handle" AS "authorHandle", r."lastReadNumber", m."joinedAt"
    FROM "Thread" t
    LEFT JOIN "User" u ON u."id" = t."authorId"
    LEFT JOIN "ReadState" r ON r."threadId" = t."id" AND r."userId" = ${userId}
    LEFT JOIN "SpaceMember" m ON m."spaceId" = t."spaceId" AND m."userId" = ${userId}
    WHERE t."spaceId" = ${space.id}
      ${seesHidden ? Prisma.empty : Prisma.sql`AND t."hiddenAt" IS NULL`}
      ${seesHidden ? Prisma.empty : Prisma.sql`AND (t."postCount" > 0 OR t."authorId" = ${userId})`}
      ${
        after
          ? Prisma.sql`AND (COALESCE(t."pinnedAt", '-infinity'::timestamp(3)), t."lastPostAt", t."id")
              < (${after[0]}::timestamp(3), ${after[1]}::timestamp(3), ${after[2]})`
          : Prisma.empty
      }
    ORDER BY COALESCE(t."pinnedAt", '-infinity'::timestamp(3)) DESC, t."lastPostAt" DESC, t."id" DESC
    LIMIT ${limit + 1}`
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > limit
      ? encodeCursor([last.pinnedAt ? last.pinnedAt.toISOString() : NO_PIN, last.lastPostAt.toISOString(), last.id])
      : null
  return { items: page.map((r) => toItem(actor, space.target, r)), nextCursor }
}

function toItem(actor: Actor | null, space: SpaceTarget, r: Row): ThreadListItem {
  const opening = toPostTarget(toThreadTarget(space, r), { authorId: r.authorId, status: 'VISIBLE', deletedAt: null })
  const showAuthor = r.authorId && r.authorName !== null && (!r.anonymous || can(actor, 'post.viewAuthor', opening))
  const opened = r.lastReadNumber !== null
  return {
    id: r.id,
    title: r.title,
    author: showAuthor ? { id: r.authorId!, name: r.authorName!, handle: r.authorHandle } : null,
    anonymous: r.anonymous,
    replyCount: Math.max(0, r.postCount - 1),
    lastPostAt: r.lastPostAt,
    createdAt: r.createdAt,
    lastPostNumber: r.lastPostNumber,
    ...threadFlags(r),
    unread: actor && opened ? Math.max(0, r.lastPostNumber - r.lastReadNumber!) : null,
    isNew: !!actor && !opened && !!r.joinedAt && r.lastPostAt > r.joinedAt,
  }
}
