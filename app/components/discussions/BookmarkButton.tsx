/**
 * A post's bookmark toggle (aria-pressed says whether it is saved). A plain form to /bookmarks that works
 * without JavaScript (the action sends the reader back to the post); with it, the thread page sends it as a
 * fetcher (`usePostListHandlers`), the button shows the new state at once and the page's status line says
 * what happened. The pressed state
 * comes from the page's ids (`Viewer.bookmarks`, through `viewFor`): nothing per viewer is rendered on
 * the server into the pushed post.
 */
import { useT } from '~/lib/i18n'
import type { PostView } from '~/modules/discussions/post-view'

export type BookmarkIntent = 'add' | 'remove'

export function BookmarkButton({
  post,
  threadId,
  pending = null,
}: {
  post: Pick<PostView, 'id' | 'number' | 'bookmarked' | 'can'>
  threadId: string
  /** the change on its way to the server (usePostListHandlers), shown at once */
  pending?: BookmarkIntent | null
}) {
  const t = useT()
  if (!post.can.bookmark) return null
  const pressed = pending ? pending === 'add' : post.bookmarked
  return (
    <form method="post" action="/bookmarks" className="bookmark" data-bookmark={post.id}>
      <input type="hidden" name="postId" value={post.id} />
      <input type="hidden" name="redirectTo" value={`/threads/${threadId}/posts/${post.number}`} />
      <button
        type="submit"
        name="intent"
        value={pressed ? 'remove' : 'add'}
        aria-pressed={pressed}
        aria-label={t('discussions.bookmarks.buttonLabel', { number: post.number })}
        className="btn-ghost-sm bookmark-toggle"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="16"
          height="16"
          fill={pressed ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 3h12v18l-6-4-6 4z" />
        </svg>
        {t('discussions.bookmarks.button')}
      </button>
    </form>
  )
}
