import { isRouteErrorResponse, Link, useLocation } from '@remix-run/react'
import { useI18n } from '~/lib/i18n'
import { AccessRefused, isRefusal } from './AccessRefused'

type Kind = 'badRequest' | 'forbidden' | 'notFound' | 'tooMany' | 'generic'

const kindOf = (status: number): Kind =>
  status === 400 ? 'badRequest' : status === 403 ? 'forbidden' : status === 404 ? 'notFound' : status === 429 ? 'tooMany' : 'generic'

/**
 * Every error page — 400, 403, 404, 429, 500 — inside the site's shell (the root ErrorBoundary renders
 * it there), in the reader's language, with a way back: home, the spaces, sign-in when signed out.
 * A 403 about a space says why it is closed and whom to ask (AccessRefused).
 */
export function ErrorPage({ error, signedIn }: { error: unknown; signedIn: boolean }) {
  const { t } = useI18n()
  const location = useLocation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const data: unknown = isRouteErrorResponse(error) ? error.data : null
  const refusal = status === 403 && isRefusal(data) ? data.refusal : null
  const kind = kindOf(status)
  const here = `${location.pathname}${location.search}`
  return (
    <div className="mx-auto max-w-xl py-12">
      {refusal ? (
        <AccessRefused refusal={refusal} />
      ) : (
        <>
          <h1 className="text-2xl font-bold">{t(`common.error.${kind}Title`)}</h1>
          <p className="mt-4">{t(`common.error.${kind}`)}</p>
        </>
      )}
      <p className="mt-2 text-sm text-slate-600">{t('common.error.status', { status })}</p>
      <nav aria-label={t('common.error.wayBack')} className="mt-6">
        <ul className="flex flex-wrap gap-3">
          <li>
            <Link to="/" className="btn-primary">
              {t('common.error.goHome')}
            </Link>
          </li>
          <li>
            <Link to="/spaces" className="btn-secondary">
              {t('common.error.goSpaces')}
            </Link>
          </li>
          {!signedIn && (
            <li>
              <Link to={`/login?${new URLSearchParams({ redirectTo: here })}`} className="btn-secondary">
                {t('common.error.signIn')}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </div>
  )
}
