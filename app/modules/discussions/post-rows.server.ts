/**
 * A post as `serializePost` takes it, read with raw SQL: the thread page and the live pushes select the
 * same columns (with the parent's number, the author's name and the post's reaction counts) and turn them
 * into the same row, so there is one shape of post for the one serializer.
 */
import { Prisma, type PostStatus } from '~/generated/prisma/client'
import type { LinkPreviewCard } from './post-view'

export interface LivePostRow {
  id: string
  number: number
  path: string
  depth: number
  authorId: string | null
  anonymous: boolean
  html: string
  status: PostStatus
  deletedAt: Date | null
  editedAt: Date | null
  revisionCount: number
  createdAt: Date
  parent: { number: number } | null
  author: { name: string; handle: string | null; avatarPath: string | null; profilePublic: boolean } | null
  previews: LinkPreviewCard[]
}

/** The columns of a post row, for `FROM "Post" p ${POST_ROW_JOINS}`. */
export const POST_ROW_COLUMNS = Prisma.sql`
  p."id", p."number", p."path", p."depth", p."authorId", p."anonymous", p."html", p."status"::text AS "status",
  p."deletedAt", p."editedAt", p."revisionCount", p."createdAt",
  pp."number" AS "parentNumber", u."name" AS "authorName", u."handle" AS "authorHandle", u."avatarPath" AS "authorAvatar",
  (u."profileVisibility" = 'PUBLIC') AS "authorPublic",
  (SELECT json_object_agg(g."kind", g."n")
     FROM (SELECT re."kind", count(*)::int AS "n" FROM "Reaction" re WHERE re."postId" = p."id" GROUP BY re."kind") g
  ) AS "reactionCounts",
  (SELECT json_agg(json_build_object('url', lp."url", 'siteName', lp."siteName", 'title', lp."title", 'description', lp."description")
                   ORDER BY pl."position")
     FROM "PostLinkPreview" pl JOIN "LinkPreview" lp ON lp."id" = pl."previewId"
    WHERE pl."postId" = p."id" AND lp."status" = 'OK'
  ) AS "previews"`

export const POST_ROW_JOINS = Prisma.sql`
  LEFT JOIN "Post" pp ON pp."id" = p."parentId"
  LEFT JOIN "User" u ON u."id" = p."authorId"`

export type PostSqlRow = Omit<LivePostRow, 'parent' | 'author' | 'previews'> & {
  previews: LinkPreviewCard[] | null
  parentNumber: number | null
  authorName: string | null
  authorHandle: string | null
  authorAvatar: string | null
  authorPublic: boolean | null
  reactionCounts: Record<string, number> | null
}

/** The row `serializePost` takes; its reaction counts go into `counts` (keyed `postId:kind`). */
export function toLivePostRow(r: PostSqlRow, counts: Map<string, number>): LivePostRow {
  const { parentNumber, authorName, authorHandle, authorAvatar, authorPublic, reactionCounts, ...post } = r
  for (const [kind, n] of Object.entries(reactionCounts ?? {})) counts.set(`${r.id}:${kind}`, n)
  return {
    id: post.id,
    number: post.number,
    path: post.path,
    depth: post.depth,
    authorId: post.authorId,
    anonymous: post.anonymous,
    html: post.html,
    status: post.status,
    deletedAt: post.deletedAt,
    editedAt: post.editedAt,
    revisionCount: post.revisionCount,
    createdAt: post.createdAt,
    parent: parentNumber === null ? null : { number: parentNumber },
    author:
      post.authorId === null || authorName === null
        ? null
        : { name: authorName, handle: authorHandle, avatarPath: authorAvatar, profilePublic: !!authorPublic },
    previews: post.previews ?? [],
  }
}
