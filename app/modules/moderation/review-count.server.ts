/**
 * The SQL side of moderator alerts (moderation/alerts.server.ts): the Moderation link's count, and
 * resolving alerts once their item is handled. Nothing here but the database, so the session's query
 * (auth/session.server.ts) and posting can use it without a module cycle or the mail code.
 */
import { Prisma } from '~/generated/prisma/client'
import { db, type Tx } from '~/lib/db.server'

const REVIEW_KIND = 'moderation.review'

/**
 * How many posts wait for the moderator `u` (the caller's alias for "User"): the queue's own rule
 * (queue.server.ts `queueWhere`: open reports, or pending and not deleted, in the spaces the policy's
 * `moderatedSpaces` gives), as one expression. NULL for someone who moderates nothing: no badge at all.
 * Each branch runs only for its people (CASE evaluates one), on the (status, createdAt) indexes of
 * Post and Report: the queue is small, whatever the size of the forum.
 */
export const REVIEW_COUNT = Prisma.sql`
  CASE
    WHEN u."suspendedUntil" > now() THEN NULL
    WHEN u."role" IN ('MODERATOR', 'ADMIN') THEN (
      SELECT count(*)::int FROM (
        SELECT p."id" FROM "Post" p WHERE p."status" = 'PENDING' AND p."deletedAt" IS NULL
        UNION
        SELECT r."postId" FROM "Report" r WHERE r."status" = 'OPEN') q)
    WHEN EXISTS (SELECT 1 FROM "SpaceMember" sm WHERE sm."userId" = u."id" AND sm."role" = 'MODERATOR') THEN (
      SELECT count(*)::int FROM (
        SELECT p."id" FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
         WHERE p."status" = 'PENDING' AND p."deletedAt" IS NULL
           AND t."spaceId" IN (SELECT sm."spaceId" FROM "SpaceMember" sm WHERE sm."userId" = u."id" AND sm."role" = 'MODERATOR')
        UNION
        SELECT r."postId" FROM "Report" r JOIN "Post" p ON p."id" = r."postId" JOIN "Thread" t ON t."id" = p."threadId"
         WHERE r."status" = 'OPEN'
           AND t."spaceId" IN (SELECT sm."spaceId" FROM "SpaceMember" sm WHERE sm."userId" = u."id" AND sm."role" = 'MODERATOR')) q)
  END`

/** The bell's unread count and the review count (null: not a moderator), in one query (the socket's push). */
export async function liveCounts(userId: string): Promise<{ unread: number; review: number | null }> {
  const [row] = await db.$queryRaw<{ unread: number; review: number | null }[]>`
    SELECT (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS "unread",
           ${REVIEW_COUNT} AS "review"
      FROM "User" u WHERE u."id" = ${userId}`
  return row ?? { unread: 0, review: null }
}

/**
 * Everyone who may moderate somewhere in `spaceId`'s reach: platform moderators and admins, and the
 * space's own moderators. A handful of people; the policy then decides for each.
 */
export async function candidateModerators(tx: Tx, spaceId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT u."id" FROM "User" u WHERE u."role" IN ('MODERATOR', 'ADMIN')
    UNION
    SELECT sm."userId" FROM "SpaceMember" sm WHERE sm."spaceId" = ${spaceId} AND sm."role" = 'MODERATOR'`
  return rows.map((r) => r.id)
}

/**
 * After a moderator's decision on a thread or its posts (inside that transaction): the alerts about the
 * thread's posts that no longer wait are marked read for every moderator, so nobody's bell keeps a stale
 * one. Returns the moderators to `announce` to after commit (their counts changed).
 */
export async function resolveAlerts(tx: Tx, threadId: string): Promise<string[]> {
  const thread = await tx.thread.findUnique({ where: { id: threadId }, select: { spaceId: true } })
  if (!thread) return []
  const moderators = await candidateModerators(tx, thread.spaceId)
  const read = await tx.$queryRaw<{ userId: string }[]>`
    UPDATE "Notification" n SET "readAt" = now()
     WHERE n."userId" IN (SELECT u."id" FROM "User" u WHERE u."role" IN ('MODERATOR', 'ADMIN')
                          UNION SELECT sm."userId" FROM "SpaceMember" sm WHERE sm."role" = 'MODERATOR')
       AND n."readAt" IS NULL AND n."kind" = ${REVIEW_KIND} AND n."data"->>'threadId' = ${threadId}
       AND NOT EXISTS (SELECT 1 FROM "Post" p WHERE p."id" = n."data"->>'postId'
                        AND ((p."status" = 'PENDING' AND p."deletedAt" IS NULL)
                             OR EXISTS (SELECT 1 FROM "Report" r WHERE r."postId" = p."id" AND r."status" = 'OPEN')))
    RETURNING n."userId"`
  return [...new Set([...moderators, ...read.map((r) => r.userId)])]
}
