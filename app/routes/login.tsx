import { isIndefinite } from '~/modules/auth/suspension'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckboxField, ErrorSummary, StatusMessage, TextField, useFormResult, valueOf } from '~/components/forms'
import { formValues, invalid, parseForm, formError } from '~/lib/forms.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { title } from '~/lib/meta'
import type { Message } from '~/lib/validation'
import { signInSchema } from '~/modules/auth/forms.server'
import { signIn } from '~/modules/auth/login.server'
import { tooManyAttempts } from '~/modules/auth/rate-limited.server'
import { clientIp, createSession, getAuth, safeRedirectPath } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.signIn.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'))
  const auth = await getAuth(request)
  if (auth.user) throw redirect(redirectTo)
  const notice = url.searchParams.get('verified') === '1' ? 'verified' : url.searchParams.get('reset') === '1' ? 'reset' : null
  return { redirectTo, notice }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const parsed = parseForm(form, signInSchema)
  if (!parsed.ok) return invalid(parsed)
  const result = await signIn(parsed.data, { ip: clientIp(request) })
  if (!result.ok) {
    switch (result.reason) {
      case 'rateLimited':
        return tooManyAttempts(form, result.retryAfterSeconds)
      case 'suspended': {
        const date = formatDateTime(resolveLocale(request), result.until, result.timeZone)
        const messages: Message[] = [
          isIndefinite(result.until) ? { key: 'auth.signIn.suspendedIndefinitely' } : { key: 'auth.signIn.suspended', vars: { date } },
        ]
        if (result.suspendedReason) messages.push({ key: 'auth.signIn.suspendedReason', vars: { reason: result.suspendedReason } })
        return invalid({ errors: { _form: messages }, values: formValues(form) }, 403)
      }
      default:
        return formError(form, 'auth.signIn.invalid')
    }
  }
  const { cookie } = await createSession(request, result.userId, parsed.data.remember)
  return redirect(safeRedirectPath(parsed.data.redirectTo), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>()
  const result = useFormResult()
  const { t } = useI18n()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">{t('auth.signIn.title')}</h1>
      {notice && !result && <StatusMessage>{t(`auth.signIn.notice.${notice}`)}</StatusMessage>}
      <ErrorSummary result={result} />
      <Form method="post" noValidate className="card">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t('auth.fields.email')}
          autoComplete="username"
          required
          defaultValue={valueOf(result, 'email')}
          errors={result?.errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('auth.fields.password')}
          autoComplete="current-password"
          required
          errors={result?.errors.password}
        />
        <CheckboxField
          name="remember"
          label={t('auth.signIn.remember')}
          hint={t('auth.signIn.rememberHint')}
          defaultChecked={valueOf(result, 'remember') === 'on'}
        />
        <button type="submit" className="btn-primary mt-2 w-full" disabled={busy}>
          {t('auth.signIn.submit')}
        </button>
      </Form>
      <ul className="mt-6 space-y-2">
        <li>
          <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
        </li>
        <li>
          {t('auth.signIn.noAccount')} <Link to="/signup">{t('auth.signIn.signUpLink')}</Link>
        </li>
      </ul>
    </div>
  )
}
