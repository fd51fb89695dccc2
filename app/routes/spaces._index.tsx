import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { CursorPager, pickText, SpaceBadges, SpaceIcon, spaceName } from '~/components/spaces/SpaceParts'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { useLiveRevalidation } from '~/lib/live'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { getAuth } from '~/modules/auth/session.server'
import { listSpaces } from '~/modules/spaces/list.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'notifications', 'spaces'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'spaces.list.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const locale = resolveLocale(request, auth.user?.locale)
  const url = new URL(request.url)
  const mine = url.searchParams.get('mine') === '1' && !!auth.actor
  const archived = url.searchParams.get('archived') === '1'
  const cursor = url.searchParams.get('cursor')
  const { items, nextCursor } = await listSpaces(auth.actor, { cursor, mine, archived, locale })
  return {
    items,
    nextCursor,
    isFirst: !cursor,
    mine,
    archived,
    signedIn: !!auth.user,
    canCreate: can(auth.actor, 'space.create', null),
  }
}

function filterHref(filter: { mine?: boolean; archived?: boolean }, cursor?: string | null) {
  const params = new URLSearchParams()
  if (filter.mine) params.set('mine', '1')
  if (filter.archived) params.set('archived', '1')
  if (cursor) params.set('cursor', cursor)
  const qs = params.toString()
  return qs ? `/spaces?${qs}` : '/spaces'
}

export default function SpaceList() {
  const data = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const location = useLocation()
  useLiveRevalidation(data.items.map((s) => `space:${s.id}`))
  const filters = [
    { key: 'all', href: filterHref({}), current: !data.mine && !data.archived },
    ...(data.signedIn ? [{ key: 'mine', href: filterHref({ mine: true }), current: data.mine }] : []),
    { key: 'archived', href: filterHref({ archived: true }), current: data.archived },
  ]
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-3xl font-bold">{t('spaces.list.title')}</h1>
          <p className="mt-2 text-stone-700">{t('spaces.list.intro')}</p>
        </div>
        {data.canCreate && (
          <Link to="/spaces/new" className="btn-primary">
            {t('spaces.list.create')}
          </Link>
        )}
      </div>

      <nav aria-label={t('spaces.list.filters')} className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {filters.map((f) => (
            <li key={f.key}>
              <Link to={f.href} aria-current={f.current ? 'page' : undefined} className={f.current ? 'btn-primary' : 'btn-secondary'}>
                {t(`spaces.list.filter.${f.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {data.items.length === 0 ? (
        <p className="card" data-testid="spaces-empty">
          {t(data.mine ? 'spaces.list.emptyMine' : data.archived ? 'spaces.list.emptyArchived' : 'spaces.list.empty')}
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={t('spaces.list.listLabel')} data-testid="space-list">
          {data.items.map((s) => {
            const description = pickText(locale, s.descriptionTr, s.descriptionEn)
            const name = spaceName(locale, s)
            return (
              <li key={s.id} className="card flex gap-4" data-testid="space-item">
                <SpaceIcon icon={s.icon} color={s.color} />
                <div className="min-w-0 flex-1">
                  <h2 className="text-lg font-semibold break-words">
                    <Link to={`/spaces/${s.slug}`}>{name}</Link>
                  </h2>
                  <div className="mt-1">
                    <SpaceBadges visibility={s.visibility} safeSpace={s.safeSpace} archived={!!s.archivedAt} />
                  </div>
                  {description && (
                    <p lang={description.lang} className="mt-2 line-clamp-3 break-words text-stone-700">
                      {description.text}
                    </p>
                  )}
                  <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700">
                    <div className="flex gap-1">
                      <dt className="sr-only">{t('spaces.list.threads')}</dt>
                      <dd>{t('spaces.list.threadCount', { count: s.threadCount })}</dd>
                    </div>
                    <div className="flex gap-1">
                      <dt>{t('spaces.list.lastActivity')}</dt>
                      <dd>{s.lastActivityAt ? formatDateTime(locale, s.lastActivityAt, timeZone) : t('spaces.list.noActivity')}</dd>
                    </div>
                  </dl>
                  {(s.unread !== null || s.membership) && (
                    <p className="mt-2 flex flex-wrap gap-2 text-sm">
                      {!!s.unread && (
                        <span className="rounded-full bg-brand-700 px-2 py-0.5 font-semibold text-white" data-testid="space-unread">
                          {t('spaces.list.unread', { count: s.unread })}
                        </span>
                      )}
                      {s.membership && (
                        <span className="rounded-full border border-brand-700 px-2 py-0.5 text-brand-800">
                          {t(s.membership.following ? 'spaces.list.joinedFollowing' : 'spaces.list.joined')}
                        </span>
                      )}
                    </p>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
      <CursorPager
        next={data.nextCursor ? filterHref({ mine: data.mine, archived: data.archived }, data.nextCursor) : null}
        firstHref={filterHref({ mine: data.mine, archived: data.archived })}
        isFirst={data.isFirst && !location.search.includes('cursor=')}
      />
    </div>
  )
}
