import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { NavList } from '~/components/NavList'
import { can } from '~/lib/policy'
import { useT } from '~/lib/i18n'
import { requireAuth } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin'] }

/** Signed out → sign in; signed in without admin rights (or, for moderators, the audit log) → 403. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  const admin = can(actor, 'admin.access', null)
  const audit = can(actor, 'audit.view', null)
  if (!admin && !audit) throw new Response('Forbidden', { status: 403 })
  return {
    sections: [
      { to: '/admin', key: 'dashboard', end: true, show: admin },
      { to: '/admin/users', key: 'users', end: false, show: admin && can(actor, 'user.list', null) },
      { to: '/admin/orgs', key: 'orgs', end: false, show: admin },
      { to: '/admin/mail', key: 'mail', end: false, show: can(actor, 'mail.outbox.view', null) },
      { to: '/admin/audit', key: 'audit', end: false, show: audit },
    ].filter((s) => s.show),
  }
}

export default function AdminLayout() {
  const { sections } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="space-y-6">
      <nav aria-label={t('admin.nav.label')} className="border-b border-stone-300 pb-2">
        <NavList className="flex flex-wrap gap-1" items={sections.map((s) => ({ to: s.to, end: s.end, label: t(`admin.nav.${s.key}`) }))} />
      </nav>
      <Outlet />
    </div>
  )
}
