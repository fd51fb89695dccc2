import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { NavList } from '~/components/NavList'
import { requireCan } from '~/lib/http.server'
import { useT } from '~/lib/i18n'
import { requireSessionAuth } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  return null
}

const SECTIONS = [
  { to: '/settings', key: 'profile', end: true },
  { to: '/settings/public-profile', key: 'publicProfile', end: false },
  { to: '/settings/password', key: 'password', end: false },
  { to: '/settings/sessions', key: 'sessions', end: false },
  { to: '/settings/notifications', key: 'notifications', end: false },
  { to: '/settings/tokens', key: 'tokens', end: false },
] as const

export default function SettingsLayout() {
  const t = useT()
  return (
    <div className="grid gap-6 md:grid-cols-[13rem_1fr] md:gap-10">
      <nav aria-label={t('settings.nav.label')}>
        <p className="mb-2 text-sm font-semibold uppercase tracking-wide text-stone-700">{t('settings.nav.heading')}</p>
        <NavList
          className="flex flex-wrap gap-1 md:flex-col"
          items={SECTIONS.map((s) => ({ to: s.to, end: s.end, label: t(`settings.nav.${s.key}`) }))}
        />
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  )
}
