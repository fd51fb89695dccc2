import { Link, useLocation } from '@remix-run/react'
import { useT } from '~/lib/i18n'

/** Real pages with links (not endless scroll): keyboard and screen-reader friendly, and bookmarkable. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const t = useT()
  const location = useLocation()
  if (pages <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set('page', String(p))
    return `${location.pathname}?${params}`
  }
  return (
    <nav aria-label={t('common.pagination.label')} className="mt-6 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link to={href(page - 1)} className="btn-secondary" rel="prev">
          {t('common.pagination.previous')}
        </Link>
      ) : (
        <span />
      )}
      <p aria-current="page">{t('common.pagination.page', { page, pages })}</p>
      {page < pages ? (
        <Link to={href(page + 1)} className="btn-secondary" rel="next">
          {t('common.pagination.next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
