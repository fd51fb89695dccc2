import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { spaceName } from '~/components/spaces/SpaceParts'
import { formError } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { requireAuth } from '~/modules/auth/session.server'
import {
  appointModerator,
  invite,
  listAccess,
  removeInvitation,
  removeModerator,
  searchOrgs,
  searchPeople,
} from '~/modules/spaces/access-admin.server'
import { spaceErrorResponse } from '~/modules/spaces/http.server'
import { getSpaceBySlug } from '~/modules/spaces/space.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'spaces'] }

const DONE = ['invited', 'uninvited', 'appointed', 'unappointed'] as const
type Done = (typeof DONE)[number]

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => title(matches, 'spaces.access.title', { space: data?.name ?? '' })

async function load(request: Request, slug: string | undefined) {
  const auth = await requireAuth(request)
  const found = await getSpaceBySlug(auth.actor, slug ?? '')
  if (!found) throw notFound()
  const rights = {
    invite: can(auth.actor, 'space.invite', found.target),
    appoint: can(auth.actor, 'space.appointModerator', found.target),
  }
  if (!rights.invite && !rights.appoint) throw new Response('Forbidden', { status: 403 })
  return { auth, ...found, rights }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, space, rights } = await load(request, params.slug)
  const url = new URL(request.url)
  const q = url.searchParams.get('q')?.slice(0, 100) ?? ''
  const orgQ = url.searchParams.get('org')?.slice(0, 100) ?? ''
  const isPrivate = space.visibility === 'PRIVATE'
  const [access, people, orgs] = await Promise.all([
    listAccess(space.id),
    searchPeople(q),
    isPrivate && rights.invite ? searchOrgs(orgQ) : [],
  ])
  const done = url.searchParams.get('done')
  return {
    space: { id: space.id, slug: space.slug, visibility: space.visibility },
    name: spaceName(resolveLocale(request, auth.user.locale), space),
    rights: { ...rights, invite: rights.invite && isPrivate },
    access,
    q,
    orgQ,
    people,
    orgs,
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null,
  }
}

const id = (v: FormDataEntryValue | null) => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : null)

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, space } = await load(request, params.slug)
  const form = await request.formData()
  const intent = form.get('intent')
  const back = (done: Done) => {
    // Keep the searches the person made, so a second invitation needs no new search.
    const params = new URLSearchParams({ done })
    for (const k of ['q', 'org']) {
      const v = form.get(k)
      if (typeof v === 'string' && v) params.set(k, v.slice(0, 100))
    }
    return redirect(`/spaces/${space.slug}/access?${params}`)
  }
  try {
    switch (intent) {
      case 'inviteOrg': {
        const orgId = id(form.get('orgId'))
        if (!orgId) return formError(form, 'spaces.access.errors.unknownOrg')
        await invite(auth.actor, space.id, { orgId })
        return back('invited')
      }
      case 'invitePerson': {
        const userId = id(form.get('userId'))
        if (!userId) return formError(form, 'spaces.access.errors.unknownPerson')
        await invite(auth.actor, space.id, { userId })
        return back('invited')
      }
      case 'uninvite': {
        const invitationId = id(form.get('invitationId'))
        if (invitationId) await removeInvitation(auth.actor, space.id, invitationId)
        return back('uninvited')
      }
      case 'appoint': {
        const userId = id(form.get('userId'))
        if (!userId) return formError(form, 'spaces.access.errors.unknownPerson')
        await appointModerator(auth.actor, space.id, userId)
        return back('appointed')
      }
      case 'unappoint': {
        const userId = id(form.get('userId'))
        if (userId) await removeModerator(auth.actor, space.id, userId)
        return back('unappointed')
      }
    }
  } catch (e) {
    return spaceErrorResponse(e, form)
  }
  return formError(form, 'validation.invalid')
}

