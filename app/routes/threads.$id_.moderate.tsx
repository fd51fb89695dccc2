import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { StatusMessage, useFormResult } from '~/components/forms'
import { DecisionHistory, ModerationNav, ThreadActions } from '~/components/moderation/ModerationParts'
import { formError, formValues, invalid, parseForm } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { moderateThread } from '~/modules/moderation/actions.server'
import { doneKey, threadActionSchema } from '~/modules/moderation/shared'
import { loadThreadForModeration } from '~/modules/moderation/thread.server'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['admin', 'content', 'discussions', 'mail', 'moderation', 'notifications', 'orgs', 'settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'moderation.thread.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  const found = await loadThreadForModeration(actor, params.id ?? '')
  if (found.status === 404) throw notFound()
  if (found.status === 403) throw new Response('Forbidden', { status: 403 })
  return found
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  const id = params.id ?? ''
  const form = await request.formData()
  const parsed = parseForm(form, threadActionSchema)
  if (!parsed.ok) return invalid(parsed)
  const result = await moderateThread(actor, id, parsed.data)
  if (!result.ok) {
    if ('errors' in result) return invalid({ errors: result.errors, values: formValues(form) })
    if (result.status === 404) throw notFound()
    return formError(form, result.error, '_form', undefined, result.status)
  }
  // A hidden thread is still readable here (moderators), so coming back is always possible.
  return redirect(`/threads/${id}/moderate?done=thread.${parsed.data.intent}`)
}

export default function ModerateThread() {
  const { thread, destinations, history } = useLoaderData<typeof loader>()
  const { t, locale } = useI18n()
  const result = useFormResult()
  const [params] = useSearchParams()
  const done = doneKey(params.get('done'))
  const name = (s: { nameTr: string; nameEn: string }) => (locale === 'tr' ? s.nameTr : s.nameEn)
  const states = (['locked', 'closed', 'pinned', 'hidden'] as const).filter((s) => thread[s])
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/threads/${thread.id}`}>{t('moderation.post.back')}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t('moderation.thread.heading', { title: thread.title })}</h1>
      <ModerationNav />
      <StatusMessage>{done && !result ? t(done) : undefined}</StatusMessage>
      <section aria-labelledby="thread-state" className="card">
        <h2 id="thread-state" className="text-xl font-semibold">
          {t('moderation.thread.stateHeading')}
        </h2>
        <p className="mt-2" data-testid="thread-state">
          {(states.length ? states : (['open'] as const)).map((s) => t(`moderation.thread.state.${s}`)).join(', ')}
        </p>
        <p>
          <Link to={`/spaces/${thread.space.slug}`}>{t('moderation.thread.space', { name: name(thread.space) })}</Link> ·{' '}
          {t('moderation.thread.posts', { count: thread.postCount })}
        </p>
      </section>
      <ThreadActions thread={thread} result={result} spaces={destinations.map((s) => ({ id: s.id, name: name(s) }))} />
      <DecisionHistory
        id="thread-history"
        heading={t('moderation.thread.history')}
        empty={t('moderation.thread.noHistory')}
        history={history}
      />
    </div>
  )
}
