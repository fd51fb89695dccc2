import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SelectField, TextField } from '~/components/forms'
import { Pagination } from '~/components/Pagination'
import { pageParam, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { optionalText, z } from '~/lib/validation'
import { PLATFORM_ROLES } from '~/modules/admin/labels'
import { isIndefinite } from '~/modules/auth/suspension'
import { searchUsers } from '~/modules/admin/users.server'
import { requireAuth } from '~/modules/auth/session.server'
import { DataTable } from '~/components/DataTable'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'admin.users.title')

// A filter that does not parse is simply not applied: a mistyped URL shows everyone, not an error.
const filters = z.object({
  q: optionalText(100).catch(undefined),
  role: z.enum(PLATFORM_ROLES).optional().catch(undefined),
  suspended: z.enum(['yes', 'no']).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'user.list', null)
  const url = new URL(request.url)
  const f = filters.parse(Object.fromEntries(url.searchParams))
  const result = await searchUsers({
    q: f.q,
    role: f.role,
    suspended: f.suspended === undefined ? undefined : f.suspended === 'yes',
    page: pageParam(url),
  })
  return { ...result, filters: f, now: Date.now() }
}

export default function AdminUsers() {
  const { items, total, page, pages, filters: f, now } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('admin.users.title')}</h1>
      <Form
        method="get"
        role="search"
        aria-label={t('admin.users.searchLabel')}
        className="card grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end"
      >
        <TextField name="q" type="search" label={t('admin.users.q')} defaultValue={f.q ?? ''} maxLength={100} />
        <SelectField
          name="role"
          label={t('admin.users.role')}
          defaultValue={f.role ?? ''}
          options={[
            { value: '', label: t('admin.users.allRoles') },
            ...PLATFORM_ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) })),
          ]}
        />
        <SelectField
          name="suspended"
          label={t('admin.users.suspended')}
          defaultValue={f.suspended ?? ''}
          options={[
            { value: '', label: t('admin.users.anyStatus') },
            { value: 'yes', label: t('admin.users.onlySuspended') },
            { value: 'no', label: t('admin.users.notSuspended') },
          ]}
        />
        <div className="mb-4">
          <button type="submit" className="btn-primary w-full">
            {t('common.actions.search')}
          </button>
        </div>
      </Form>

      {items.length === 0 ? (
        <p role="status">{t('admin.users.none')}</p>
      ) : (
        <DataTable
          id="users-caption"
          caption={t('admin.users.caption', { count: total })}
          columns={[
            t('admin.users.columns.name'),
            t('admin.users.columns.email'),
            t('admin.users.columns.role'),
            t('admin.users.columns.status'),
            t('admin.users.columns.joined'),
          ]}
        >
          {items.map((u) => {
            const suspended = u.suspendedUntil && new Date(u.suspendedUntil).getTime() > now
            return (
              <tr key={u.id} className="border-b border-stone-300 align-top">
                <th scope="row" className="p-2 font-normal">
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </th>
                <td className="p-2 break-all">{u.email}</td>
                <td className="p-2">{t(`admin.roles.${u.role}`)}</td>
                <td className="p-2">
                  {suspended ? (
                    <span className="font-semibold text-red-800">
                      {isIndefinite(u.suspendedUntil!)
                        ? t('admin.status.suspendedIndefinitely')
                        : t('admin.status.suspendedUntil', { date: formatDateTime(locale, u.suspendedUntil!, timeZone, 'date') })}
                    </span>
                  ) : u.emailVerifiedAt ? (
                    t('admin.status.active')
                  ) : (
                    t('admin.status.unverified')
                  )}
                </td>
                <td className="p-2 whitespace-nowrap">{formatDateTime(locale, u.createdAt, timeZone, 'date')}</td>
              </tr>
            )
          })}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}