function Person({ person }: { person: { name: string; handle: string | null } }) {
  return (
    <span className="break-words">
      <span className="font-medium">{person.name}</span>
      {person.handle && <span className="text-stone-700"> @{person.handle}</span>}
    </span>
  )
}

/**
 * One button acting on one row (invite, remove, appoint…), as its own small form that keeps the page's
 * searches across the POST.
 */
function RowAction({
  intent,
  field,
  value,
  label,
  primary = false,
  keep,
  busy,
}: {
  intent: string
  field: 'invitationId' | 'orgId' | 'userId'
  value: string
  label: string
  primary?: boolean
  keep: { q: string; org: string }
  busy: boolean
}) {
  return (
    <Form method="post">
      {keep.q && <input type="hidden" name="q" value={keep.q} />}
      {keep.org && <input type="hidden" name="org" value={keep.org} />}
      <input type="hidden" name={field} value={value} />
      <button type="submit" name="intent" value={intent} className={primary ? 'btn-primary' : 'btn-secondary'} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

const row = 'flex flex-wrap items-center justify-between gap-2 py-2'

export default function SpaceAccess() {
  const data = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const { access, rights } = data
  const keep = { q: data.q, org: data.orgQ }
  const invited = new Set(access.people.map((p) => p.user.id))
  const invitedOrgs = new Set(access.orgs.map((o) => o.org.id))
  const moderators = new Set(access.moderators.map((m) => m.id))
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <p>
          <Link to={`/spaces/${data.space.slug}`}>{data.name}</Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold">{t('spaces.access.heading')}</h1>
        <p className="mt-2 text-stone-700">{t('spaces.access.intro')}</p>
      </div>
      <StatusMessage>{data.done ? t(`spaces.access.done.${data.done}`) : null}</StatusMessage>
      <ErrorSummary result={result} />

      {data.space.visibility !== 'PRIVATE' && <p className="card">{t('spaces.access.notPrivate')}</p>}

      {rights.invite && (
        <section aria-labelledby="orgs-heading" className="card">
          <h2 id="orgs-heading" className="mb-3 text-xl font-semibold">
            {t('spaces.access.orgsHeading')}
          </h2>
          {access.orgs.length === 0 ? (
            <p className="text-stone-700">{t('spaces.access.noOrgs')}</p>
          ) : (
            <ul className="divide-y divide-stone-200" data-testid="invited-orgs">
              {access.orgs.map(({ invitationId, org }) => (
                <li key={invitationId} className={row}>
                  <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
                  <RowAction
                    intent="uninvite"
                    field="invitationId"
                    value={invitationId}
                    label={t('spaces.access.removeNamed', { name: org.name })}
                    keep={keep}
                    busy={busy}
                  />
                </li>
              ))}
            </ul>
          )}
          <Form method="get" role="search" aria-label={t('spaces.access.orgSearchLabel')} className="mt-4 flex flex-wrap items-end gap-2">
            <input type="hidden" name="q" value={data.q} />
            <div className="min-w-0 flex-1">
              <label htmlFor="org-search" className="block font-medium">
                {t('spaces.access.orgSearch')}
              </label>
              <input id="org-search" name="org" type="search" className="input mt-1" maxLength={100} defaultValue={data.orgQ} />
            </div>
            <button type="submit" className="btn-secondary">
              {t('common.actions.search')}
            </button>
          </Form>
          {data.orgQ && (
            <div className="mt-3">
              <h3 className="font-semibold">{t('spaces.access.results')}</h3>
              {data.orgs.length === 0 ? (
                <p className="text-stone-700">{t('spaces.access.noResults')}</p>
              ) : (
                <ul className="divide-y divide-stone-200" data-testid="org-results">
                  {data.orgs.map((org) => (
                    <li key={org.id} className={row}>
                      <span className="font-medium">{org.name}</span>
                      {invitedOrgs.has(org.id) ? (
                        <span className="text-stone-700">{t('spaces.access.alreadyInvited')}</span>
                      ) : (
                        <RowAction
                          intent="inviteOrg"
                          field="orgId"
                          value={org.id}
                          label={t('spaces.access.inviteNamed', { name: org.name })}
                          primary
                          keep={keep}
                          busy={busy}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      )}

      {rights.invite && (
        <section aria-labelledby="people-heading" className="card">
          <h2 id="people-heading" className="mb-3 text-xl font-semibold">
            {t('spaces.access.peopleHeading')}
          </h2>
          {access.people.length === 0 ? (
            <p className="text-stone-700">{t('spaces.access.noPeople')}</p>
          ) : (
            <ul className="divide-y divide-stone-200" data-testid="invited-people">
              {access.people.map(({ invitationId, user }) => (
                <li key={invitationId} className={row}>
                  <Person person={user} />
                  <RowAction
                    intent="uninvite"
                    field="invitationId"
                    value={invitationId}
                    label={t('spaces.access.removeNamed', { name: user.name })}
                    keep={keep}
                    busy={busy}
                  />
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm text-stone-700">{t('spaces.access.removeKeepsPosts')}</p>
        </section>
      )}

      {rights.appoint && (
        <section aria-labelledby="mods-heading" className="card">
          <h2 id="mods-heading" className="mb-3 text-xl font-semibold">
            {t('spaces.access.moderatorsHeading')}
          </h2>
          <p className="mb-3 text-stone-700">{t('spaces.access.moderatorsIntro')}</p>
          {access.moderators.length === 0 ? (
            <p className="text-stone-700">{t('spaces.access.noModerators')}</p>
          ) : (
            <ul className="divide-y divide-stone-200" data-testid="moderators">
              {access.moderators.map((m) => (
                <li key={m.id} className={row}>
                  <Person person={m} />
                  <RowAction
                    intent="unappoint"
                    field="userId"
                    value={m.id}
                    label={t('spaces.access.unappointNamed', { name: m.name })}
                    keep={keep}
                    busy={busy}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {(rights.invite || rights.appoint) && (
        <section aria-labelledby="find-heading" className="card">
          <h2 id="find-heading" className="mb-3 text-xl font-semibold">
            {t('spaces.access.findHeading')}
          </h2>
          <Form method="get" role="search" aria-label={t('spaces.access.peopleSearchLabel')} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="org" value={data.orgQ} />
            <div className="min-w-0 flex-1">
              <label htmlFor="people-search" className="block font-medium">
                {t('spaces.access.peopleSearch')}
              </label>
              <input id="people-search" name="q" type="search" className="input mt-1" maxLength={100} defaultValue={data.q} />
            </div>
            <button type="submit" className="btn-secondary">
              {t('common.actions.search')}
            </button>
          </Form>
          {data.q && (
            <div className="mt-3">
              <h3 className="font-semibold">{t('spaces.access.results')}</h3>
              {data.people.length === 0 ? (
                <p className="text-stone-700">{t('spaces.access.noResults')}</p>
              ) : (
                <ul className="divide-y divide-stone-200" data-testid="people-results">
                  {data.people.map((p) => (
                    <li key={p.id} className={row}>
                      <Person person={p} />
                      <div className="flex flex-wrap gap-2">
                        {rights.invite &&
                          (invited.has(p.id) ? (
                            <span className="text-stone-700">{t('spaces.access.alreadyInvited')}</span>
                          ) : (
                            <RowAction
                              intent="invitePerson"
                              field="userId"
                              value={p.id}
                              label={t('spaces.access.inviteNamed', { name: p.name })}
                              primary
                              keep={keep}
                              busy={busy}
                            />
                          ))}
                        {rights.appoint && !moderators.has(p.id) && (
                          <RowAction
                            intent="appoint"
                            field="userId"
                            value={p.id}
                            label={t('spaces.access.appointNamed', { name: p.name })}
                            keep={keep}
                            busy={busy}
                          />
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  )
}
