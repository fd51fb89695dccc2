/** What a notification about a post names (kinds.ts PostRef): never a safe space's title or author. */
import type { Prisma } from '~/generated/prisma/client'
import type { Tx } from '~/lib/db.server'
import type { PostRef } from '~/modules/notifications/kinds'

/** What `toPostRef` needs of a post, for callers that load the post anyway. */
export const POST_REF_SELECT = {
  number: true,
  anonymous: true,
  author: { select: { name: true } },
  thread: { select: { id: true, title: true, space: { select: { slug: true, nameTr: true, nameEn: true, safeSpace: true } } } },
} as const satisfies Prisma.PostSelect

export function toPostRef(p: Prisma.PostGetPayload<{ select: typeof POST_REF_SELECT }>): PostRef {
  const space = p.thread.space
  return {
    threadId: p.thread.id,
    threadTitle: space.safeSpace ? '' : p.thread.title,
    spaceSlug: space.slug,
    spaceNameTr: space.nameTr,
    spaceNameEn: space.nameEn,
    safe: space.safeSpace,
    postNumber: p.number,
    // Who wrote in a safe space is not told outside it (docs/decisions/012-safe-spaces.md).
    userName: p.anonymous || space.safeSpace ? '' : (p.author?.name ?? ''),
  }
}

export async function postRef(tx: Tx, postId: string): Promise<PostRef> {
  return toPostRef(await tx.post.findUniqueOrThrow({ where: { id: postId }, select: POST_REF_SELECT }))
}
