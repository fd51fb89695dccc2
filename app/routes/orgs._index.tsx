import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pagination } from '~/components/Pagination'
import { pageParam } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { getAuth } from '~/modules/auth/session.server'
import { countryName } from '~/modules/orgs/countries'
import { listCities, listThemes, searchOrganizations } from '~/modules/orgs/directory.server'
import { directoryQuery, ORG_TYPES } from '~/modules/orgs/form'
import { Description, OrgLogo, themeLabel } from '~/components/orgs/OrgParts'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'orgs.directory.title')

const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const locale = resolveLocale(request, auth.user?.locale)
  const url = new URL(request.url)
  const filters = directoryQuery(url)
  const [result, cities, themes] = await Promise.all([
    searchOrganizations({ ...filters, page: pageParam(url), pageSize: PAGE_SIZE, locale }),
    listCities(locale),
    listThemes(),
  ])
  return {
    ...result,
    filters,
    cities,
    themes: themes.map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
    signedIn: !!auth.user,
    canCreate: can(auth.actor, 'org.create', null),
  }
}

export default function Directory() {
  const data = useLoaderData<typeof loader>()
  const { t, locale } = useI18n()
  const { filters } = data
  const filtered = !!(filters.q || filters.city || filters.theme || filters.type)
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-3xl font-bold">{t('orgs.directory.title')}</h1>
          <p className="mt-2 text-stone-700">{t('orgs.directory.intro')}</p>
        </div>
        {data.canCreate ? (
          <Link to="/orgs/new" className="btn-primary">
            {t('orgs.directory.register')}
          </Link>
        ) : !data.signedIn ? (
          <Link to="/login?redirectTo=%2Forgs%2Fnew" className="btn-secondary">
            {t('orgs.directory.signInToRegister')}
          </Link>
        ) : null}
      </div>

      <div className="card mb-6">
        <Form method="get" role="search" aria-label={t('orgs.directory.searchLabel')}>
          <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
            <div className="mb-4 sm:col-span-2 lg:col-span-4">
              <label htmlFor="org-q" className="block font-medium">
                {t('orgs.directory.q')}
              </label>
              <input id="org-q" name="q" type="search" className="input mt-1" maxLength={100} defaultValue={filters.q ?? ''} />
            </div>
            <div className="mb-4">
              <label htmlFor="org-city" className="block font-medium">
                {t('orgs.directory.city')}
              </label>
              <select id="org-city" name="city" className="input mt-1" defaultValue={filters.city ?? ''}>
                <option value="">{t('orgs.directory.allCities')}</option>
                {data.cities.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className="mb-4">
              <label htmlFor="org-theme" className="block font-medium">
                {t('orgs.directory.theme')}
              </label>
              <select id="org-theme" name="theme" className="input mt-1" defaultValue={filters.theme ?? ''}>
                <option value="">{t('orgs.directory.allThemes')}</option>
                {data.themes.map((th) => (
                  <option key={th.slug} value={th.slug}>
                    {themeLabel(th, locale)}
                  </option>
                ))}
              </select>
            </div>
            <div className="mb-4">
              <label htmlFor="org-type" className="block font-medium">
                {t('orgs.directory.type')}
              </label>
              <select id="org-type" name="type" className="input mt-1" defaultValue={filters.type ?? ''}>
                <option value="">{t('orgs.directory.allTypes')}</option>
                {ORG_TYPES.map((v) => (
                  <option key={v} value={v}>
                    {t(`orgs.types.${v}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="mb-4 flex items-end gap-2">
              <button type="submit" className="btn-primary">
                {t('common.actions.search')}
              </button>
              {filtered && (
                <Link to="/orgs" className="btn-link">
                  {t('orgs.directory.clear')}
                </Link>
              )}
            </div>
          </div>
        </Form>
      </div>

      <p role="status" className="mb-4 font-medium" data-testid="org-count">
        {data.total === 0
          ? t(filtered ? 'orgs.directory.noneFound' : 'orgs.directory.empty')
          : t('orgs.directory.found', { count: data.total })}
      </p>

      {data.items.length > 0 && (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={t('orgs.directory.listLabel')}>
          {data.items.map((org) => (
            <li key={org.id} className="card flex gap-4">
              <OrgLogo url={org.logoUrl} size={56} />
              <div className="min-w-0 flex-1">
                <h2 className="text-lg font-semibold">
                  <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
                </h2>
                <p className="text-sm text-stone-700">
                  {t(`orgs.types.${org.type}`)} · {org.city}, {countryName(org.country, locale)}
                </p>
                <div className="mt-2">
                  <Description org={org} excerpt />
                </div>
                {org.themes.length > 0 && (
                  <ul className="mt-2 flex flex-wrap gap-1" aria-label={t('orgs.profile.themes')}>
                    {org.themes.map((th) => (
                      <li key={th.slug} className="rounded-full border border-stone-300 bg-stone-50 px-2 py-0.5 text-sm">
                        {themeLabel(th, locale)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pages={data.pages} />
    </div>
  )
}
