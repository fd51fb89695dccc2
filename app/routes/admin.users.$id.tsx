import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorSummary, SelectField, StatusMessage, TextField, useFormResult, valueOf, type FormResult } from '~/components/forms'
import { appUrl } from '~/lib/origin.server'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { notFound, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { literalTitle } from '~/lib/meta'
import { can } from '~/lib/policy'
import { optionalText, text, z } from '~/lib/validation'
import { auditForTarget } from '~/modules/admin/audit.server'
import { auditActionLabel } from '~/modules/audit/actions'
import { changeUserRole } from '~/modules/admin/role.server'
import { PLATFORM_ROLES } from '~/modules/admin/labels'
import { liftSuspension, suspendUser } from '~/modules/admin/suspend.server'
import { isIndefinite, SUSPENSION_DURATIONS } from '~/modules/auth/suspension'
import { getUserForAdmin } from '~/modules/admin/users.server'
import { isSuspended, requireAuth } from '~/modules/auth/session.server'
import { ScrollRegion } from '~/components/ScrollRegion'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin', 'mail', 'moderation'] }

export const meta: MetaFunction<typeof loader> = ({ data }) => literalTitle(data?.user.name ?? 'birlikte')

/** Empty says "required"; two letters say "too short": a reason the person can act on. */
const reasonText = text({ max: 1000 }).pipe(z.string().min(3))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'admin.access', null)
  const user = await getUserForAdmin(params.id ?? '')
  if (!user) throw notFound()
  const history = await auditForTarget('user', user.id)
  return {
    user,
    history,
    suspended: isSuspended(user.suspendedUntil),
    isSelf: actor.id === user.id,
    canChangeRole: can(actor, 'user.changeRole', user),
    canSuspend: can(actor, 'user.suspend', user),
  }
}

const schemas = {
  role: z.object({ role: z.enum(PLATFORM_ROLES) }),
  suspend: z.object({ duration: z.enum(SUSPENSION_DURATIONS), reason: reasonText }),
  lift: z.object({ note: optionalText(1000) }),
}
const DONE = ['role', 'roleUnchanged', 'suspended', 'lifted'] as const

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'admin.access', null)
  const id = params.id ?? ''
  const form = await request.formData()
  const intent = form.get('intent')
  const back = (done: (typeof DONE)[number]) => redirect(`/admin/users/${id}?done=${done}`)

  if (intent === 'role') {
    const parsed = parseForm(form, schemas.role)
    if (!parsed.ok) return invalid(parsed)
    const result = await changeUserRole(actor, id, parsed.data.role)
    if (!result.ok) return formError(form, result.error, '_form', undefined, result.status)
    return back(result.changed ? 'role' : 'roleUnchanged')
  }
  if (intent === 'suspend') {
    const parsed = parseForm(form, schemas.suspend)
    if (!parsed.ok) return invalid(parsed)
    const result = await suspendUser(actor, id, parsed.data)
    if (!result.ok) return formError(form, result.error, '_form', undefined, result.status)
    return back('suspended')
  }
  if (intent === 'lift') {
    const parsed = parseForm(form, schemas.lift)
    if (!parsed.ok) return invalid(parsed)
    const result = await liftSuspension(actor, id, { reason: parsed.data.note }, { appUrl: appUrl() })
    if (!result.ok) return formError(form, result.error, '_form', undefined, result.status)
    return back('lifted')
  }
  return formError(form, 'admin.errors.unknownAction')
}

