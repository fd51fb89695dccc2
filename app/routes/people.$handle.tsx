import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { PostBody } from '~/components/content/PostBody'
import { Avatar } from '~/components/people/Avatar'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { literalTitle, title } from '~/lib/meta'
import { getAuth } from '~/modules/auth/session.server'
import { loadPersonProfile, type PersonProfile } from '~/modules/people/profile.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['people', 'settings'] }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.kind === 'profile' ? literalTitle(data.profile.name) : title(matches, 'people.membersOnly.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const found = await loadPersonProfile(params.handle ?? '', auth.actor, resolveLocale(request, auth.user?.locale))
  if (!found) throw new Response('Not Found', { status: 404 })
  // Members-only profiles answer signed-out readers with a page saying so (and a way to sign in).
  if (found.kind === 'membersOnly') return data(found, { status: 401, headers: { 'Cache-Control': 'private, no-store' } })
  return data(found, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function PersonPage() {
  const found = useLoaderData<typeof loader>()
  return found.kind === 'profile' ? <Profile profile={found.profile} /> : <MembersOnly />
}

function MembersOnly() {
  const { t } = useI18n()
  const { pathname } = useLocation()
  return (
    <div className="card max-w-xl">
      <h1 className="mb-2 text-2xl font-bold">{t('people.membersOnly.title')}</h1>
      <p>{t('people.membersOnly.body')}</p>
      <p className="mt-4 flex flex-wrap gap-3">
        <Link to={`/login?redirectTo=${encodeURIComponent(pathname)}`} className="btn-primary">
          {t('people.membersOnly.signIn')}
        </Link>
        <Link to="/signup" className="btn-secondary">
          {t('people.membersOnly.signUp')}
        </Link>
      </p>
    </div>
  )
}

function HiddenNote({ hidden }: { hidden: boolean }) {
  const { t } = useI18n()
  return hidden ? <p className="mb-2 text-sm text-stone-700">{t('people.profile.hiddenFromOthers')}</p> : null
}

function Profile({ profile: p }: { profile: PersonProfile }) {
  const { t, locale, timeZone } = useI18n()
  return (
    <article className="space-y-6" aria-labelledby="profile-name">
      <header className="card flex flex-col gap-4 sm:flex-row sm:items-start">
        <Avatar person={p} url={p.avatarUrl} size={96} label={t('people.profile.avatarAlt', { name: p.name })} />
        <div className="min-w-0 flex-1">
          <h1 id="profile-name" className="break-words text-3xl font-bold">
            {p.name}
          </h1>
          <p className="mt-1 text-stone-700">
            @{p.handle}
            {p.staffRole && (
              <>
                {' · '}
                <span className="font-semibold text-brand-800">{t(`people.staff.${p.staffRole}`)}</span>
              </>
            )}
          </p>
          <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">{t('people.profile.memberSince')}</dt>
            <dd>{formatDateTime(locale, p.memberSince, timeZone, 'date')}</dd>
            {p.city && (
              <>
                <dt className="font-medium">{t('people.profile.city')}</dt>
                <dd className="break-words">{p.city}</dd>
              </>
            )}
            {p.languages.length > 0 && (
              <>
                <dt className="font-medium">{t('people.profile.languages')}</dt>
                <dd>{p.languages.map((l) => l.name).join(', ')}</dd>
              </>
            )}
          </dl>
          {p.own && (
            <p className="mt-3 text-sm">
              {t(p.visibility === 'PUBLIC' ? 'people.profile.ownPublic' : 'people.profile.ownMembers')}{' '}
              <Link to="/settings/public-profile">{t('people.profile.edit')}</Link>
            </p>
          )}
        </div>
      </header>

      {p.aboutHtml && (
        <section aria-labelledby="about" className="card">
          <h2 id="about" className="mb-2 text-xl font-semibold">
            {t('people.profile.about')}
          </h2>
          <PostBody html={p.aboutHtml} />
        </section>
      )}

      {p.organizations && (
        <section aria-labelledby="orgs" className="card">
          <h2 id="orgs" className="mb-2 text-xl font-semibold">
            {t('people.profile.organizations')}
          </h2>
          <HiddenNote hidden={p.hidden.organizations} />
          {p.organizations.length ? (
            <ul className="space-y-1">
              {p.organizations.map((o) => (
                <li key={o.slug}>
                  <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
                  <span className="text-stone-700">{` · ${t(`people.orgRole.${o.role}`)}`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-700">{t('people.profile.noOrganizations')}</p>
          )}
        </section>
      )}

      {p.posts && (
        <section aria-labelledby="posts" className="card">
          <h2 id="posts" className="mb-2 text-xl font-semibold">
            {t('people.profile.recentPosts')}
          </h2>
          <HiddenNote hidden={p.hidden.posts} />
          {p.posts.length ? (
            <ul className="divide-y divide-stone-200">
              {p.posts.map((post) => (
                <li key={`${post.threadId}-${post.number}`} className="py-3">
                  <p>
                    <Link to={`/threads/${post.threadId}/posts/${post.number}`} className="font-medium">
                      {post.threadTitle}
                    </Link>
                  </p>
                  <p className="text-sm text-stone-700">
                    {t('people.profile.postIn', { space: post.space.name })}
                    {' · '}
                    <time dateTime={post.createdAt}>{formatDateTime(locale, post.createdAt, timeZone)}</time>
                  </p>
                  {post.excerpt && <p className="mt-1 break-words">{post.excerpt}</p>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-700">{t('people.profile.noPosts')}</p>
          )}
        </section>
      )}
    </article>
  )
}
