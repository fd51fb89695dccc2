import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireCan } from '~/lib/http.server'
import { formatNumber, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { adminCounts } from '~/modules/admin/dashboard.server'
import { smtpConfigured } from '~/modules/admin/outbox.server'
import { requireAuth } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin', 'mail'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'admin.dashboard.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  // Moderators may read the audit log but nothing else here: send them straight to it.
  if (!can(actor, 'admin.access', null) && can(actor, 'audit.view', null)) throw redirect('/admin/audit')
  requireCan(actor, 'admin.access', null)
  return { counts: await adminCounts(), smtp: smtpConfigured() }
}

const CARDS = [
  { key: 'users', to: '/admin/users' },
  { key: 'suspendedUsers', to: '/admin/users?suspended=yes' },
  { key: 'pendingOrgs', to: '/admin/orgs' },
  { key: 'heldMails', to: '/admin/mail?status=HELD' },
  { key: 'failedMails', to: '/admin/mail?status=FAILED' },
] as const

export default function AdminDashboard() {
  const { counts, smtp } = useLoaderData<typeof loader>()
  const { t, locale } = useI18n()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('admin.dashboard.title')}</h1>
      {!smtp && (
        <p className="rounded-md border-2 border-amber-600 bg-amber-50 p-3 text-amber-950">
          <strong>{t('admin.mail.noSmtp.title')}</strong> {t('admin.mail.noSmtp.short')}{' '}
          <Link to="/admin/mail?status=HELD">{t('admin.dashboard.readHeld')}</Link>
        </p>
      )}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {CARDS.map((c) => (
          <li key={c.key} className="card">
            <Link to={c.to} className="block no-underline">
              <span className="block text-4xl font-bold text-stone-900">{formatNumber(locale, counts[c.key])}</span>
              <span className="mt-1 block text-lg underline">{t(`admin.dashboard.${c.key}`, { count: counts[c.key] })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
