import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { formError } from '~/lib/forms.server'
import { notFound, requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { literalTitle } from '~/lib/meta'
import { getOutboxMailForAdmin, RESENDABLE, resendMail, smtpConfigured } from '~/modules/admin/outbox.server'
import { NoSmtpNotice } from '~/components/admin/AdminParts'
import { requireAuth } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'admin', 'mail'] }

export const meta: MetaFunction<typeof loader> = ({ data }) => literalTitle(data?.mail.subject ?? 'birlikte')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'mail.outbox.view', null)
  const mail = await getOutboxMailForAdmin(params.id ?? '')
  if (!mail) throw notFound()
  return { mail, resendable: RESENDABLE.includes(mail.status), smtp: smtpConfigured() }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'mail.outbox.resend', null)
  const form = await request.formData()
  if (form.get('intent') !== 'resend') return formError(form, 'admin.errors.unknownAction')
  const result = await resendMail(actor, params.id ?? '')
  if (!result.ok) {
    if (result.status === 404) throw notFound()
    return formError(form, result.error, '_form', undefined, result.status)
  }
  return redirect(`/admin/mail/${params.id}?done=resent`)
}

export default function AdminMailMessage() {
  const { mail, resendable, smtp } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const date = (d: Date | string | null) => (d ? formatDateTime(locale, d, timeZone) : '—')
  return (
    <div className="space-y-6">
      <div>
        <p>
          <Link to="/admin/mail">{t('admin.mail.back')}</Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold break-words">{mail.subject}</h1>
      </div>
      {params.get('done') === 'resent' && !result ? <StatusMessage>{t('admin.mail.resend.done')}</StatusMessage> : <StatusMessage />}
      {!smtp && <NoSmtpNotice />}

      <section aria-labelledby="envelope" className="card">
        <h2 id="envelope" className="text-xl font-semibold">
          {t('admin.mail.envelope')}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t('admin.mail.columns.status')}</dt>
          <dd className="font-semibold">{t(`admin.mailStatus.${mail.status}`)}</dd>
          <dt className="font-medium">{t('admin.mail.columns.to')}</dt>
          <dd className="break-all">
            {mail.to}
            {mail.user && (
              <>
                {' '}
                (<Link to={`/admin/users/${mail.user.id}`}>{mail.user.name}</Link>)
              </>
            )}
          </dd>
          <dt className="font-medium">{t('admin.mail.columns.template')}</dt>
          <dd className="font-mono">{mail.template}</dd>
          <dt className="font-medium">{t('admin.mail.columns.language')}</dt>
          <dd>{mail.locale === 'tr' || mail.locale === 'en' ? t(`common.language.${mail.locale}`) : mail.locale}</dd>
          <dt className="font-medium">{t('admin.mail.columns.attempts')}</dt>
          <dd>{mail.attempts}</dd>
          <dt className="font-medium">{t('admin.mail.columns.lastError')}</dt>
          <dd className="break-words">{mail.lastError ?? '—'}</dd>
          <dt className="font-medium">{t('admin.mail.columns.created')}</dt>
          <dd>{date(mail.createdAt)}</dd>
          <dt className="font-medium">{t('admin.mail.columns.sent')}</dt>
          <dd>{date(mail.sentAt)}</dd>
        </dl>
        <div className="mt-4">
          <ErrorSummary result={result} />
        </div>
        {resendable && (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="resend" />
            <p className="mb-3 text-stone-700">{t(smtp ? 'admin.mail.resend.hint' : 'admin.mail.resend.hintNoSmtp')}</p>
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('admin.mail.resend.submit')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="text-version" className="space-y-2">
        <h2 id="text-version" className="text-xl font-semibold">
          {t('admin.mail.text')}
        </h2>
        <pre lang={mail.locale} className="card overflow-x-auto font-sans whitespace-pre-wrap break-words">
          {mail.text}
        </pre>
      </section>

      <details className="card">
        <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t('admin.mail.html')}</summary>
        <pre className="mt-3 overflow-x-auto text-sm whitespace-pre-wrap break-all">
          <code>{mail.html}</code>
        </pre>
      </details>
    </div>
  )
}
