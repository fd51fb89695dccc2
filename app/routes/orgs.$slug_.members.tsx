import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { formError, invalid, parseForm, type FormFailure } from '~/lib/forms.server'
import { appUrl } from '~/lib/origin.server'
import { requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { title } from '~/lib/meta'
import { optionalText, z } from '~/lib/validation'
import { requireAuth } from '~/modules/auth/session.server'
import { orgErrorResponse } from '~/modules/orgs/http.server'
import { changeMemberRole, decideMembership, listMembers, removeMember } from '~/modules/orgs/membership.server'
import { REASON_MAX } from '~/modules/orgs/form'
import { findVisibleOrg } from '~/modules/orgs/profile.server'
import { ScrollRegion } from '~/components/ScrollRegion'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'mail', 'notifications'] }

const DONE = ['approved', 'declined', 'roleChanged', 'removed'] as const
type Done = (typeof DONE)[number]

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => title(matches, 'orgs.members.title', { org: data?.org.name ?? '' })

async function load(request: Request, slug: string | undefined) {
  const auth = await requireAuth(request)
  const org = await findVisibleOrg(slug ?? '', auth.actor)
  if (!org) throw new Response('Not Found', { status: 404 })
  requireCan(auth.actor, 'org.manageMembers', org)
  return { auth, org }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, org } = await load(request, params.slug)
  const locale = resolveLocale(request, auth.user.locale)
  const { pending, members } = await listMembers(org.id, locale)
  const done = new URL(request.url).searchParams.get('done')
  return {
    org: { id: org.id, slug: org.slug, name: org.name },
    pending,
    members,
    me: auth.user.id,
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null,
  }
}

const id = z.string().min(1).max(64)
const schemas = {
  approve: z.object({ membershipId: id }),
  decline: z.object({ membershipId: id, reason: optionalText(REASON_MAX) }),
  role: z.object({ membershipId: id, role: z.enum(['MEMBER', 'ADMIN']) }),
  remove: z.object({ membershipId: id }),
}

/** The fields here are buttons and hidden inputs, so any problem is reported for the whole form. */
function refused(failure: FormFailure) {
  return invalid({ errors: { _form: Object.values(failure.errors).flat() }, values: failure.values })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, org } = await load(request, params.slug)
  const form = await request.formData()
  const intent = form.get('intent')
  const ctx = { baseUrl: appUrl(), orgId: org.id }
  const back = (done: Done) => redirect(`/orgs/${org.slug}/members?done=${done}`)
  try {
    switch (intent) {
      case 'approve': {
        const p = parseForm(form, schemas.approve)
        if (!p.ok) return refused(p)
        await decideMembership(auth.actor, p.data.membershipId, 'approve', null, ctx)
        return back('approved')
      }
      case 'decline': {
        const p = parseForm(form, schemas.decline)
        if (!p.ok) return refused(p)
        await decideMembership(auth.actor, p.data.membershipId, 'decline', p.data.reason, ctx)
        return back('declined')
      }
      case 'role': {
        const p = parseForm(form, schemas.role)
        if (!p.ok) return refused(p)
        const { userId } = await changeMemberRole(auth.actor, p.data.membershipId, p.data.role, ctx)
        return userId === auth.user.id && p.data.role === 'MEMBER' ? redirect(`/orgs/${org.slug}?done=steppedDown`) : back('roleChanged')
      }
      case 'remove': {
        const p = parseForm(form, schemas.remove)
        if (!p.ok) return refused(p)
        const { userId } = await removeMember(auth.actor, p.data.membershipId, null, ctx)
        // An org admin who removed themselves can no longer see this page.
        return userId === auth.user.id ? redirect(`/orgs/${org.slug}?done=left`) : back('removed')
      }
    }
  } catch (e) {
    return orgErrorResponse(e, form)
  }
  return formError(form, 'validation.invalid')
}

