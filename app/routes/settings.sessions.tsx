import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n, type TFunction } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { z } from '~/lib/validation'
import { listSessions, revokeOtherSessions, revokeSession } from '~/modules/auth/account.server'
import { requireSessionAuth } from '~/modules/auth/session.server'
import { DataTable } from '~/components/DataTable'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'settings.sessions.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireSessionAuth(request)
  return { sessions: await listSessions(user.id, session.id) }
}

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('revoke'), id: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal('revokeOthers') }),
])

export async function action({ request }: ActionFunctionArgs) {
  const { user, actor, session } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  const form = await request.formData()
  const parsed = parseForm(form, schema)
  if (!parsed.ok) return invalid(parsed)
  if (parsed.data.intent === 'revokeOthers') {
    const count = await revokeOtherSessions(user.id, session.id)
    return { ok: true as const, revoked: count }
  }
  if (!(await revokeSession(user.id, parsed.data.id, session.id)))
    return formError(form, 'settings.sessions.notFound', '_form', undefined, 404)
  return { ok: true as const, revoked: 1 }
}

function device(t: TFunction, s: { browser: string | null; os: string | null }) {
  if (s.browser && s.os) return t('settings.sessions.device', { browser: s.browser, os: s.os })
  return s.browser ?? s.os ?? t('settings.sessions.unknownDevice')
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t, locale, timeZone } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const others = sessions.filter((s) => !s.current).length
  const revoked = done && 'revoked' in done ? done.revoked : null
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t('settings.sessions.title')}</h1>
      <p className="mb-4 max-w-prose text-stone-700">{t('settings.sessions.intro')}</p>
      <StatusMessage>{revoked !== null ? t('settings.sessions.revoked', { count: revoked }) : null}</StatusMessage>
      <ErrorSummary result={result} />
      <DataTable
        id="sessions-caption"
        boxed
        minWidth="min-w-[40rem]"
        caption={t('settings.sessions.caption', { count: sessions.length })}
        columns={[
          t('settings.sessions.columns.device'),
          t('settings.sessions.columns.ip'),
          t('settings.sessions.columns.created'),
          t('settings.sessions.columns.lastSeen'),
          t('settings.sessions.columns.action'),
        ]}
      >
        {sessions.map((s) => {
          const name = device(t, s)
          return (
            <tr key={s.id} className="border-b border-stone-200 last:border-0">
              <th scope="row" className="px-4 py-3 font-medium">
                {name}
                {s.current && (
                  <span className="ml-2 inline-block rounded border border-brand-600 px-1.5 text-sm font-semibold text-brand-800">
                    {t('settings.sessions.thisDevice')}
                  </span>
                )}
                <span className="block text-sm font-normal text-stone-700">
                  {t(s.rememberMe ? 'settings.sessions.remembered' : 'settings.sessions.browserSession')}
                </span>
              </th>
              <td className="px-4 py-3">{s.ip ?? t('settings.sessions.unknownIp')}</td>
              <td className="px-4 py-3">{formatDateTime(locale, s.createdAt, timeZone)}</td>
              <td className="px-4 py-3">{formatDateTime(locale, s.lastSeenAt, timeZone)}</td>
              <td className="px-4 py-3">
                {s.current ? (
                  <span className="text-sm text-stone-700">{t('settings.sessions.currentHint')}</span>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t('settings.sessions.revoke')}
                      <span className="sr-only">
                        : {name}, {formatDateTime(locale, s.createdAt, timeZone)}
                      </span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          )
        })}
      </DataTable>
      {others > 0 && (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="revokeOthers" />
          <button type="submit" className="btn-danger" disabled={busy}>
            {t('settings.sessions.revokeOthers')}
          </button>
        </Form>
      )}
    </div>
  )
}
