/**
 * The thread page's two statements (docs/decisions/011, issue 9): one for the thread with everything the
 * policy needs to decide about it (space access fields, invitation, accepted rules) and the reader's own
 * state (read mark, draft); one for the page's posts with authors, parents, reaction counts, the reader's
 * own reactions and bookmarks and the "continue this thread" counts. Raw SQL: one round trip each, and none of the
 * query compiler's per-statement work on the hottest page. No decision is made here: the first statement
 * loads facts, the policy decides, and the second statement applies the decision it is given (`moderator`:
 * whether pending posts of others are shown).
 */
import { db } from '~/lib/db.server'
import type { Actor } from '~/lib/policy'
import type { SpaceAccessRow, ThreadAccessRow } from '~/modules/spaces/access.server'
import { INLINE_DEPTH, PAGE_SIZE } from './form'
import { POST_ROW_COLUMNS, POST_ROW_JOINS, toLivePostRow, type LivePostRow, type PostSqlRow } from './post-rows.server'
import { subtreeEnd } from './path'

export interface ThreadPageRow extends ThreadAccessRow {
  id: string
  title: string
  pinnedAt: Date | null
  createdAt: Date
  postCount: number
  space: SpaceAccessRow & { slug: string; nameTr: string; nameEn: string; allowAnonymous: boolean }
  themes: { slug: string; nameTr: string; nameEn: string }[]
  invited: boolean
  rulesAccepted: boolean
  lastReadNumber: number | null
  draft: { title: string; body: string } | null
}

type ThreadSqlRow = Omit<ThreadPageRow, 'space'> & {
  spaceId: string
  spaceSlug: string
  spaceNameTr: string
  spaceNameEn: string
  visibility: SpaceAccessRow['visibility']
  safeSpace: boolean
  allowAnonymous: boolean
  archivedAt: Date | null
}

const activeOrgIds = (actor: Actor | null) => actor?.memberships.filter((m) => m.status === 'ACTIVE').map((m) => m.orgId) ?? []

/**
 * The thread, its space's access fields, whether a private space invited the actor (personally or through
 * an active organization) and whether they accepted a safe space's rules — the same facts
 * `spaceTargets` answers with two more queries — and the reader's read mark and draft under `draftKey`.
 */
export async function loadThreadRow(actor: Actor | null, threadId: string, draftKey: string | null): Promise<ThreadPageRow | null> {
  const userId = actor?.id ?? null
  const [row] = await db.$queryRaw<ThreadSqlRow[]>`
    SELECT t."id", t."title", t."authorId", t."pinnedAt", t."lockedAt", t."closedAt", t."hiddenAt", t."createdAt", t."postCount",
           s."id" AS "spaceId", s."slug" AS "spaceSlug", s."nameTr" AS "spaceNameTr", s."nameEn" AS "spaceNameEn",
           s."visibility"::text AS "visibility", s."safeSpace", s."allowAnonymous", s."archivedAt",
           COALESCE((SELECT json_agg(json_build_object('slug', th."slug", 'nameTr', th."nameTr", 'nameEn', th."nameEn") ORDER BY th."position")
                       FROM "ThreadTheme" tt JOIN "Theme" th ON th."id" = tt."themeId"
                      WHERE tt."threadId" = t."id"), '[]'::json) AS "themes",
           (s."visibility" = 'PRIVATE' AND EXISTS (
              SELECT 1 FROM "SpaceInvitation" i
               WHERE i."spaceId" = s."id" AND (i."userId" = ${userId} OR i."orgId" = ANY(${activeOrgIds(actor)}::text[])))) AS "invited",
           (s."safeSpace" AND EXISTS (
              SELECT 1 FROM "SpaceMember" m
               WHERE m."spaceId" = s."id" AND m."userId" = ${userId} AND m."rulesAcceptedAt" IS NOT NULL)) AS "rulesAccepted",
           (SELECT r."lastReadNumber" FROM "ReadState" r WHERE r."userId" = ${userId} AND r."threadId" = t."id") AS "lastReadNumber",
           (SELECT json_build_object('title', d."title", 'body', d."body") FROM "Draft" d
             WHERE d."userId" = ${userId} AND d."key" = ${draftKey}) AS "draft"
      FROM "Thread" t JOIN "Space" s ON s."id" = t."spaceId"
     WHERE t."id" = ${threadId}`
  if (!row) return null
  const { spaceId, spaceSlug, spaceNameTr, spaceNameEn, visibility, safeSpace, allowAnonymous, archivedAt, ...thread } = row
  return {
    ...thread,
    space: { id: spaceId, slug: spaceSlug, nameTr: spaceNameTr, nameEn: spaceNameEn, visibility, safeSpace, allowAnonymous, archivedAt },
  }
}

