import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { getAuth } from '~/modules/auth/session.server'
import { homeOverview } from '~/modules/home/overview.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['home', 'settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'home.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const overview = await homeOverview(auth.user?.id ?? null)
  // An org admin's own organizations with requests to join they may decide (the policy says who may).
  const memberships = overview.memberships.map((m) => ({
    slug: m.org.slug,
    name: m.org.name,
    label: m.status === 'ACTIVE' ? m.role : m.status,
    requests: m.pending > 0 && can(auth.actor, 'org.manageMembers', m.org) ? m.pending : 0,
  }))
  const { orgCount, themeCount } = overview
  return { signedIn: !!auth.user, verified: !!auth.user?.emailVerifiedAt, name: auth.user?.name ?? null, orgCount, themeCount, memberships }
}

const SECTIONS = ['spaces', 'meetings', 'civilSpace', 'exchange', 'resources'] as const
const SECTION_PATHS = { spaces: '/spaces' }

export default function Home() {
  const data = useLoaderData<typeof loader>()
  const { t } = useI18n()
  return (
    <div className="space-y-10">
      <section aria-labelledby="hero" className="space-y-4">
        <h1 id="hero" className="text-3xl font-bold sm:text-4xl">
          {data.name ? t('home.welcomeBack', { name: data.name }) : t('home.hero.title')}
        </h1>
        <p className="max-w-2xl text-lg text-stone-700">{t('home.hero.body')}</p>
        {!data.signedIn && (
          <p className="flex flex-wrap gap-3">
            <Link to="/signup" className="btn-primary">
              {t('home.hero.join')}
            </Link>
            <Link to="/orgs" className="btn-secondary">
              {t('home.hero.browse', { count: data.orgCount })}
            </Link>
          </p>
        )}
      </section>

      {data.signedIn && (
        <section aria-labelledby="your-orgs" className="card">
          <h2 id="your-orgs" className="text-xl font-semibold">
            {t('home.yourOrgs.title')}
          </h2>
          {data.memberships.length === 0 ? (
            <p className="mt-2">
              {t('home.yourOrgs.none')} <Link to="/orgs">{t('home.yourOrgs.find')}</Link>
            </p>
          ) : (
            <ul className="mt-2 space-y-1">
              {data.memberships.map((m) => (
                <li key={m.slug}>
                  <Link to={`/orgs/${m.slug}`}>{m.name}</Link>{' '}
                  <span className="text-stone-700">({t(`home.yourOrgs.status.${m.label}`)})</span>
                  {m.requests > 0 && (
                    <>
                      {' — '}
                      <Link to={`/orgs/${m.slug}/members`} className="font-semibold">
                        {t('home.yourOrgs.requests', { count: m.requests })}
                      </Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="what" className="space-y-4">
        <h2 id="what" className="text-2xl font-semibold">
          {t('home.sections.title')}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {SECTIONS.map((s) => (
            <li key={s} className="card">
              <h3 className="text-lg font-semibold">
                {/* Only working areas are links (issue 10, item 8.3); the others are still being built. */}
                {s in SECTION_PATHS ? (
                  <Link to={SECTION_PATHS[s as keyof typeof SECTION_PATHS]}>{t(`common.nav.${s}`)}</Link>
                ) : (
                  t(`common.nav.${s}`)
                )}
              </h3>
              <p className="mt-2 text-stone-700">{t(`home.sections.${s}`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
