/** A space's threads: each a heading with its title link, its state badges and a line of facts. */
import { Link } from '@remix-run/react'
import { formatDateTime, useI18n } from '~/lib/i18n'

export interface ThreadListEntry {
  id: string
  title: string
  author: { name: string } | null
  anonymous: boolean
  replyCount: number
  lastPostAt: Date | string
  pinned: boolean
  locked: boolean
  closed: boolean
  hidden: boolean
  unread: number | null
  isNew: boolean
}

const badge = 'inline-flex items-center rounded-full border px-2 py-0.5 text-sm font-medium'

export function ThreadList({ threads }: { threads: ThreadListEntry[] }) {
  const { t, locale, timeZone } = useI18n()
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="thread-list">
      {threads.map((th) => (
        <li key={th.id} className={`p-4 ${th.hidden ? 'bg-stone-100' : ''}`} data-testid="thread-item">
          <h3 className="text-lg font-semibold break-words">
            <Link to={`/threads/${th.id}`}>{th.title}</Link>
          </h3>
          {(th.pinned || th.locked || th.closed || th.hidden || th.isNew || !!th.unread) && (
            <ul className="mt-1 flex flex-wrap gap-1" aria-label={t('spaces.threads.state')}>
              {th.hidden && <li className={`${badge} border-red-800 bg-red-50 text-red-900`}>{t('spaces.threads.hidden')}</li>}
              {th.pinned && <li className={`${badge} border-brand-700 bg-brand-50 text-brand-800`}>{t('spaces.threads.pinned')}</li>}
              {th.locked && <li className={`${badge} border-stone-500 bg-stone-50 text-stone-800`}>{t('spaces.threads.locked')}</li>}
              {th.closed && <li className={`${badge} border-stone-500 bg-stone-50 text-stone-800`}>{t('spaces.threads.closed')}</li>}
              {th.isNew && <li className={`${badge} border-brand-700 bg-brand-700 text-white`}>{t('spaces.threads.new')}</li>}
              {!!th.unread && (
                <li className={`${badge} border-brand-700 bg-brand-700 text-white`}>{t('spaces.threads.unread', { count: th.unread })}</li>
              )}
            </ul>
          )}
          <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-stone-700">
            <span>
              {th.author
                ? t(th.anonymous ? 'spaces.threads.byAnonymousKnown' : 'spaces.threads.by', { name: th.author.name })
                : t(th.anonymous ? 'spaces.threads.byAnonymous' : 'spaces.threads.byFormer')}
            </span>
            <span>{t('spaces.threads.replies', { count: th.replyCount })}</span>
            <span>{t('spaces.threads.lastActivity', { time: formatDateTime(locale, th.lastPostAt, timeZone) })}</span>
          </p>
        </li>
      ))}
    </ul>
  )
}
