import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ModerationNav } from '~/components/moderation/ModerationParts'
import { Pagination } from '~/components/Pagination'
import { ScrollRegion } from '~/components/ScrollRegion'
import { pageParam, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { loadModerationLog } from '~/modules/moderation/log.server'
import { auditActionLabel } from '~/modules/audit/actions'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'notifications', 'moderation'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'moderation.log.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'moderation.queue', null)
  return (await loadModerationLog(actor, pageParam(new URL(request.url))))!
}

export default function ModerationLog() {
  const { items, page, pages } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('moderation.log.title')}</h1>
      <ModerationNav />
      <p className="max-w-prose">{t('moderation.log.intro')}</p>
      {items.length === 0 ? (
        <p>{t('moderation.log.empty')}</p>
      ) : (
        <ScrollRegion labelledBy="log-caption">
          <table className="w-full border-collapse text-left">
            <caption id="log-caption" className="sr-only">
              {t('moderation.log.caption')}
            </caption>
            <thead>
              <tr className="border-b-2 border-stone-400">
                <th scope="col" className="p-2">
                  {t('moderation.log.columns.when')}
                </th>
                <th scope="col" className="p-2">
                  {t('moderation.log.columns.who')}
                </th>
                <th scope="col" className="p-2">
                  {t('moderation.log.columns.what')}
                </th>
                <th scope="col" className="p-2">
                  {t('moderation.log.columns.target')}
                </th>
                <th scope="col" className="p-2">
                  {t('moderation.log.columns.reason')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className="border-b border-stone-300 align-top" data-testid="log-entry">
                  <td className="p-2 whitespace-nowrap">{formatDateTime(locale, e.createdAt, timeZone)}</td>
                  <td className="p-2">{e.actor ?? t('moderation.log.system')}</td>
                  <th scope="row" className="p-2 font-normal">
                    {auditActionLabel(t, e.action)}
                  </th>
                  <td className="p-2">
                    {e.target.href ? (
                      <Link to={e.target.href}>
                        {e.targetType === 'post' && e.number
                          ? t('moderation.log.postTarget', { number: e.number, title: e.target.label })
                          : e.target.label}
                      </Link>
                    ) : (
                      <span>{e.target.label === '' ? t('moderation.log.removed') : e.target.label}</span>
                    )}
                    {e.target.author && (
                      <span className="block text-sm text-stone-700">
                        {e.target.anonymous
                          ? t('moderation.log.authorAnonymous', { name: e.target.author })
                          : t('moderation.log.author', { name: e.target.author })}
                      </span>
                    )}
                    {e.space && (
                      <span className="block text-sm text-stone-700">
                        {t('moderation.log.inSpace', { name: locale === 'tr' ? e.space.nameTr : e.space.nameEn })}
                      </span>
                    )}
                  </td>
                  <td className="p-2 whitespace-pre-wrap">{e.reason ?? t('moderation.log.noReason')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}