type PageSqlRow = PostSqlRow & { total: number; mine: string[]; bookmarked: boolean; continued: number }

export interface PostPage {
  total: number
  rows: LivePostRow[]
  /** reaction counts keyed `postId:kind`, as `serializePost` takes them */
  counts: Map<string, number>
  /** the viewer's own reactions by post id */
  mine: Map<string, string[]>
  /** the posts of the page the viewer bookmarked */
  bookmarked: string[]
  /** by post id: how many posts a "continue this thread" link leads to */
  continued: Map<string, number>
}

/**
 * One page of a view (the whole thread, or the branch under `root`) with the view's post count, in one
 * statement. `moderator` shows everyone's pending posts; otherwise only the viewer's own.
 */
export async function loadPostPage(
  threadId: string,
  view: { root: { path: string; depth: number } | null; page: number; moderator: boolean; viewerId: string | null },
): Promise<PostPage> {
  const { root, moderator, viewerId } = view
  const from = root?.path ?? ''
  const to = root ? subtreeEnd(root.path) : null
  const minDepth = root?.depth ?? 0
  const maxDepth = minDepth + INLINE_DEPTH
  const offset = (view.page - 1) * PAGE_SIZE
  // The subtree end of a row's path in SQL, as `subtreeEnd` computes it: its trailing 9s dropped and
  // the last digit left raised by one (NULL when nothing is left: no upper bound).
  const result = await db.$queryRaw<PageSqlRow[]>`
    WITH "v" AS NOT MATERIALIZED (
      SELECT p."id", p."path" FROM "Post" p
       WHERE p."threadId" = ${threadId} AND p."depth" >= ${minDepth} AND p."depth" <= ${maxDepth}
         AND p."path" >= ${from} AND (${to}::text IS NULL OR p."path" < ${to}::text)
         AND (${moderator} OR p."status" <> 'PENDING' OR p."authorId" = ${viewerId})
    ),
    "page" AS (SELECT "v"."id" FROM "v" ORDER BY "v"."path" LIMIT ${PAGE_SIZE} OFFSET ${offset})
    SELECT (SELECT count(*)::int FROM "v") AS "total", r.*
      FROM (SELECT 1) one LEFT JOIN LATERAL (
        SELECT ${POST_ROW_COLUMNS},
               ARRAY(SELECT re."kind" FROM "Reaction" re WHERE re."postId" = p."id" AND re."userId" = ${viewerId} ORDER BY re."createdAt") AS "mine",
               EXISTS (SELECT 1 FROM "Bookmark" b WHERE b."userId" = ${viewerId} AND b."postId" = p."id") AS "bookmarked",
               CASE WHEN p."depth" >= ${maxDepth} THEN (
                 SELECT count(*)::int FROM "Post" c,
                        LATERAL (SELECT rtrim(p."path", '9') AS "t") e
                  WHERE c."threadId" = ${threadId} AND c."path" > p."path"
                    AND (e."t" = '' OR c."path" < left(e."t", -1) || chr(ascii(right(e."t", 1)) + 1))
                    AND (${moderator} OR c."status" <> 'PENDING' OR c."authorId" = ${viewerId})
               ) ELSE 0 END AS "continued"
          FROM "page" JOIN "Post" p ON p."id" = "page"."id" ${POST_ROW_JOINS}
      ) r ON true
     ORDER BY r."path"`
  const page: PostPage = {
    total: result[0]?.total ?? 0,
    rows: [],
    counts: new Map(),
    mine: new Map(),
    bookmarked: [],
    continued: new Map(),
  }
  for (const r of result) {
    if (!r.id) continue
    page.rows.push(toLivePostRow(r, page.counts))
    if (r.mine.length) page.mine.set(r.id, r.mine)
    if (r.bookmarked) page.bookmarked.push(r.id)
    page.continued.set(r.id, r.continued)
  }
  return page
}
