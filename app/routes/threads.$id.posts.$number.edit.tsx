/** Editing a post: its text in the Markdown field, and a reason when a moderator edits someone else's post. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { MarkdownField } from '~/components/content/MarkdownField'
import { useDraftAutosave } from '~/components/discussions/useDraft'
import { ErrorSummary, TextField, useFormResult, valueOf } from '~/components/forms'
import { requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { getDraft } from '~/modules/discussions/drafts.server'
import { BODY_MAX, draftKeys, REASON_MAX } from '~/modules/discussions/form'
import { discussionErrorResponse, discussionLoaderError } from '~/modules/discussions/http.server'
import { editPost } from '~/modules/discussions/posting.server'
import { postByNumber } from '~/modules/discussions/thread-page.server'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['content', 'discussions', 'mail', 'notifications', 'orgs', 'settings'] }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? title(matches, 'discussions.edit.title', { number: data.number }) : title(matches, 'common.error.notFoundTitle')

async function load(request: Request, params: LoaderFunctionArgs['params']) {
  const { actor, user } = await requireAuth(request)
  const number = Number(params.number)
  if (!Number.isInteger(number) || number < 1) throw new Response('Not Found', { status: 404 })
  try {
    const found = await postByNumber(actor, params.id ?? '', number)
    requireCan(actor, 'post.edit', found.target)
    return { ...found, actor, user }
  } catch (e) {
    if (e instanceof Response) throw e
    return await discussionLoaderError(e, actor, request)
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post, thread, user } = await load(request, params)
  const draftKey = draftKeys.edit(post.id)
  const draft = await getDraft(user.id, draftKey)
  return {
    number: post.number,
    thread,
    body: draft?.body ?? post.body,
    restored: !!draft,
    draftKey,
    needsReason: post.authorId !== user.id,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { post, actor, thread } = await load(request, params)
  const form = await request.formData()
  const str = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  try {
    await editPost(actor, { postId: post.id, body: str('body'), reason: str('reason') || undefined })
    return redirect(`/threads/${thread.id}/posts/${post.number}`)
  } catch (e) {
    return discussionErrorResponse(e, form)
  }
}

export default function EditPost() {
  const data = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const { onChange, forget } = useDraftAutosave(data.draftKey, true)
  const permalink = `/threads/${data.thread.id}/posts/${data.number}`
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link to={permalink} className="underline">
          {data.thread.title}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{t('discussions.edit.heading', { number: data.number })}</h1>
      {data.restored && !result && (
        <p role="status" className="mt-2 text-sm text-stone-700">
          {t('discussions.composer.draftRestored')}
        </p>
      )}
      <Form method="post" noValidate className="card mt-6" onSubmit={forget}>
        <ErrorSummary result={result} />
        <MarkdownField
          name="body"
          label={t('discussions.edit.body')}
          defaultValue={valueOf(result, 'body', data.body)}
          error={result?.errors.body}
          maxLength={BODY_MAX}
          required
          rows={12}
          onValueChange={(body) => onChange({ body })}
        />
        {data.needsReason && (
          <TextField
            name="reason"
            label={t('discussions.edit.reason')}
            hint={t('discussions.edit.reasonHint')}
            errors={result?.errors.reason}
            defaultValue={valueOf(result, 'reason')}
            maxLength={REASON_MAX}
            required
          />
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('discussions.edit.submit')}
          </button>
          <Link to={permalink} className="btn-secondary">
            {t('discussions.edit.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  )
}
