/**
 * Bookmarks (Discourse's): a signed-in person saves a post to come back to, with an optional note only
 * they see. Saving asks the policy (`post.bookmark`); the list asks again on every read through the
 * policy's `visiblePosts` scope, so a bookmark never shows a post its owner can no longer see (left the
 * organization, the space turned private, the thread hidden). Those are counted, not shown, so the page
 * can say that some saved posts are out of reach without saying anything about them.
 */
import { db } from '~/lib/db.server'
import { assertCan, can, visiblePosts, type Actor } from '~/lib/policy'
import { z } from '~/lib/validation'
import { safeText } from '~/lib/text-safety'
import { postTargetById } from '~/modules/spaces/access.server'
import { DiscussionError, DiscussionInputError } from '~/modules/discussions/errors'
import { toFieldErrors } from '~/lib/validation'
import { plainExcerpt } from '~/modules/content/excerpt'

export const BOOKMARK_PAGE_SIZE = 20
export const NOTE_MAX = 300
const EXCERPT_CHARS = 200

export const bookmarkInput = z.object({
  note: z
    .union([z.literal(''), safeText('title', { min: 1, max: NOTE_MAX })])
    .optional()
    .transform((v) => (v ? v : null)),
})

async function visiblePost(actor: Actor, postId: string) {
  const found = await postTargetById(actor, postId)
  if (!found || !can(actor, 'post.view', found.target)) throw new DiscussionError('discussions.errors.postNotFound', '_form', 404)
  return found
}

/** Saves the post (or updates the note of an existing bookmark); idempotent. */
export async function setBookmark(actor: Actor, postId: string, raw: { note?: string | null } = {}) {
  const parsed = bookmarkInput.safeParse({ note: raw.note ?? undefined })
  if (!parsed.success) throw new DiscussionInputError(toFieldErrors(parsed.error))
  const found = await visiblePost(actor, postId)
  assertCan(actor, 'post.bookmark', found.target)
  const note = raw.note === undefined ? undefined : parsed.data.note
  const row = await db.bookmark.upsert({
    where: { userId_postId: { userId: actor.id, postId: found.post.id } },
    create: { userId: actor.id, postId: found.post.id, note: note ?? null },
    update: note === undefined ? {} : { note },
    select: { id: true, note: true, createdAt: true },
  })
  return { ...row, postId: found.post.id, threadId: found.post.threadId, number: found.post.number }
}

/**
 * Removes one's own bookmark. No policy question: taking back one's own row is always allowed, also
 * for a post one can no longer see. Returns whether there was one.
 */
export async function removeBookmark(actor: Actor, postId: string) {
  const done = await db.bookmark.deleteMany({ where: { userId: actor.id, postId } })
  return done.count > 0
}

export interface BookmarkItem {
  postId: string
  note: string | null
  createdAt: string
  number: number
  state: 'visible' | 'pending' | 'hidden' | 'deleted'
  /** plain text from the post's Markdown; null when its text is not shown (deleted or hidden) */
  excerpt: string | null
  thread: { id: string; title: string }
  space: { slug: string; nameTr: string; nameEn: string }
}

/** One page of the person's bookmarks, newest first, only what they may still see. */
export async function listBookmarks(actor: Actor, page = 1, pageSize = BOOKMARK_PAGE_SIZE) {
  const where = { userId: actor.id, post: visiblePosts(actor) }
  const [total, unavailable, rows] = await Promise.all([
    db.bookmark.count({ where }),
    db.bookmark.count({ where: { userId: actor.id, NOT: { post: visiblePosts(actor) } } }),
    db.bookmark.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        postId: true,
        note: true,
        createdAt: true,
        post: {
          select: {
            number: true,
            body: true,
            status: true,
            deletedAt: true,
            thread: { select: { id: true, title: true, space: { select: { slug: true, nameTr: true, nameEn: true } } } },
          },
        },
      },
    }),
  ])
  const items: BookmarkItem[] = rows.map(({ post, ...b }) => {
    const state = post.deletedAt ? 'deleted' : post.status === 'HIDDEN' ? 'hidden' : post.status === 'PENDING' ? 'pending' : 'visible'
    return {
      postId: b.postId,
      note: b.note,
      createdAt: b.createdAt.toISOString(),
      number: post.number,
      state,
      // A moderator reads hidden and deleted text on the thread page; the list keeps to what everyone's
      // list would say about it.
      excerpt: state === 'deleted' || state === 'hidden' ? null : plainExcerpt(post.body, EXCERPT_CHARS),
      thread: { id: post.thread.id, title: post.thread.title },
      space: post.thread.space,
    }
  })
  return { items, total, unavailable, page, pages: Math.max(1, Math.ceil(total / pageSize)) }
}
