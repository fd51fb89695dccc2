import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SelectField } from '~/components/forms'
import { Pagination } from '~/components/Pagination'
import { pageParam, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { z } from '~/lib/validation'
import { listOutboxMail, smtpConfigured } from '~/modules/admin/outbox.server'
import { MAIL_STATUSES } from '~/modules/admin/labels'
import { NoSmtpNotice } from '~/components/admin/AdminParts'
import { requireAuth } from '~/modules/auth/session.server'
import { DataTable } from '~/components/DataTable'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin', 'mail'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'admin.mail.title')

const statusFilter = z.enum(MAIL_STATUSES).optional().catch(undefined)

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'mail.outbox.view', null)
  const url = new URL(request.url)
  const status = statusFilter.parse(url.searchParams.get('status') ?? undefined)
  const result = await listOutboxMail({ status, page: pageParam(url) })
  return { ...result, status, smtp: smtpConfigured() }
}

export default function AdminMail() {
  const { items, total, page, pages, status, smtp } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('admin.mail.title')}</h1>
      <p className="max-w-prose">{t('admin.mail.intro')}</p>
      {!smtp && <NoSmtpNotice />}
      <Form method="get" role="search" aria-label={t('admin.mail.filterLabel')} className="card flex flex-wrap items-end gap-x-4">
        <div className="min-w-48 flex-1">
          <SelectField
            name="status"
            label={t('admin.mail.status')}
            defaultValue={status ?? ''}
            options={[
              { value: '', label: t('admin.mail.allStatuses') },
              ...MAIL_STATUSES.map((s) => ({ value: s, label: t(`admin.mailStatus.${s}`) })),
            ]}
          />
        </div>
        <div className="mb-4">
          <button type="submit" className="btn-primary">
            {t('admin.mail.filter')}
          </button>
        </div>
      </Form>
      {items.length === 0 ? (
        <p role="status">{t('admin.mail.none')}</p>
      ) : (
        <DataTable
          id="mail-caption"
          caption={t('admin.mail.caption', { count: total })}
          small
          columns={[
            t('admin.mail.columns.subject'),
            t('admin.mail.columns.status'),
            t('admin.mail.columns.to'),
            t('admin.mail.columns.template'),
            t('admin.mail.columns.language'),
            t('admin.mail.columns.attempts'),
            t('admin.mail.columns.lastError'),
            t('admin.mail.columns.created'),
            t('admin.mail.columns.sent'),
          ]}
        >
          {items.map((m) => (
            <tr key={m.id} className="border-b border-stone-300 align-top">
              <th scope="row" className="p-2 font-normal">
                <Link to={`/admin/mail/${m.id}`}>{m.subject}</Link>
              </th>
              <td className="p-2 font-semibold">{t(`admin.mailStatus.${m.status}`)}</td>
              <td className="p-2 break-all">{m.to}</td>
              <td className="p-2 font-mono">{m.template}</td>
              <td className="p-2">{m.locale === 'tr' || m.locale === 'en' ? t(`common.language.${m.locale}`) : m.locale}</td>
              <td className="p-2">{m.attempts}</td>
              <td className="max-w-64 p-2 break-words">{m.lastError ?? '—'}</td>
              <td className="p-2 whitespace-nowrap">{formatDateTime(locale, m.createdAt, timeZone)}</td>
              <td className="p-2 whitespace-nowrap">{m.sentAt ? formatDateTime(locale, m.sentAt, timeZone) : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}
