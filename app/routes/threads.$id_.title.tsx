/** Editing a thread's title: its author while the thread is open to them, moderators with a reason. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, TextField, useFormResult, valueOf } from '~/components/forms'
import { requireCan } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import type { I18nHandle } from '~/lib/i18n-routes'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { REASON_MAX, TITLE_MAX } from '~/modules/discussions/form'
import { discussionErrorResponse, discussionLoaderError } from '~/modules/discussions/http.server'
import { editThreadTitle, titleEditTarget, titleHistory } from '~/modules/discussions/thread-title.server'
import { db } from '~/lib/db.server'

export const handle: I18nHandle = { i18n: ['discussions', 'settings'] }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? title(matches, 'discussions.titleEdit.open') : title(matches, 'common.error.notFoundTitle')

async function load(request: Request, threadId: string) {
  const { actor, user } = await requireAuth(request)
  try {
    const found = await titleEditTarget(actor, threadId)
    requireCan(actor, 'thread.editTitle', found.target)
    return { found, actor, user }
  } catch (e) {
    if (e instanceof Response) throw e
    return await discussionLoaderError(e, actor, request)
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, user } = await load(request, params.id ?? '')
  const [thread, history] = await Promise.all([
    db.thread.findUniqueOrThrow({ where: { id: found.thread.id }, select: { id: true, title: true } }),
    titleHistory(found.thread.id),
  ])
  return { thread, history, needsReason: found.thread.authorId !== user.id }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { found, actor } = await load(request, params.id ?? '')
  const form = await request.formData()
  const str = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  try {
    await editThreadTitle(actor, found.thread.id, { title: str('title'), reason: str('reason') || undefined })
    return redirect(`/threads/${found.thread.id}`)
  } catch (e) {
    return discussionErrorResponse(e, form)
  }
}

export default function EditThreadTitle() {
  const data = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const back = `/threads/${data.thread.id}`
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link to={back} className="underline">
          {t('discussions.titleEdit.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold break-words">{t('discussions.titleEdit.heading', { title: data.thread.title })}</h1>
      <Form method="post" noValidate className="card mt-6">
        <ErrorSummary result={result} />
        <TextField
          name="title"
          label={t('discussions.titleEdit.field')}
          hint={t('discussions.titleEdit.hint')}
          errors={result?.errors.title}
          defaultValue={valueOf(result, 'title', data.thread.title)}
          maxLength={TITLE_MAX}
          required
        />
        {data.needsReason && (
          <TextField
            name="reason"
            label={t('discussions.titleEdit.reason')}
            errors={result?.errors.reason}
            defaultValue={valueOf(result, 'reason')}
            maxLength={REASON_MAX}
            required
          />
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('discussions.titleEdit.save')}
          </button>
          <Link to={back} className="btn-secondary">
            {t('discussions.titleEdit.cancel')}
          </Link>
        </div>
      </Form>
      {data.history.length > 0 && (
        <section aria-labelledby="title-history" className="mt-8">
          <h2 id="title-history" className="text-xl font-semibold">
            {t('discussions.titleEdit.history')}
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {data.history.map((h) => (
              <li key={h.until} className="break-words">
                {t('discussions.titleEdit.historyItem', { title: h.title, date: formatDateTime(locale, h.until, timeZone) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
