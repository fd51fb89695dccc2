/**
 * A post's bookmark toggle (aria-pressed says whether it is saved). A plain form to /bookmarks that works
 * without JavaScript (the action sends the reader back to the post); with it, a fetcher saves in place,
 * the button shows the new state at once and a polite status line says what happened. The pressed state
 * comes from the page's ids (`Viewer.bookmarks`, through `viewFor`): nothing per viewer is rendered on
 * the server into the pushed post.
 */
import { useFetcher } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useT } from '~/lib/i18n'
import type { PostView } from '~/modules/discussions/post-view'

export function BookmarkButton({ post, threadId }: { post: Pick<PostView, 'id' | 'number' | 'bookmarked' | 'can'>; threadId: string }) {
  const t = useT()
  const fetcher = useFetcher<{ ok: boolean; bookmarked?: boolean }>()
  // Only a hydrated page asks for a JSON answer; a plain form submit gets a redirect back to the post.
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  if (!post.can.bookmark) return null
  const pendingIntent = fetcher.formData?.get('intent')
  const pressed = pendingIntent ? pendingIntent === 'add' : (fetcher.data?.bookmarked ?? post.bookmarked)
  const done = fetcher.state === 'idle' && fetcher.data?.ok
  return (
    <fetcher.Form method="post" action="/bookmarks" preventScrollReset className="bookmark">
      <input type="hidden" name="postId" value={post.id} />
      <input type="hidden" name="redirectTo" value={`/threads/${threadId}/posts/${post.number}`} />
      {enhanced && <input type="hidden" name="js" value="1" />}
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
      <span role="status" className="sr-only">
        {done ? t(pressed ? 'discussions.bookmarks.added' : 'discussions.bookmarks.removed', { number: post.number }) : ''}
      </span>
    </fetcher.Form>
  )
}