export default function Members() {
  const { org, pending, members, me, done } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="space-y-8">
      <div>
        <p>
          <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold">{t('orgs.members.heading')}</h1>
      </div>
      <StatusMessage>{done ? t(`orgs.members.done.${done}`) : null}</StatusMessage>
      <ErrorSummary result={result} />

      <section aria-labelledby="requests">
        <h2 id="requests" className="mb-3 text-2xl font-semibold">
          {t('orgs.members.requests', { count: pending.length })}
        </h2>
        {pending.length === 0 ? (
          <p className="text-stone-700">{t('orgs.members.noRequests')}</p>
        ) : (
          <ul className="space-y-4">
            {pending.map((p) => (
              <li key={p.id} className="card" data-testid="join-request">
                <h3 className="text-lg font-semibold">{p.name}</h3>
                <p className="text-sm text-stone-700">
                  <span className="break-all">{p.email}</span> ·{' '}
                  {t('orgs.members.requestedAt', { date: formatDateTime(locale, p.requestedAt, timeZone) })}
                </p>
                {p.message && (
                  <blockquote className="mt-2 border-l-4 border-stone-300 pl-3 whitespace-pre-line">
                    <span className="sr-only">{t('orgs.members.theirMessage')} </span>
                    {p.message}
                  </blockquote>
                )}
                <Form method="post" className="mt-3">
                  <input type="hidden" name="membershipId" value={p.id} />
                  <label htmlFor={`reason-${p.id}`} className="block font-medium">
                    {t('orgs.members.reason')}
                  </label>
                  <p id={`reason-hint-${p.id}`} className="text-sm text-stone-700">
                    {t('orgs.members.reasonHint')}
                  </p>
                  <textarea
                    id={`reason-${p.id}`}
                    name="reason"
                    rows={2}
                    maxLength={REASON_MAX}
                    className="input mt-1"
                    aria-describedby={`reason-hint-${p.id}`}
                  />
                  <div className="mt-3 flex flex-wrap gap-2">
                    <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
                      {t('orgs.members.approve')}
                      <span className="sr-only"> {p.name}</span>
                    </button>
                    <button type="submit" name="intent" value="decline" className="btn-secondary" disabled={busy}>
                      {t('orgs.members.decline')}
                      <span className="sr-only"> {p.name}</span>
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="current">
        <h2 id="current" className="mb-3 text-2xl font-semibold">
          {t('orgs.members.current', { count: members.length })}
        </h2>
        <ScrollRegion labelledBy="members-caption">
          {/* No minimum width: on a phone the actions wrap under each other instead of scrolling out of sight. */}
          <table className="w-full border-collapse bg-white text-left">
            <caption id="members-caption" className="sr-only">
              {t('orgs.members.tableCaption', { org: org.name })}
            </caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">
                  {t('orgs.members.name')}
                </th>
                <th scope="col" className="p-2">
                  {t('orgs.members.role')}
                </th>
                <th scope="col" className="hidden p-2 sm:table-cell">
                  {t('orgs.members.since')}
                </th>
                <th scope="col" className="p-2">
                  {t('orgs.members.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((mem) => (
                <tr key={mem.id} className="border-b border-stone-200 align-top" data-testid="member-row">
                  <th scope="row" className="p-2 font-medium">
                    {mem.name}
                    {mem.userId === me && <span className="font-normal text-stone-700"> ({t('orgs.members.you')})</span>}
                    <span className="block text-sm font-normal break-all text-stone-700">{mem.email}</span>
                  </th>
                  <td className="p-2">{t(`orgs.roles.${mem.role}`)}</td>
                  <td className="hidden p-2 sm:table-cell">{formatDateTime(locale, mem.since, timeZone, 'date')}</td>
                  <td className="p-2">
                    <div className="flex flex-wrap items-end gap-2">
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="membershipId" value={mem.id} />
                        <div>
                          <label htmlFor={`role-${mem.id}`} className="sr-only">
                            {t('orgs.members.roleFor', { name: mem.name })}
                          </label>
                          <select id={`role-${mem.id}`} name="role" defaultValue={mem.role} className="input">
                            <option value="MEMBER">{t('orgs.roles.MEMBER')}</option>
                            <option value="ADMIN">{t('orgs.roles.ADMIN')}</option>
                          </select>
                        </div>
                        <button type="submit" name="intent" value="role" className="btn-secondary" disabled={busy}>
                          {t('orgs.members.changeRole')}
                          <span className="sr-only"> {mem.name}</span>
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="membershipId" value={mem.id} />
                        <button type="submit" name="intent" value="remove" className="btn-danger" disabled={busy}>
                          {t('orgs.members.remove')}
                          <span className="sr-only"> {mem.name}</span>
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <p className="mt-3 text-sm text-stone-700">{t('orgs.members.lastAdminNote')}</p>
      </section>
    </div>
  )
}
