import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SelectField } from '~/components/forms'
import { Pagination } from '~/components/Pagination'
import { pageParam, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { z } from '~/lib/validation'
import { auditFacets, listAuditLog } from '~/modules/admin/audit.server'
import { targetHref, targetTypeLabel } from '~/modules/admin/labels'
import { auditActionLabel } from '~/modules/audit/actions'
import { requireAuth } from '~/modules/auth/session.server'
import { DataTable } from '~/components/DataTable'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin', 'moderation'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'admin.audit.title')

const word = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/)
  .optional()
  .catch(undefined)
const filters = z.object({ action: word, targetType: word, targetId: word })

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'audit.view', null)
  const url = new URL(request.url)
  const f = filters.parse(Object.fromEntries(url.searchParams))
  const [log, facets] = await Promise.all([listAuditLog({ ...f, page: pageParam(url) }), auditFacets()])
  return { ...log, facets, filters: f }
}

function Details({ data }: { data: unknown }) {
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return <>—</>
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-2 text-sm">
      {Object.entries(data as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-mono text-stone-700">{k}</dt>
          <dd className="break-all">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  )
}

export default function AdminAudit() {
  const { items, total, page, pages, facets, filters: f } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('admin.audit.title')}</h1>
      <p className="max-w-prose">{t('admin.audit.intro')}</p>
      <Form method="get" role="search" aria-label={t('admin.audit.filterLabel')} className="card grid gap-x-4 sm:grid-cols-3 sm:items-end">
        <SelectField
          name="action"
          label={t('admin.audit.action')}
          defaultValue={f.action ?? ''}
          options={[
            { value: '', label: t('admin.audit.allActions') },
            ...facets.actions.map((a) => ({ value: a, label: auditActionLabel(t, a) })),
          ]}
        />
        <SelectField
          name="targetType"
          label={t('admin.audit.targetType')}
          defaultValue={f.targetType?.toLowerCase() ?? ''}
          options={[
            { value: '', label: t('admin.audit.allTargets') },
            ...facets.targetTypes.map((tt) => ({ value: tt, label: targetTypeLabel(t, tt) })),
          ]}
        />
        <div className="mb-4">
          <button type="submit" className="btn-primary w-full">
            {t('admin.audit.filter')}
          </button>
        </div>
      </Form>
      {f.targetId && (
        <p>
          {t('admin.audit.oneTarget')} <Link to="/admin/audit">{t('admin.audit.showAll')}</Link>
        </p>
      )}
      {items.length === 0 ? (
        <p role="status">{t('admin.audit.none')}</p>
      ) : (
        <DataTable
          id="audit-caption"
          caption={t('admin.audit.caption', { count: total })}
          columns={[
            t('admin.audit.columns.when'),
            t('admin.audit.columns.actor'),
            t('admin.audit.columns.action'),
            t('admin.audit.columns.target'),
            t('admin.audit.columns.reason'),
            t('admin.audit.columns.details'),
          ]}
        >
          {items.map((e) => {
            const href = targetHref(e)
            const target = `${targetTypeLabel(t, e.targetType)} ${e.targetId}`
            return (
              <tr key={e.id} className="border-b border-stone-300 align-top">
                <td className="p-2 whitespace-nowrap">{formatDateTime(locale, e.createdAt, timeZone)}</td>
                <td className="p-2">{e.actor ? <Link to={`/admin/users/${e.actor.id}`}>{e.actor.name}</Link> : t('admin.audit.system')}</td>
                <th scope="row" className="p-2 font-semibold">
                  {auditActionLabel(t, e.action)}
                </th>
                <td className="p-2 break-all">{href ? <Link to={href}>{target}</Link> : target}</td>
                <td className="p-2 whitespace-pre-wrap">{e.reason ?? '—'}</td>
                <td className="p-2">
                  <Details data={e.data} />
                </td>
              </tr>
            )
          })}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}
