/** Starting a thread in a space: title, body, themes, anonymity where the space allows it. */
import { randomUUID } from 'node:crypto'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { MarkdownField } from '~/components/content/MarkdownField'
import { useDraftAutosave } from '~/components/discussions/useDraft'
import { CheckboxField, CheckboxGroup, ErrorSummary, TextField, useFormResult, valueOf } from '~/components/forms'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { BODY_MAX, TITLE_MAX } from '~/modules/discussions/form'
import { discussionErrorResponse, discussionLoaderError } from '~/modules/discussions/http.server'
import { newThreadContext } from '~/modules/discussions/new-thread.server'
import { createThread } from '~/modules/discussions/posting.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'mail', 'notifications', 'content', 'discussions'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'discussions.newThread.title')

async function context(request: Request, slug: string | undefined) {
  const { actor } = await requireAuth(request)
  try {
    return { actor, ...(await newThreadContext(actor, slug ?? '')) }
  } catch (e) {
    return await discussionLoaderError(e, actor, request)
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ...ctx } = await context(request, params.slug)
  return { ...ctx, verified: actor.verified, clientKey: randomUUID() }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, space } = await context(request, params.slug)
  const form = await request.formData()
  const str = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  try {
    const created = await createThread(actor, {
      spaceId: space.id,
      title: str('title'),
      body: str('body'),
      themes: form.getAll('themes').filter((v): v is string => typeof v === 'string'),
      anonymous: str('anonymous') ? 'on' : undefined,
      clientKey: str('clientKey'),
    })
    return redirect(`/threads/${created.threadId}/posts/1`)
  } catch (e) {
    return discussionErrorResponse(e, form)
  }
}

export default function NewThread() {
  const data = useLoaderData<typeof loader>()
  const { t, locale } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const [clientKey] = useState(data.clientKey)
  const { onChange, forget } = useDraftAutosave(`thread:${data.space.id}`, data.allowed)
  const [draftTitle, setDraftTitle] = useState(data.draft?.title ?? '')
  const [draftBody, setDraftBody] = useState(data.draft?.body ?? '')
  const spaceName = locale === 'tr' ? data.space.nameTr : data.space.nameEn
  const selected = result?.values.themes
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link to={`/spaces/${data.space.slug}`} className="underline">
          {spaceName}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{t('discussions.newThread.heading', { space: spaceName })}</h1>
      {!data.allowed ? (
        <p className="card mt-6">{t(data.verified ? 'discussions.newThread.notAllowed' : 'discussions.newThread.verifyFirst')}</p>
      ) : (
        <>
          {data.rulesPending && (
            <div className="mt-4 rounded-md border-2 border-accent-700 bg-accent-50 p-4">
              <p>{t('discussions.thread.rulesHint')}</p>
              <p className="mt-2">
                <Link to={`/spaces/${data.space.slug}#rules`} className="btn-secondary">
                  {t('discussions.thread.rulesLink')}
                </Link>
              </p>
            </div>
          )}
          {data.draft && !result && (
            <p role="status" className="mt-2 text-sm text-stone-700">
              {t('discussions.composer.draftRestored')}
            </p>
          )}
          <Form method="post" noValidate className="card mt-6" onSubmit={forget}>
            <ErrorSummary result={result} />
            <input type="hidden" name="clientKey" value={clientKey} />
            <TextField
              name="title"
              label={t('discussions.newThread.titleField')}
              hint={t('discussions.newThread.titleHint')}
              errors={result?.errors.title}
              defaultValue={valueOf(result, 'title', data.draft?.title ?? '')}
              maxLength={TITLE_MAX}
              required
              onChange={(e) => {
                setDraftTitle(e.currentTarget.value)
                onChange({ title: e.currentTarget.value, body: draftBody })
              }}
            />
            <MarkdownField
              name="body"
              label={t('discussions.newThread.body')}
              mentionPlace={{ spaceId: data.space.id }}
              defaultValue={valueOf(result, 'body', data.draft?.body ?? '')}
              error={result?.errors.body}
              maxLength={BODY_MAX}
              required
              rows={10}
              onValueChange={(body) => {
                setDraftBody(body)
                onChange({ title: draftTitle, body })
              }}
            />
            {data.themes.length > 0 && (
              <CheckboxGroup
                name="themes"
                legend={t('discussions.newThread.themes')}
                options={data.themes.map((th) => ({ value: th.slug, label: locale === 'tr' ? th.nameTr : th.nameEn }))}
                selected={Array.isArray(selected) ? selected : typeof selected === 'string' ? [selected] : []}
              />
            )}
            {data.space.allowAnonymous && (
              <CheckboxField
                name="anonymous"
                label={t('discussions.composer.anonymous')}
                hint={t('discussions.composer.anonymousHint')}
                defaultChecked={valueOf(result, 'anonymous') === 'on'}
              />
            )}
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('discussions.newThread.submit')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
