/** Real, numbered pages for a thread (never endless scroll): first/previous/next/last and rel=prev/next. */
import { Link, useLocation } from '@remix-run/react'
import { useT } from '~/lib/i18n'

function window_(page: number, pages: number, span = 2) {
  const from = Math.max(1, page - span)
  const to = Math.min(pages, page + span)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

export function ThreadPagination({ page, pages, id }: { page: number; pages: number; id?: string }) {
  const t = useT()
  const location = useLocation()
  if (pages <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set('page', String(p))
    params.delete('reply')
    params.delete('quote')
    return `${location.pathname}?${params}`
  }
  // Component classes (app/styles/discussions.css): the list is rendered twice on every page.
  const link = 'page-link'
  return (
    <nav aria-label={t('discussions.pagination.label')} id={id} className="my-6">
      <ul className="pages">
        {page > 1 && (
          <>
            <li>
              <Link to={href(1)} className={link}>
                <span aria-hidden="true">«</span>
                <span className="sr-only">{t('discussions.pagination.first')}</span>
              </Link>
            </li>
            <li>
              <Link to={href(page - 1)} rel="prev" className={link}>
                <span aria-hidden="true">‹</span>
                <span className="sr-only">{t('discussions.pagination.previous')}</span>
              </Link>
            </li>
          </>
        )}
        {window_(page, pages).map((p) => (
          <li key={p}>
            {p === page ? (
              <span aria-current="page" className="page-link page-current">
                <span className="sr-only">{t('discussions.pagination.current', { page, pages })}</span>
                <span aria-hidden="true">{p}</span>
              </span>
            ) : (
              <Link to={href(p)} className={link} aria-label={t('discussions.pagination.page', { page: p })}>
                {p}
              </Link>
            )}
          </li>
        ))}
        {page < pages && (
          <>
            <li>
              <Link to={href(page + 1)} rel="next" className={link}>
                <span aria-hidden="true">›</span>
                <span className="sr-only">{t('discussions.pagination.next')}</span>
              </Link>
            </li>
            <li>
              <Link to={href(pages)} className={link}>
                <span aria-hidden="true">»</span>
                <span className="sr-only">{t('discussions.pagination.last')}</span>
              </Link>
            </li>
          </>
        )}
      </ul>
    </nav>
  )
}
