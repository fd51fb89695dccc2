import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { requireCan } from '~/lib/http.server'
import { useT } from '~/lib/i18n'
import { requireSessionAuth } from '~/modules/auth/session.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  return null
}

const SECTIONS = [
  { to: '/settings', key: 'profile', end: true },
  { to: '/settings/password', key: 'password', end: false },
  { to: '/settings/sessions', key: 'sessions', end: false },
  { to: '/settings/tokens', key: 'tokens', end: false },
] as const

export default function SettingsLayout() {
  const t = useT()
  return (
    <div className="grid gap-6 md:grid-cols-[13rem_1fr] md:gap-10">
      <nav aria-label={t('settings.nav.label')}>
        <p className="mb-2 text-sm font-semibold uppercase tracking-wide text-stone-700">{t('settings.nav.heading')}</p>
        <ul className="flex flex-wrap gap-1 md:flex-col">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink
                to={s.to}
                end={s.end}
                className={({ isActive }) =>
                  `flex min-h-11 items-center rounded-md px-3 font-medium no-underline hover:bg-brand-50 ${
                    isActive ? 'bg-brand-50 text-brand-800 underline decoration-2 underline-offset-4' : 'text-stone-800'
                  }`
                }
              >
                {t(`settings.nav.${s.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  )
}
