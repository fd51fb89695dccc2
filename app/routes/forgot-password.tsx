import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { CheckInbox } from '~/components/CheckInbox'
import { ErrorSummary, TextField, useFormResult, valueOf } from '~/components/forms'
import { appUrl } from '~/lib/origin.server'
import { invalid, parseForm } from '~/lib/forms.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { emailSchema } from '~/modules/auth/forms.server'
import { requestPasswordReset } from '~/modules/auth/password-reset.server'
import { tooManyAttempts } from '~/modules/auth/rate-limited.server'
import { clientIp } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.forgot.title')

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const parsed = parseForm(form, emailSchema)
  if (!parsed.ok) return invalid(parsed)
  const result = await requestPasswordReset(parsed.data.email, { ip: clientIp(request), baseUrl: appUrl() })
  if (!result.ok) return tooManyAttempts(form, result.retryAfterSeconds)
  // Deliberately the same whether or not the address has an account.
  return { ok: true as const, sent: true }
}

function Sent() {
  const { t } = useI18n()
  return (
    <CheckInbox
      title={t('auth.forgot.sent.title')}
      paragraphs={[t('auth.forgot.sent.body'), t('auth.forgot.sent.hint')]}
      link={{ to: '/login', label: t('auth.forgot.backToSignIn') }}
    />
  )
}

export default function ForgotPassword() {
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t } = useI18n()
  const busy = useNavigation().state === 'submitting'
  if (done && 'sent' in done) return <Sent />
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">{t('auth.forgot.title')}</h1>
      <p className="mb-6 text-stone-700">{t('auth.forgot.intro')}</p>
      <ErrorSummary result={result} />
      <Form method="post" noValidate className="card">
        <TextField
          name="email"
          type="email"
          label={t('auth.fields.email')}
          autoComplete="email"
          required
          defaultValue={valueOf(result, 'email')}
          errors={result?.errors.email}
        />
        <button type="submit" className="btn-primary mt-2 w-full" disabled={busy}>
          {t('auth.forgot.submit')}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/login">{t('auth.forgot.backToSignIn')}</Link>
      </p>
    </div>
  )
}
