/**
 * The platform's status for people: the same health data as GET /api/v1/health (which programs keep
 * using), in the page's language and in the shell. Answers 503 when the database is down, so a monitor
 * pointed at this page also notices (issue 10, item 8.11).
 */
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { checkHealth, type PartState } from '~/modules/api/health.server'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['api'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'api.status.title')

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader(_: LoaderFunctionArgs) {
  const health = await checkHealth()
  return data(health, { status: health.database === 'up' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}

const STATE_STYLE: Record<PartState, string> = {
  up: 'bg-green-100 text-green-900',
  behind: 'bg-amber-100 text-amber-900',
  down: 'bg-red-100 text-red-900',
}

export default function Status() {
  const h = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const minutes = (s: number | null) => (s === null ? null : Math.max(1, Math.round(s / 60)))
  const rows: { key: string; state: PartState; detail: string }[] = [
    { key: 'app', state: 'up', detail: t('api.status.detail.app', { version: h.version }) },
    { key: 'database', state: h.database, detail: t(`api.status.detail.database.${h.database}`) },
    {
      key: 'jobs',
      state: h.jobs.state,
      detail:
        h.jobs.state === 'down'
          ? t('api.status.detail.unknown')
          : [
              h.jobs.waiting === 0
                ? t('api.status.detail.jobsNone')
                : t('api.status.detail.jobsWaiting', { count: h.jobs.waiting, minutes: minutes(h.jobs.oldestWaitingSeconds) }),
              h.jobs.failing > 0 ? t('api.status.detail.jobsFailing', { count: h.jobs.failing }) : '',
            ]
              .filter(Boolean)
              .join(' '),
    },
    {
      key: 'mail',
      state: h.mail.state,
      detail:
        h.mail.state === 'down'
          ? t('api.status.detail.unknown')
          : [
              h.mail.waiting === 0
                ? t('api.status.detail.mailNone')
                : t('api.status.detail.mailWaiting', { count: h.mail.waiting, minutes: minutes(h.mail.oldestWaitingSeconds) }),
              h.mail.failedLastDay > 0 ? t('api.status.detail.mailFailed', { count: h.mail.failedLastDay }) : '',
            ]
              .filter(Boolean)
              .join(' '),
    },
    { key: 'search', state: h.search.state, detail: t(`api.status.detail.search.${h.search.state === 'down' ? 'down' : 'up'}`) },
  ]
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">{t('api.status.title')}</h1>
      <p className="text-lg" data-testid="status-summary">
        {t(h.status === 'ok' && rows.every((r) => r.state === 'up') ? 'api.status.allGood' : 'api.status.someProblems')}
      </p>
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{t('api.status.caption')}</caption>
        <thead>
          <tr className="border-b-2 border-stone-300">
            <th scope="col" className="p-2">
              {t('api.status.columns.part')}
            </th>
            <th scope="col" className="p-2">
              {t('api.status.columns.state')}
            </th>
            <th scope="col" className="p-2">
              {t('api.status.columns.detail')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-stone-300 align-top" data-testid={`status-${r.key}`}>
              <th scope="row" className="p-2 font-medium">
                {t(`api.status.parts.${r.key}`)}
              </th>
              <td className="p-2">
                <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATE_STYLE[r.state]}`}>
                  {t(`api.status.states.${r.state}`)}
                </span>
              </td>
              <td className="p-2">{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm text-stone-700">
        {t('api.status.checkedAt', { date: formatDateTime(locale, h.checkedAt, timeZone) })} {t('api.status.forPrograms')}{' '}
        <Link to="/api/v1/health">/api/v1/health</Link>
      </p>
    </div>
  )
}
