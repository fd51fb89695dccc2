/**
 * /api/v1/bookmarks: the caller's saved posts (the same domain functions as /bookmarks). The list is
 * filtered by the policy's `visiblePosts` scope on every read, like the page; `unavailable` counts the
 * saved posts the caller can no longer see, without a word about them.
 */
import { responseOrigin } from '~/lib/env.server'
import { z } from '~/lib/validation'
import { BOOKMARK_PAGE_SIZE, listBookmarks, NOTE_MAX, removeBookmark, setBookmark } from '~/modules/bookmarks/bookmarks.server'
import { domain, guardPost, notFound } from './discussions.server'
import { defineEndpoint, reply, type Endpoint } from './endpoint.server'
import { BookmarkPageSchema, BookmarkSchema } from './schemas.server'

const postParams = z.object({ postId: z.string().min(1).max(64) })

export const PutBookmarkBody = z
  .object({
    note: z
      .string()
      .max(NOTE_MAX)
      .nullable()
      .optional()
      .describe(`A note only you see (at most ${NOTE_MAX} characters, one line); null or "" clears it; omitted keeps it`),
  })
  .strict()

export const BOOKMARK_ENDPOINTS: Endpoint[] = [
  defineEndpoint({
    id: 'listBookmarks',
    method: 'GET',
    path: '/bookmarks',
    summary: 'api.endpoints.listBookmarks',
    description:
      'Your bookmarks, newest first, a page at a time: only posts you may still see (a post in a space you left is counted in `unavailable` and not shown).',
    tags: ['discussions'],
    auth: 'required',
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(BOOKMARK_PAGE_SIZE),
    }),
    response: BookmarkPageSchema,
    handler: async ({ request, actor, query }) => {
      const list = await listBookmarks(actor, query.page, query.pageSize)
      const base = responseOrigin(request)
      return {
        items: list.items.map((b) => ({ ...b, url: `${base}/threads/${b.thread.id}/posts/${b.number}` })),
        total: list.total,
        unavailable: list.unavailable,
        page: list.page,
        pages: list.pages,
      }
    },
  }),
  defineEndpoint({
    id: 'putBookmark',
    method: 'PUT',
    path: '/bookmarks/{postId}',
    summary: 'api.endpoints.putBookmark',
    description: 'Saves a post you may see to your bookmarks, or changes the note of one already saved (idempotent).',
    tags: ['discussions'],
    auth: 'required',
    params: postParams,
    body: PutBookmarkBody,
    response: BookmarkSchema,
    errors: ['not_found', 'forbidden'],
    handler: async ({ auth, actor, params, body }) => {
      await guardPost(auth, params.postId)
      const saved = await domain(() => setBookmark(actor, params.postId, { note: body.note === undefined ? undefined : (body.note ?? '') }))
      return {
        postId: saved.postId,
        threadId: saved.threadId,
        number: saved.number,
        note: saved.note,
        createdAt: saved.createdAt.toISOString(),
      }
    },
  }),
  defineEndpoint({
    id: 'deleteBookmark',
    method: 'DELETE',
    path: '/bookmarks/{postId}',
    summary: 'api.endpoints.deleteBookmark',
    description: 'Removes a post from your bookmarks (also one you can no longer see). 404 when it was not bookmarked.',
    tags: ['discussions'],
    auth: 'required',
    params: postParams,
    response: z.null(),
    errors: ['not_found'],
    handler: async ({ actor, params }) => {
      if (!(await removeBookmark(actor, params.postId))) throw notFound('post')
      return reply(204, null)
    },
  }),
]
