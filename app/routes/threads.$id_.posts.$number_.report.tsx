import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorSummary, SelectField, StatusMessage, TextField, useFormResult, valueOf } from '~/components/forms'
import { formError, formValues, invalid, parseForm } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { reportablePost, reportPost } from '~/modules/moderation/reports.server'
import { NOTE_MAX, REPORT_REASONS, reportSchema } from '~/modules/moderation/shared'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['moderation', 'settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'moderation.report.title')

async function load(request: Request, params: { id?: string; number?: string }) {
  const { actor } = await requireAuth(request)
  const found = await reportablePost(actor, params.id ?? '', Number(params.number))
  if (!found.ok) {
    if (found.status === 404) throw notFound()
    throw new Response('Forbidden', { status: 403 })
  }
  return { actor, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params)
  return { threadId: found.threadId, number: found.number, mine: found.mine }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, found } = await load(request, params)
  const form = await request.formData()
  const parsed = parseForm(form, reportSchema)
  if (!parsed.ok) return invalid(parsed)
  const result = await reportPost(actor, found.postId, parsed.data)
  if (!result.ok) {
    if ('errors' in result) return invalid({ errors: result.errors, values: formValues(form) })
    return formError(form, result.error, '_form', 'vars' in result ? result.vars : undefined, result.status)
  }
  return redirect(`/threads/${found.threadId}/posts/${found.number}/report?done=${result.updated ? 'updated' : 'sent'}`)
}

export default function ReportPost() {
  const { threadId, number, mine } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const done = params.get('done')
  const back = `/threads/${threadId}/posts/${number}`
  return (
    <div className="max-w-2xl space-y-6">
      <p>
        <Link to={back}>{t('moderation.report.back')}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t('moderation.report.heading', { number })}</h1>
      <StatusMessage>
        {!result && done === 'sent'
          ? t('moderation.report.done')
          : !result && done === 'updated'
            ? t('moderation.report.updated')
            : undefined}
      </StatusMessage>
      {!done && <p>{t('moderation.report.intro')}</p>}
      {mine && !done && <p className="rounded-md border border-stone-300 bg-stone-50 p-3">{t('moderation.report.already')}</p>}
      <Form method="post" className="card" noValidate>
        <ErrorSummary result={result} />
        <SelectField
          name="reason"
          label={t('moderation.report.reason')}
          required
          // Nothing chosen for the reporter: a preselected "Spam" would be sent by whoever does not look.
          defaultValue={valueOf(result, 'reason', mine?.reason ?? '')}
          errors={result?.errors.reason}
          options={[
            { value: '', label: t('moderation.report.choose') },
            ...REPORT_REASONS.map((r) => ({ value: r, label: t(`moderation.reasons.${r}`) })),
          ]}
        />
        <TextField
          name="note"
          label={t('moderation.report.note')}
          hint={t('moderation.report.noteHint')}
          multiline
          rows={4}
          maxLength={NOTE_MAX}
          defaultValue={valueOf(result, 'note', mine?.note ?? '')}
          errors={result?.errors.note}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {mine ? t('moderation.report.update') : t('moderation.report.submit')}
        </button>
      </Form>
    </div>
  )
}
