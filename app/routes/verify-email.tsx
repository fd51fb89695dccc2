import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { appUrl } from '~/lib/origin.server'
import { formError } from '~/lib/forms.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { tooManyAttempts } from '~/modules/auth/rate-limited.server'
import { getAuth, requireAuth } from '~/modules/auth/session.server'
import { resendVerification, verifyEmail } from '~/modules/auth/verification.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.verify.title')

interface LoaderData {
  linkFailed: boolean
  account: { email: string; verified: boolean } | null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token')
  const auth = await getAuth(request)
  if (token !== null && (await verifyEmail(token))) {
    throw redirect(auth.user ? '/?verified=1' : '/login?verified=1')
  }
  const account = auth.user ? { email: auth.user.email, verified: !!auth.user.emailVerifiedAt } : null
  const body: LoaderData = { linkFailed: token !== null, account }
  return token !== null ? data(body, { status: 410 }) : body
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const form = await request.formData()
  if (form.get('intent') !== 'resend') return formError(form, 'validation.invalid')
  const result = await resendVerification(user.id, appUrl())
  if (result.ok) return { ok: true as const, email: user.email }
  if (result.reason === 'rateLimited') return tooManyAttempts(form, result.retryAfterSeconds)
  return { ok: true as const, alreadyVerified: true }
}

function ResendForm() {
  const { t } = useI18n()
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="mt-4">
      <input type="hidden" name="intent" value="resend" />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('auth.verify.resend')}
      </button>
    </Form>
  )
}

export default function VerifyEmail() {
  // Typed by hand: without the v3_singleFetch type flag, useLoaderData does not unwrap data().
  const { linkFailed, account } = useLoaderData() as LoaderData
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t } = useI18n()
  const sentTo = done && 'email' in done ? done.email : null
  const verified = !!account?.verified || (!!done && 'alreadyVerified' in done)
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t(linkFailed ? 'auth.verify.failedTitle' : 'auth.verify.title')}</h1>
      <StatusMessage>{sentTo ? t('auth.verify.sent', { email: sentTo }) : null}</StatusMessage>
      <ErrorSummary result={result} />
      <div className="card space-y-3">
        {linkFailed && <p>{t('auth.verify.failedBody')}</p>}
        {!account ? (
          <>
            <p>{t('auth.verify.signInFirst')}</p>
            <p>
              <Link to="/login?redirectTo=%2Fverify-email" className="btn-primary">
                {t('auth.verify.signIn')}
              </Link>
            </p>
          </>
        ) : verified ? (
          <>
            <p>{t('auth.verify.alreadyVerified', { email: account.email })}</p>
            <p>
              <Link to="/">{t('common.error.goHome')}</Link>
            </p>
          </>
        ) : (
          <>
            <p>{t('auth.verify.pending', { email: account.email })}</p>
            <p>{t('auth.verify.resendHint')}</p>
            <ResendForm />
          </>
        )}
      </div>
    </div>
  )
}
