import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorSummary, SelectField, StatusMessage, TextField, useFormResult, valueOf, type FormResult } from '~/components/forms'
import { Pagination } from '~/components/Pagination'
import { appUrl } from '~/lib/origin.server'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { pageParam, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { ForbiddenError } from '~/lib/policy'
import { optionalText, text, z } from '~/lib/validation'
import { requireAuth } from '~/modules/auth/session.server'
import { decideOrganization, listOrganizationsForAdmin } from '~/modules/orgs/decide.server'
import { OrgError } from '~/modules/orgs/errors'
import { DataTable } from '~/components/DataTable'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'admin', 'mail', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'admin.orgs.title')

const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const
const QUEUE_SIZE = 50
const PAGE_SIZE = 25

const filters = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  q: optionalText(100).catch(undefined),
})

/** Empty says "required"; two letters say "too short": a reason the person can act on. */
const reasonText = text({ max: 1000 }).pipe(z.string().min(3))

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'admin.access', null)
  const url = new URL(request.url)
  const f = filters.parse(Object.fromEntries(url.searchParams))
  const [queue, all] = await Promise.all([
    listOrganizationsForAdmin({ status: 'PENDING', page: 1, pageSize: QUEUE_SIZE }),
    listOrganizationsForAdmin({ status: f.status, q: f.q, page: pageParam(url), pageSize: PAGE_SIZE }),
  ])
  return { queue, all, filters: f }
}

const decisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), orgId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('reject'), orgId: z.string().min(1).max(64), reason: reasonText }),
])

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'admin.access', null)
  const form = await request.formData()
  const parsed = parseForm(form, decisionSchema)
  if (!parsed.ok) return invalid(parsed)
  const { intent, orgId } = parsed.data
  try {
    const reason = intent === 'reject' ? parsed.data.reason : undefined
    await decideOrganization(actor, orgId, intent === 'approve' ? 'APPROVED' : 'REJECTED', reason, { baseUrl: appUrl() })
  } catch (e) {
    // The policy refuses deciding an organization that is no longer pending: say that, not "forbidden".
    if (e instanceof ForbiddenError) return formError(form, 'admin.orgs.errors.notPending', '_form', undefined, 409)
    if (e instanceof OrgError) return formError(form, e.key, e.field, undefined, e.status >= 400 && e.status < 500 ? e.status : 400)
    throw e
  }
  const url = new URL(request.url)
  url.searchParams.set('done', intent === 'approve' ? 'approved' : 'rejected')
  return redirect(`${url.pathname}${url.search}`)
}

