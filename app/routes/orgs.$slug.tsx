import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, TextField, useFormResult, valueOf } from '~/components/forms'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { appUrl } from '~/lib/origin.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { literalTitle, title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { optionalText, z } from '~/lib/validation'
import { getAuth, requireAuth } from '~/modules/auth/session.server'
import { countryName } from '~/modules/orgs/countries'
import { orgErrorResponse } from '~/modules/orgs/http.server'
import { leaveOrganization, requestToJoin } from '~/modules/orgs/membership.server'
import { JOIN_MESSAGE_MAX } from '~/modules/orgs/form'
import { findVisibleOrg, loadProfile } from '~/modules/orgs/profile.server'
import { Description, OrgLogo, themeLabel } from '~/components/orgs/OrgParts'
import { PersonLink } from '~/components/people/PersonLink'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'mail', 'notifications'] }

const DONE = ['created', 'saved', 'requested', 'withdrawn', 'left', 'steppedDown'] as const
type Done = (typeof DONE)[number]

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? literalTitle(data.org.name) : title(matches, 'common.error.notFoundTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const locale = resolveLocale(request, auth.user?.locale)
  const profile = await loadProfile(params.slug ?? '', auth.actor, locale)
  if (!profile) throw new Response('Not Found', { status: 404 })
  const done = new URL(request.url).searchParams.get('done')
  return { ...profile, done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null }
}

const joinSchema = z.object({ message: optionalText(JOIN_MESSAGE_MAX) })

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  const org = await findVisibleOrg(params.slug ?? '', actor)
  if (!org) throw new Response('Not Found', { status: 404 })
  const form = await request.formData()
  const intent = form.get('intent')
  const here = `/orgs/${org.slug}`
  try {
    if (intent === 'join') {
      const own = actor.memberships.find((m) => m.orgId === org.id && m.status !== 'DECLINED')
      // A second click on "Ask to join" (or a stale tab) just shows where things stand.
      if (own) return redirect(here)
      if (!actor.verified) return formError(form, 'orgs.join.errors.unverified')
      if (!can(actor, 'org.requestJoin', org)) throw new Response('Forbidden', { status: 403 })
      const parsed = parseForm(form, joinSchema)
      if (!parsed.ok) return invalid(parsed)
      await requestToJoin(actor, org.id, { message: parsed.data.message }, { baseUrl: appUrl() })
      return redirect(`${here}?done=requested`)
    }
    if (intent === 'leave') {
      const own = actor.memberships.find((m) => m.orgId === org.id)
      await leaveOrganization(actor, org.id)
      return redirect(`${here}?done=${own?.status === 'PENDING' ? 'withdrawn' : 'left'}`)
    }
  } catch (e) {
    return orgErrorResponse(e, form)
  }
  return formError(form, 'validation.invalid')
}

