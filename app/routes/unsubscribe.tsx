/**
 * One-click unsubscribe without signing in. GET only shows what will stop and one button (link scanners
 * follow links, they must not unsubscribe anyone); POST applies it — from that button, or straight from a
 * mail client (RFC 8058 `List-Unsubscribe=One-Click`, no cookie, no Origin). The signed token is the
 * only credential.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusMessage } from '~/components/forms'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { applyUnsubscribe, verifyUnsubscribeToken, type VerifiedUnsubscribe } from '~/modules/notifications/unsubscribe.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'notifications.unsubscribe.title')

function describe(v: VerifiedUnsubscribe) {
  return {
    email: v.user.email,
    scope: v.scope.kind,
    // A safe space is not named, even here: the link may have been forwarded.
    space: v.space && !v.space.safeSpace ? { nameTr: v.space.nameTr, nameEn: v.space.nameEn } : null,
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token')
  const v = await verifyUnsubscribeToken(token)
  return data(
    { token: v ? token : null, target: v ? describe(v) : null },
    { status: v ? 200 : 400, headers: { 'Referrer-Policy': 'no-referrer' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData())
  const fromForm = form.get('token')
  const token = typeof fromForm === 'string' && fromForm ? fromForm : new URL(request.url).searchParams.get('token')
  const v = await verifyUnsubscribeToken(token)
  if (!v) return data({ done: null, invalid: true }, { status: 400 })
  await applyUnsubscribe(v)
  return data({ done: v.scope.kind, invalid: false })
}

export default function Unsubscribe() {
  const { token, target } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const invalid = result ? result.invalid : !target
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t('notifications.unsubscribe.title')}</h1>
      <StatusMessage>
        {result?.done ? t(result.done === 'space' ? 'notifications.unsubscribe.doneSpace' : 'notifications.unsubscribe.doneAll') : null}
      </StatusMessage>
      {invalid ? (
        <p className="card" role="alert" data-testid="unsubscribe-invalid">
          {t('notifications.unsubscribe.invalid')}
        </p>
      ) : result?.done || !target ? null : (
        <div className="card">
          <p>
            {target.scope === 'all'
              ? t('notifications.unsubscribe.scopeAll')
              : target.space
                ? t('notifications.unsubscribe.scopeSpace', { space: locale === 'en' ? target.space.nameEn : target.space.nameTr })
                : t('notifications.unsubscribe.scopeSafeSpace')}
          </p>
          <p className="mt-2 break-all text-sm text-stone-700">{t('notifications.unsubscribe.account', { email: target.email })}</p>
          <Form method="post" className="mt-4">
            <input type="hidden" name="token" value={token ?? ''} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('notifications.unsubscribe.confirm')}
            </button>
          </Form>
        </div>
      )}
      <p className="mt-6">
        <Link to="/settings/notifications" className="text-brand-700 underline">
          {t('notifications.unsubscribe.settings')}
        </Link>
      </p>
      <p className="mt-1 text-sm text-stone-700">{t('notifications.unsubscribe.signInHint')}</p>
    </div>
  )
}