export default function AdminUser() {
  const { user, history, suspended, isSelf, canChangeRole, canSuspend } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const [params] = useSearchParams()
  const done = params.get('done')
  const busy = useNavigation().state === 'submitting'
  // Each form shows only its own errors (all three post to the same action).
  const resultFor = (intent: string): FormResult | undefined => (result?.values.intent === intent ? result : undefined)
  const date = (d: Date | string) => formatDateTime(locale, d, timeZone)

  return (
    <div className="space-y-8">
      <div>
        <p>
          <Link to="/admin/users">{t('admin.user.back')}</Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold">{user.name}</h1>
      </div>
      {done && (DONE as readonly string[]).includes(done) && !result ? (
        <StatusMessage>{t(`admin.user.done.${done}`)}</StatusMessage>
      ) : (
        <StatusMessage />
      )}

      <section aria-labelledby="facts" className="card">
        <h2 id="facts" className="text-xl font-semibold">
          {t('admin.user.facts')}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t('admin.user.email')}</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="font-medium">{t('admin.user.verified')}</dt>
          <dd>{user.emailVerifiedAt ? date(user.emailVerifiedAt) : t('admin.user.notVerified')}</dd>
          <dt className="font-medium">{t('admin.user.platformRole')}</dt>
          <dd>{t(`admin.roles.${user.role}`)}</dd>
          <dt className="font-medium">{t('admin.user.status')}</dt>
          <dd>
            {suspended ? (
              <strong className="text-red-800">
                {isIndefinite(user.suspendedUntil!)
                  ? t('admin.status.suspendedIndefinitely')
                  : t('admin.status.suspendedUntil', { date: date(user.suspendedUntil!) })}
              </strong>
            ) : (
              t('admin.status.active')
            )}
          </dd>
          {suspended && user.suspendedReason && (
            <>
              <dt className="font-medium">{t('admin.user.suspendedReason')}</dt>
              <dd className="whitespace-pre-wrap">{user.suspendedReason}</dd>
            </>
          )}
          <dt className="font-medium">{t('admin.user.language')}</dt>
          <dd>{user.locale === 'tr' || user.locale === 'en' ? t(`common.language.${user.locale}`) : t('admin.user.languageAuto')}</dd>
          <dt className="font-medium">{t('admin.user.timeZone')}</dt>
          <dd>{user.timeZone}</dd>
          <dt className="font-medium">{t('admin.user.notifyByEmail')}</dt>
          <dd>{user.notifyByEmail ? t('admin.user.yes') : t('admin.user.no')}</dd>
          <dt className="font-medium">{t('admin.user.joined')}</dt>
          <dd>{date(user.createdAt)}</dd>
          <dt className="font-medium">{t('admin.user.sessions')}</dt>
          <dd>{t('admin.user.sessionCount', { count: user._count.sessions })}</dd>
          <dt className="font-medium">{t('admin.user.tokens')}</dt>
          <dd>{t('admin.user.tokenCount', { count: user._count.apiTokens })}</dd>
        </dl>
      </section>

      <section aria-labelledby="memberships" className="space-y-2">
        <h2 id="memberships" className="text-xl font-semibold">
          {t('admin.user.memberships')}
        </h2>
        {user.memberships.length === 0 ? (
          <p>{t('admin.user.noMemberships')}</p>
        ) : (
          <ScrollRegion labelledBy="memberships-caption">
            <table className="w-full border-collapse text-left">
              <caption id="memberships-caption" className="sr-only">
                {t('admin.user.membershipsCaption', { name: user.name })}
              </caption>
              <thead>
                <tr className="border-b-2 border-stone-400">
                  <th scope="col" className="p-2">
                    {t('admin.user.columns.org')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('admin.user.columns.orgRole')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('admin.user.columns.membership')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('admin.user.columns.since')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {user.memberships.map((m) => (
                  <tr key={m.id} className="border-b border-stone-300">
                    <th scope="row" className="p-2 font-normal">
                      <Link to={`/orgs/${m.org.slug}`}>{m.org.name}</Link>
                    </th>
                    <td className="p-2">{t(`admin.orgRoles.${m.role}`)}</td>
                    <td className="p-2">{t(`admin.membershipStatus.${m.status}`)}</td>
                    <td className="p-2 whitespace-nowrap">{formatDateTime(locale, m.createdAt, timeZone, 'date')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="role-heading" className="card">
        <h2 id="role-heading" className="text-xl font-semibold">
          {t('admin.user.role.title')}
        </h2>
        {canChangeRole ? (
          <Form method="post" className="mt-3 max-w-2xl" noValidate>
            <ErrorSummary result={resultFor('role')} />
            <input type="hidden" name="intent" value="role" />
            <SelectField
              name="role"
              label={t('admin.user.role.label')}
              hint={t('admin.user.role.hint')}
              defaultValue={valueOf(resultFor('role'), 'role', user.role)}
              errors={resultFor('role')?.errors.role}
              options={PLATFORM_ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('admin.user.role.submit')}
            </button>
          </Form>
        ) : (
          <>
            <ErrorSummary result={resultFor('role')} />
            <p className="mt-2">{isSelf ? t('admin.user.role.errors.self') : t('admin.errors.forbidden')}</p>
          </>
        )}
      </section>

      <section aria-labelledby="suspension-heading" className="card">
        <h2 id="suspension-heading" className="text-xl font-semibold">
          {t('admin.user.suspend.title')}
        </h2>
        {!canSuspend ? (
          <>
            <ErrorSummary result={resultFor('suspend') ?? resultFor('lift')} />
            <p className="mt-2">
              {isSelf
                ? t('admin.user.suspend.errors.self')
                : user.role === 'ADMIN'
                  ? t('admin.user.suspend.errors.admin')
                  : t('admin.errors.forbidden')}
            </p>
          </>
        ) : suspended ? (
          <Form method="post" className="mt-3 max-w-2xl" noValidate>
            <ErrorSummary result={resultFor('lift')} />
            <input type="hidden" name="intent" value="lift" />
            <TextField
              name="note"
              label={t('admin.user.lift.note')}
              hint={t('admin.user.lift.noteHint')}
              multiline
              rows={3}
              maxLength={1000}
              defaultValue={valueOf(resultFor('lift'), 'note')}
              errors={resultFor('lift')?.errors.note}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('admin.user.lift.submit')}
            </button>
          </Form>
        ) : (
          <Form method="post" className="mt-3 max-w-2xl" noValidate>
            <p className="mb-4 text-stone-700">{t('admin.user.suspend.intro')}</p>
            <ErrorSummary result={resultFor('suspend')} />
            <input type="hidden" name="intent" value="suspend" />
            <SelectField
              name="duration"
              label={t('admin.user.suspend.duration')}
              defaultValue={valueOf(resultFor('suspend'), 'duration', '7d')}
              errors={resultFor('suspend')?.errors.duration}
              options={SUSPENSION_DURATIONS.map((d) => ({ value: d, label: t(`admin.user.suspend.durations.${d}`) }))}
            />
            <TextField
              name="reason"
              label={t('admin.user.suspend.reason')}
              hint={t('admin.user.suspend.reasonHint')}
              required
              multiline
              rows={4}
              maxLength={1000}
              defaultValue={valueOf(resultFor('suspend'), 'reason')}
              errors={resultFor('suspend')?.errors.reason}
            />
            <button type="submit" className="btn-danger" disabled={busy}>
              {t('admin.user.suspend.submit')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-xl font-semibold">
          {t('admin.user.history')}
        </h2>
        {history.length === 0 ? (
          <p>{t('admin.user.noHistory')}</p>
        ) : (
          <ol className="space-y-2">
            {history.map((h) => (
              <li key={h.id} className="border-l-4 border-stone-300 pl-3">
                <p>
                  <strong>{auditActionLabel(t, h.action)}</strong> · {date(h.createdAt)} · {h.actor?.name ?? t('admin.audit.system')}
                </p>
                {h.reason && <p className="whitespace-pre-wrap text-stone-700">{t('admin.audit.reason', { reason: h.reason })}</p>}
              </li>
            ))}
          </ol>
        )}
        <p>
          <Link to={`/admin/audit?targetType=user&targetId=${user.id}`}>{t('admin.user.fullLog')}</Link>
        </p>
      </section>
    </div>
  )
}
