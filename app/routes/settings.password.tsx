import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, TextField, useFormResult } from '~/components/forms'
import { appUrl } from '~/lib/origin.server'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { changePassword } from '~/modules/auth/account.server'
import { changePasswordSchema } from '~/modules/auth/forms.server'
import { tooManyAttempts } from '~/modules/auth/rate-limited.server'
import { requireSessionAuth } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'settings.password.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSessionAuth(request)
  return { email: user.email }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, actor, session } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  const form = await request.formData()
  const parsed = parseForm(form, changePasswordSchema(user.email))
  if (!parsed.ok) return invalid(parsed)
  const result = await changePassword({ userId: user.id, sessionId: session.id, ...parsed.data, baseUrl: appUrl() })
  if (result.ok) return { ok: true as const, changed: true }
  if (result.reason === 'rateLimited') return tooManyAttempts(form, result.retryAfterSeconds)
  return formError(form, 'settings.password.wrongCurrent', 'currentPassword')
}

export default function ChangePassword() {
  const { email } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const changed = !!done && 'changed' in done
  return (
    <div className="max-w-xl">
      <h1 className="mb-2 text-3xl font-bold">{t('settings.password.title')}</h1>
      <p className="mb-4 text-stone-700">{t('settings.password.intro')}</p>
      <StatusMessage>{changed ? t('settings.password.changed') : null}</StatusMessage>
      <ErrorSummary result={result} />
      {/* A fresh form after success, so the browser does not keep the old values around. */}
      <Form method="post" noValidate className="card" key={changed ? 'done' : 'form'}>
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField
          name="currentPassword"
          type="password"
          label={t('settings.password.current')}
          autoComplete="current-password"
          required
          errors={result?.errors.currentPassword}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('settings.password.new')}
          hint={t('auth.fields.passwordHint')}
          autoComplete="new-password"
          required
          errors={result?.errors.newPassword}
        />
        <button type="submit" className="btn-primary mt-2" disabled={busy}>
          {t('settings.password.submit')}
        </button>
      </Form>
    </div>
  )
}
