import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { ErrorSummary, StatusMessage, TextField, useFormResult, valueOf } from '~/components/forms'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { z } from '~/lib/validation'
import { createApiToken, listApiTokens, revokeApiToken } from '~/modules/auth/api-tokens.server'
import { tokenNameSchema } from '~/modules/auth/forms.server'
import { requireSessionAuth } from '~/modules/auth/session.server'
import { DataTable } from '~/components/DataTable'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'settings.tokens.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSessionAuth(request)
  return { tokens: await listApiTokens(user.id) }
}

const revokeSchema = z.object({ id: z.string().min(1).max(40) })

export async function action({ request }: ActionFunctionArgs) {
  const { user, actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  const form = await request.formData()
  if (form.get('intent') === 'revoke') {
    const parsed = parseForm(form, revokeSchema)
    if (!parsed.ok) return invalid(parsed)
    if (!(await revokeApiToken(user.id, parsed.data.id))) return formError(form, 'settings.tokens.notFound', '_form', undefined, 404)
    return { ok: true as const, revoked: true }
  }
  const parsed = parseForm(form, tokenNameSchema)
  if (!parsed.ok) return invalid(parsed)
  const created = await createApiToken(user.id, parsed.data.name)
  if (!created.ok) return formError(form, created.error, 'name')
  return { ok: true as const, created: { name: created.token.name, secret: created.secret } }
}

function NewToken({ name, secret }: { name: string; secret: string }) {
  const { t } = useI18n()
  const [canCopy, setCanCopy] = useState(false)
  const [copied, setCopied] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  // The copy button needs the Clipboard API, so it appears only once the page runs in a browser that has it.
  useEffect(() => setCanCopy(typeof navigator !== 'undefined' && !!navigator.clipboard), [])
  return (
    <div className="mb-6 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 className="text-lg font-semibold">{t('settings.tokens.created', { name })}</h2>
      <p className="mt-1">{t('settings.tokens.copyHint')}</p>
      <label htmlFor="new-token" className="mt-3 block font-medium">
        {t('settings.tokens.secretLabel')}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          ref={input}
          id="new-token"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="input min-w-0 flex-[1_1_14rem] font-mono text-sm"
          spellCheck={false}
        />
        {canCopy && (
          <button
            type="button"
            className="btn-secondary"
            onClick={async () => {
              await navigator.clipboard.writeText(secret)
              setCopied(true)
            }}
          >
            {t('settings.tokens.copy')}
          </button>
        )}
      </div>
      <p role="status" className="mt-1 text-sm font-medium">
        {copied ? t('settings.tokens.copied') : ''}
      </p>
      <p className="mt-2 text-sm text-stone-700">
        {t('settings.tokens.usage')} <code className="break-all">Authorization: Bearer {secret.slice(0, 11)}…</code>
      </p>
    </div>
  )
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t, locale, timeZone } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const created = done && 'created' in done ? done.created : null
  const revoked = !!done && 'revoked' in done
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t('settings.tokens.title')}</h1>
      <p className="mb-4 max-w-prose text-stone-700">{t('settings.tokens.intro')}</p>
      <StatusMessage>{revoked ? t('settings.tokens.revoked') : null}</StatusMessage>
      <ErrorSummary result={result} />
      {created && <NewToken name={created.name} secret={created.secret} />}
      <section aria-labelledby="new-token-heading" className="card mb-6 max-w-xl">
        <h2 id="new-token-heading" className="mb-3 text-xl font-semibold">
          {t('settings.tokens.createHeading')}
        </h2>
        <Form method="post" noValidate key={created?.secret ?? 'form'}>
          <input type="hidden" name="intent" value="create" />
          <TextField
            name="name"
            label={t('settings.tokens.name')}
            hint={t('settings.tokens.nameHint')}
            required
            maxLength={80}
            autoComplete="off"
            defaultValue={created ? '' : valueOf(result, 'name')}
            errors={result?.errors.name}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('settings.tokens.create')}
          </button>
        </Form>
      </section>
      {tokens.length === 0 ? (
        <p>{t('settings.tokens.none')}</p>
      ) : (
        <DataTable
          id="tokens-caption"
          boxed
          minWidth="min-w-[36rem]"
          caption={t('settings.tokens.caption', { count: tokens.length })}
          columns={[
            t('settings.tokens.columns.name'),
            t('settings.tokens.columns.prefix'),
            t('settings.tokens.columns.created'),
            t('settings.tokens.columns.lastUsed'),
            t('settings.tokens.columns.action'),
          ]}
        >
          {tokens.map((token) => (
            <tr key={token.id} className="border-b border-stone-200 last:border-0">
              <th scope="row" className="px-4 py-3 font-medium break-all">
                {token.name}
              </th>
              <td className="px-4 py-3 font-mono text-sm">bk_{token.prefix}_…</td>
              <td className="px-4 py-3">{formatDateTime(locale, token.createdAt, timeZone)}</td>
              <td className="px-4 py-3">
                {token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt, timeZone) : t('settings.tokens.neverUsed')}
              </td>
              <td className="px-4 py-3">
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={token.id} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {t('settings.tokens.revoke')}
                    <span className="sr-only">: {token.name}</span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  )
}
