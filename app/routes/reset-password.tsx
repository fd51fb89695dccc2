import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, TextField, useFormResult } from '~/components/forms'
import { appUrl } from '~/lib/origin.server'
import { invalid, parseForm } from '~/lib/forms.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { resetPasswordSchema } from '~/modules/auth/forms.server'
import { checkResetToken, resetPassword } from '~/modules/auth/password-reset.server'
import { blankSessionCookie } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.reset.title')

type LoaderData = { valid: true; token: string; email: string } | { valid: false; token: ''; email: '' }

const expired = () => data({ valid: false as const, token: '', email: '' }, { status: 410 })

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const user = await checkResetToken(token)
  if (!user) return expired()
  return { valid: true as const, token, email: user.email }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const user = await checkResetToken(form.get('token'))
  if (!user) return expired()
  const parsed = parseForm(form, resetPasswordSchema(user.email))
  if (!parsed.ok) return invalid(parsed)
  const result = await resetPassword(parsed.data.token, parsed.data.password, { baseUrl: appUrl() })
  if (!result.ok) return expired()
  // Every session of the account is gone, this browser's included.
  return redirect('/login?reset=1', { headers: { 'Set-Cookie': blankSessionCookie(request) } })
}

export default function ResetPassword() {
  // Typed by hand: without the v3_singleFetch type flag, useLoaderData does not unwrap data().
  const loaded = useLoaderData() as LoaderData
  const result = useFormResult()
  const { t } = useI18n()
  const busy = useNavigation().state === 'submitting'
  if (!loaded.valid) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="mb-4 text-3xl font-bold">{t('auth.reset.expiredTitle')}</h1>
        <div className="card space-y-3">
          <p>{t('auth.reset.expiredBody')}</p>
          <p>
            <Link to="/forgot-password" className="btn-primary">
              {t('auth.reset.requestNew')}
            </Link>
          </p>
        </div>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">{t('auth.reset.title')}</h1>
      <p className="mb-6 text-stone-700">{t('auth.reset.intro')}</p>
      <ErrorSummary result={result} />
      <Form method="post" noValidate className="card">
        <input type="hidden" name="token" value={loaded.token} />
        {/* Tells password managers which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={loaded.email} readOnly hidden />
        <TextField
          name="password"
          type="password"
          label={t('auth.fields.newPassword')}
          hint={t('auth.fields.passwordHint')}
          autoComplete="new-password"
          required
          errors={result?.errors.password}
        />
        <button type="submit" className="btn-primary mt-2 w-full" disabled={busy}>
          {t('auth.reset.submit')}
        </button>
      </Form>
    </div>
  )
}