export default function OrgProfile() {
  const { org, viewer, members, pendingCount, done } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const here = `/orgs/${org.slug}`
  const m = viewer.membership
  return (
    <article className="space-y-6">
      <StatusMessage>{done ? t(`orgs.profile.done.${done}`) : null}</StatusMessage>

      {org.status === 'PENDING' && (
        <div className="rounded-md border-2 border-amber-600 bg-amber-50 p-4" data-testid="org-pending">
          <p className="font-semibold">{t('orgs.profile.pendingTitle')}</p>
          <p className="mt-1">{t(viewer.isPlatformAdmin ? 'orgs.profile.pendingAdmin' : 'orgs.profile.pendingBody')}</p>
          {viewer.isPlatformAdmin && (
            <p className="mt-2">
              <Link to="/admin/orgs">{t('orgs.profile.pendingAdminLink')}</Link>
            </p>
          )}
        </div>
      )}
      {org.status === 'REJECTED' && (
        <div className="rounded-md border-2 border-red-700 bg-red-50 p-4">
          <p className="font-semibold">{t('orgs.profile.rejectedTitle')}</p>
          <p className="mt-1">{t('orgs.profile.rejectedBody')}</p>
        </div>
      )}

      <header className="flex flex-wrap items-start gap-4">
        <OrgLogo url={org.logoUrl} size={96} alt={t('orgs.profile.logoAlt', { name: org.name })} />
        <div className="min-w-0 flex-1">
          <h1 className="text-3xl font-bold break-words">{org.name}</h1>
          <p className="mt-1 text-stone-700">
            {t(`orgs.types.${org.type}`)} · {org.city}, {countryName(org.country, locale)}
          </p>
          {org.website && (
            <p className="mt-1 break-all">
              <a href={org.website} rel="noopener noreferrer" target="_blank">
                {org.website.replace(/^https:\/\//, '').replace(/\/$/, '')}
                <span className="sr-only"> {t('orgs.profile.opensInNewTab')}</span>
              </a>
            </p>
          )}
        </div>
        {(viewer.canEdit || viewer.canManage) && (
          <nav aria-label={t('orgs.profile.manageNav')} className="flex flex-wrap gap-2">
            {viewer.canEdit && (
              <Link to={`${here}/edit`} className="btn-secondary">
                {t('orgs.profile.edit')}
              </Link>
            )}
            {viewer.canManage && (
              <Link to={`${here}/members`} className="btn-secondary">
                {pendingCount > 0 ? t('orgs.profile.manageMembersPending', { count: pendingCount }) : t('orgs.profile.manageMembers')}
              </Link>
            )}
          </nav>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="about" className="card">
            <h2 id="about" className="mb-2 text-xl font-semibold">
              {t('orgs.profile.about')}
            </h2>
            <Description org={org} />
          </section>
          {org.themes.length > 0 && (
            <section aria-labelledby="themes" className="card">
              <h2 id="themes" className="mb-2 text-xl font-semibold">
                {t('orgs.profile.themes')}
              </h2>
              <ul className="flex flex-wrap gap-2">
                {org.themes.map((th) => (
                  <li key={th.slug}>
                    <Link
                      to={`/orgs?theme=${encodeURIComponent(th.slug)}`}
                      className="inline-flex min-h-11 items-center rounded-full border border-stone-300 bg-stone-50 px-3"
                    >
                      {themeLabel(th, locale)}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>

        <div className="space-y-6">
          {org.status === 'APPROVED' && (
            <section aria-labelledby="membership" className="card">
              <h2 id="membership" className="mb-2 text-xl font-semibold">
                {t('orgs.profile.membership')}
              </h2>
              <ErrorSummary result={result} />
              {m?.status === 'ACTIVE' && (
                <p data-testid="membership-state">{t(m.role === 'ADMIN' ? 'orgs.profile.youAreAdmin' : 'orgs.profile.youAreMember')}</p>
              )}
              {m?.status === 'PENDING' && (
                <p data-testid="membership-state" className="font-medium">
                  {t('orgs.profile.requestPending')}
                </p>
              )}
              {m?.status === 'DECLINED' && <p data-testid="membership-state">{t('orgs.profile.requestDeclined')}</p>}
              {viewer.canJoin ? (
                <Form method="post" className="mt-3">
                  <TextField
                    name="message"
                    label={t('orgs.join.message')}
                    hint={t('orgs.join.messageHint')}
                    multiline
                    rows={3}
                    maxLength={JOIN_MESSAGE_MAX}
                    defaultValue={valueOf(result, 'message')}
                    errors={result?.errors.message}
                  />
                  <button type="submit" name="intent" value="join" className="btn-primary" disabled={busy}>
                    {t('orgs.join.submit')}
                  </button>
                </Form>
              ) : !viewer.signedIn ? (
                <p>
                  <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('orgs.join.signIn')}</Link>
                </p>
              ) : !viewer.verified && !m ? (
                <p>{t('orgs.join.verifyFirst')}</p>
              ) : null}
              {viewer.canLeave && m && m.status !== 'DECLINED' && (
                <Form method="post" className="mt-3">
                  <button type="submit" name="intent" value="leave" className="btn-secondary" disabled={busy}>
                    {t(m.status === 'PENDING' ? 'orgs.leave.withdraw' : 'orgs.leave.submit')}
                  </button>
                </Form>
              )}
            </section>
          )}

          <section aria-labelledby="members" className="card">
            <h2 id="members" className="mb-2 text-xl font-semibold">
              {t('orgs.profile.members')}
            </h2>
            <p data-testid="member-count">{t('orgs.profile.memberCount', { count: org.memberCount })}</p>
            {members ? (
              members.length > 0 && (
                <ul className="mt-2 space-y-2">
                  {members.map((p) => (
                    <li key={p.id}>
                      <PersonLink person={p} />
                      {p.role === 'ADMIN' && <span className="text-stone-700"> ({t('orgs.roles.ADMIN')})</span>}
                    </li>
                  ))}
                </ul>
              )
            ) : (
              <p className="mt-2 text-sm text-stone-700">
                <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('orgs.profile.signInForMembers')}</Link>
              </p>
            )}
            <p className="mt-3 text-sm text-stone-700">
              {t('orgs.profile.since', { date: formatDateTime(locale, org.createdAt, timeZone, 'date') })}
            </p>
          </section>
        </div>
      </div>
      <p>
        <Link to="/orgs">{t('orgs.profile.backToDirectory')}</Link>
      </p>
    </article>
  )
}
