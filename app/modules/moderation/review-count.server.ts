/**
 * The Moderation link's count (moderation/alerts.server.ts), as SQL: no imports beyond Prisma's, so the
 * session's query (auth/session.server.ts) can fold it in without a module cycle.
 */
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'

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
