import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { StatusMessage } from '~/components/forms'
import { ModerationNav, PostActions, QueueItem } from '~/components/moderation/ModerationParts'
import { NameFlags } from '~/components/moderation/NameFlags'
import { Pagination } from '~/components/Pagination'
import { pageParam, requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { loadNameFlags } from '~/modules/moderation/name-flags.server'
import { loadQueue } from '~/modules/moderation/queue.server'
import { moderationScope } from '~/modules/moderation/scope.server'
import { doneKey } from '~/modules/moderation/shared'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'notifications', 'moderation'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'moderation.queue.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'moderation.queue', null)
  const [queue, nameFlags] = await Promise.all([loadQueue(actor, pageParam(new URL(request.url))), loadNameFlags(actor)])
  const scope = moderationScope(actor)
  return { ...queue!, nameFlags, scope: scope === 'all' ? ('all' as const) : (scope?.length ?? 0) }
}

export default function ModerationQueue() {
  const { items, total, page, pages, scope, nameFlags } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const [params] = useSearchParams()
  const location = useLocation()
  const done = doneKey(params.get('done'))
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('moderation.queue.title')}</h1>
      <ModerationNav />
      <p className="max-w-prose">
        {t('moderation.queue.intro')} {scope === 'all' ? t('moderation.queue.scopeAll') : t('moderation.queue.scopeSome', { count: scope })}
      </p>
      <StatusMessage>{done ? t(done) : undefined}</StatusMessage>
      <p data-testid="queue-count">{total === 0 ? t('moderation.queue.empty') : t('moderation.queue.count', { count: total })}</p>
      <ol className="space-y-8">
        {items.map((item) => (
          <li key={item.id} className="space-y-3">
            <QueueItem item={item} />
            {item.can.moderate && (
              <PostActions item={item} returnTo={`${location.pathname}${location.search.replace(/[?&]done=[^&]*/, '')}`} />
            )}
          </li>
        ))}
      </ol>
      <Pagination page={page} pages={pages} />
      {nameFlags && <NameFlags {...nameFlags} />}
    </div>
  )
}
