import { isRouteErrorResponse, Link } from '@remix-run/react'
import { useT } from '~/lib/i18n'

export function ErrorPage({ error }: { error: unknown }) {
  const t = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, body] =
    status === 404
      ? [t('common.error.notFoundTitle'), t('common.error.notFound')]
      : status === 403
        ? [t('common.error.forbiddenTitle'), t('common.error.forbidden')]
        : [t('common.error.title'), t('common.error.generic')]
  return (
    <div className="mx-auto max-w-xl py-12">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-4">{body}</p>
      <p className="mt-6">
        <Link to="/">{t('common.error.goHome')}</Link>
      </p>
    </div>
  )
}