export default function AdminOrgs() {
  const { queue, all, filters: f } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const [params] = useSearchParams()
  const done = params.get('done')
  const busy = useNavigation().state === 'submitting'
  const resultFor = (orgId: string): FormResult | undefined => (result?.values.orgId === orgId ? result : undefined)

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">{t('admin.orgs.title')}</h1>
      {(done === 'approved' || done === 'rejected') && !result ? (
        <StatusMessage>{t(`admin.orgs.done.${done}`)}</StatusMessage>
      ) : (
        <StatusMessage />
      )}
      {/* An error about an organization no longer in the queue (decided meanwhile) is shown here. */}
      <ErrorSummary result={result && !queue.items.some((o) => o.id === result.values.orgId) ? result : undefined} />

      <section aria-labelledby="queue" className="space-y-4">
        <h2 id="queue" className="text-2xl font-semibold">
          {t('admin.orgs.queue', { count: queue.total })}
        </h2>
        {queue.items.length === 0 ? (
          <p>{t('admin.orgs.queueEmpty')}</p>
        ) : (
          <ul className="space-y-4">
            {queue.items.map((org) => {
              const own = resultFor(org.id)
              const headingId = `org-${org.id}`
              return (
                <li key={org.id} className="card">
                  <h3 id={headingId} className="text-xl font-semibold">
                    <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
                  </h3>
                  <p className="mt-1 text-stone-700">
                    {t(`orgs.types.${org.type}`)} · {org.city}, {org.country} ·{' '}
                    {t('admin.orgs.registered', { date: formatDateTime(locale, org.createdAt, timeZone) })}
                  </p>
                  {org.createdBy && (
                    <p className="mt-1">
                      {t('admin.orgs.registeredBy')} <Link to={`/admin/users/${org.createdBy.id}`}>{org.createdBy.name}</Link>{' '}
                      <span className="break-all text-stone-700">({org.createdBy.email})</span>
                    </p>
                  )}
                  {(locale === 'tr' ? org.descriptionTr : org.descriptionEn) || org.descriptionTr || org.descriptionEn ? (
                    <p className="mt-2 line-clamp-4 whitespace-pre-wrap">
                      {(locale === 'tr' ? org.descriptionTr : org.descriptionEn) || org.descriptionTr || org.descriptionEn}
                    </p>
                  ) : null}
                  <ErrorSummary result={own} />
                  <div className="mt-4 flex flex-wrap items-start gap-3">
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="orgId" value={org.id} />
                      <button type="submit" className="btn-primary" disabled={busy}>
                        {t('admin.orgs.approve')}
                        <span className="sr-only">: {org.name}</span>
                      </button>
                    </Form>
                    <details className="min-w-0 flex-1" open={own?.values.intent === 'reject'}>
                      <summary className="btn-secondary cursor-pointer">
                        {t('admin.orgs.reject')}
                        <span className="sr-only">: {org.name}</span>
                      </summary>
                      <Form method="post" className="mt-3" noValidate>
                        <input type="hidden" name="intent" value="reject" />
                        <input type="hidden" name="orgId" value={org.id} />
                        <TextField
                          name="reason"
                          label={t('admin.orgs.reason')}
                          hint={t('admin.orgs.reasonHint')}
                          required
                          multiline
                          rows={3}
                          maxLength={1000}
                          defaultValue={valueOf(own, 'reason')}
                          errors={own?.errors.reason}
                        />
                        <button type="submit" className="btn-danger" disabled={busy}>
                          {t('admin.orgs.rejectSubmit')}
                        </button>
                      </Form>
                    </details>
                  </div>
                </li>
              )
            })}
          </ul>
        )}
        {queue.total > queue.items.length && <p>{t('admin.orgs.queueMore', { count: queue.total - queue.items.length })}</p>}
      </section>

      <section aria-labelledby="all-orgs" className="space-y-4">
        <h2 id="all-orgs" className="text-2xl font-semibold">
          {t('admin.orgs.all')}
        </h2>
        <Form method="get" role="search" aria-label={t('admin.orgs.searchLabel')} className="card grid gap-x-4 sm:grid-cols-3 sm:items-end">
          <TextField name="q" type="search" label={t('admin.orgs.q')} defaultValue={f.q ?? ''} maxLength={100} />
          <SelectField
            name="status"
            label={t('admin.orgs.status')}
            defaultValue={f.status ?? ''}
            options={[
              { value: '', label: t('admin.orgs.allStatuses') },
              ...STATUSES.map((s) => ({ value: s, label: t(`admin.orgStatus.${s}`) })),
            ]}
          />
          <div className="mb-4">
            <button type="submit" className="btn-primary w-full">
              {t('common.actions.search')}
            </button>
          </div>
        </Form>
        {all.items.length === 0 ? (
          <p role="status">{t('admin.orgs.none')}</p>
        ) : (
          <DataTable
            id="orgs-caption"
            caption={t('admin.orgs.caption', { count: all.total })}
            columns={[
              t('admin.orgs.columns.name'),
              t('admin.orgs.columns.type'),
              t('admin.orgs.columns.place'),
              t('admin.orgs.columns.status'),
              t('admin.orgs.columns.members'),
              t('admin.orgs.columns.registered'),
            ]}
          >
            {all.items.map((org) => (
              <tr key={org.id} className="border-b border-stone-300 align-top">
                <th scope="row" className="p-2 font-normal">
                  <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
                </th>
                <td className="p-2">{t(`orgs.types.${org.type}`)}</td>
                <td className="p-2">
                  {org.city}, {org.country}
                </td>
                <td className="p-2">{t(`admin.orgStatus.${org.status}`)}</td>
                <td className="p-2">{org.memberCount}</td>
                <td className="p-2 whitespace-nowrap">{formatDateTime(locale, org.createdAt, timeZone, 'date')}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={all.page} pages={all.pages} />
      </section>
    </div>
  )
}
