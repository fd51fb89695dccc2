import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { CheckInbox } from '~/components/CheckInbox'
import { ErrorSummary, SelectField, TextField, useFormResult, valueOf } from '~/components/forms'
import { appUrl } from '~/lib/origin.server'
import { invalid, parseForm } from '~/lib/forms.server'
import { LOCALES, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { signUpSchema } from '~/modules/auth/forms.server'
import { tooManyAttempts } from '~/modules/auth/rate-limited.server'
import { clientIp, getAuth } from '~/modules/auth/session.server'
import { signUp } from '~/modules/auth/signup.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'auth.signUp.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  if (auth.user) throw redirect('/')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const parsed = parseForm(form, signUpSchema)
  if (!parsed.ok) return invalid(parsed)
  const result = await signUp(parsed.data, { ip: clientIp(request), baseUrl: appUrl() })
  if (!result.ok) return tooManyAttempts(form, result.retryAfterSeconds)
  // The same answer whether or not the address already had an account.
  return { ok: true as const, email: parsed.data.email }
}

function InboxNotice({ email }: { email: string }) {
  const { t } = useI18n()
  return (
    <CheckInbox
      title={t('auth.signUp.sent.title')}
      paragraphs={[t('auth.signUp.sent.body', { email }), t('auth.signUp.sent.hint')]}
      link={{ to: '/login', label: t('auth.signUp.sent.signIn') }}
    />
  )
}

export default function SignUp() {
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t, locale } = useI18n()
  const busy = useNavigation().state === 'submitting'
  if (done && 'email' in done) return <InboxNotice email={done.email} />
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">{t('auth.signUp.title')}</h1>
      <p className="mb-6 text-stone-700">{t('auth.signUp.intro')}</p>
      <ErrorSummary result={result} />
      <Form method="post" noValidate className="card">
        <TextField
          name="name"
          label={t('auth.fields.name')}
          hint={t('auth.fields.nameHint')}
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={valueOf(result, 'name')}
          errors={result?.errors.name}
        />
        <TextField
          name="email"
          type="email"
          label={t('auth.fields.email')}
          autoComplete="email"
          required
          defaultValue={valueOf(result, 'email')}
          errors={result?.errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('auth.fields.password')}
          hint={t('auth.fields.passwordHint')}
          autoComplete="new-password"
          required
          errors={result?.errors.password}
        />
        <SelectField
          name="locale"
          label={t('auth.fields.language')}
          hint={t('auth.fields.languageHint')}
          options={LOCALES.map((l) => ({ value: l, label: t(`common.language.${l}`) }))}
          defaultValue={valueOf(result, 'locale', locale)}
          errors={result?.errors.locale}
        />
        <button type="submit" className="btn-primary mt-2 w-full" disabled={busy}>
          {t('auth.signUp.submit')}
        </button>
      </Form>
      <p className="mt-6">
        {t('auth.signUp.haveAccount')} <Link to="/login">{t('auth.signUp.signInLink')}</Link>
      </p>
    </div>
  )
}
