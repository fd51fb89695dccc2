/**
 * A thread's h1, with "Edit title" for its author and moderators. The title may change while the page is
 * open (a pushed title edit, `useLivePosts`): the heading and the document's title follow in place.
 */
import { Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useT } from '~/lib/i18n'

export function ThreadHeading({ title, editHref }: { title: string; editHref: string | null }) {
  const t = useT()
  const shown = useRef(title)
  useEffect(() => {
    if (shown.current === title) return
    // The document title is "<thread title>[ (page)] · site": only the thread's part changes.
    if (document.title.startsWith(shown.current)) document.title = title + document.title.slice(shown.current.length)
    shown.current = title
  }, [title])
  return (
    <div className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
      <h1 className="text-3xl font-bold break-words">{title}</h1>
      {editHref && (
        <Link to={editHref} className="btn-link text-sm">
          {t('discussions.titleEdit.open')}
        </Link>
      )}
    </div>
  )
}
