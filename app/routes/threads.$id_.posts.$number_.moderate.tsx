import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { StatusMessage, useFormResult } from '~/components/forms'
import { DecisionHistory, ModerationNav, PostActions, QueueItem } from '~/components/moderation/ModerationParts'
import { formError, formValues, invalid, parseForm } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { auditForTarget } from '~/modules/admin/audit.server'
import { requireAuth } from '~/modules/auth/session.server'
import { moderatePost } from '~/modules/moderation/actions.server'
import { loadPostItem, postIdAt } from '~/modules/moderation/queue.server'
import { doneKey, postActionSchema, safeReturn } from '~/modules/moderation/shared'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['admin', 'content', 'discussions', 'mail', 'moderation', 'notifications', 'orgs', 'settings'] }

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  title(matches, 'moderation.post.title', { number: data?.item.number ?? '' })

const forbidden = () => new Response('Forbidden', { status: 403 })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  const found = await loadPostItem(actor, params.id ?? '', Number(params.number))
  if (found.status !== 200) throw found.status === 404 ? notFound() : forbidden()
  const history = await auditForTarget('post', found.item.id)
  return {
    item: found.item,
    history: history.map((h) => ({ id: h.id, action: h.action, reason: h.reason, createdAt: h.createdAt, actor: h.actor?.name ?? null })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  const threadId = params.id ?? ''
  const number = Number(params.number)
  const postId = await postIdAt(threadId, number)
  if (!postId) throw notFound()
  const form = await request.formData()
  const parsed = parseForm(form, postActionSchema)
  if (!parsed.ok) return invalid(parsed)
  const result = await moderatePost(actor, postId, parsed.data)
  if (!result.ok) {
    if ('errors' in result) return invalid({ errors: result.errors, values: formValues(form) })
    return formError(form, result.error, '_form', undefined, result.status)
  }
  const back = safeReturn(form.get('returnTo'), `/threads/${threadId}/posts/${number}/moderate`)
  return redirect(`${back}${back.includes('?') ? '&' : '?'}done=post.${parsed.data.intent}`)
}

export default function ModeratePost() {
  const { item, history } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const [params] = useSearchParams()
  const location = useLocation()
  const done = doneKey(params.get('done'))
  return (
    <div className="space-y-6">
      <p className="flex flex-wrap gap-x-4">
        <Link to={`/threads/${item.thread.id}/posts/${item.number}`}>{t('moderation.post.back')}</Link>
        <Link to="/moderation">{t('moderation.post.queue')}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t('moderation.post.title', { number: item.number })}</h1>
      <ModerationNav />
      <StatusMessage>{done && !result ? t(done) : undefined}</StatusMessage>
      <QueueItem item={item} links={false} />
      <p className="flex flex-wrap gap-x-4">
        <Link to={`/threads/${item.thread.id}/posts/${item.number}/edit`}>{t('moderation.item.edit')}</Link>
        <Link to={`/threads/${item.thread.id}/moderate`}>{t('moderation.item.moderateThread')}</Link>
      </p>
      <PostActions item={item} result={result} returnTo={location.pathname} />
      <DecisionHistory id="post-history" heading={t('moderation.post.history')} empty={t('moderation.post.noHistory')} history={history} />
    </div>
  )
}
