import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusMessage } from '~/components/forms'
import { formError } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { resolveLocale } from '~/lib/i18n.server'
import { requireAuth } from '~/modules/auth/session.server'
import { describeNotification, notificationText } from '~/modules/notifications/kinds'
import { withoutLostAccess } from '~/modules/notifications/access.server'
import { markAllRead, notificationPage, openNotification } from '~/modules/notifications/notifications.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'notifications.title')

const CURSOR = /^[a-z0-9]{1,64}$/i

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireAuth(request)
  const url = new URL(request.url)
  const before = url.searchParams.get('before')
  const unreadOnly = url.searchParams.get('unread') === '1'
  const page = await notificationPage(user.id, before && CURSOR.test(before) ? before : null, undefined, { unreadOnly })
  page.items = await withoutLostAccess(actor, page.items)
  // Space names come in both languages; the sentence uses the reader's.
  const locale = resolveLocale(request, user.locale)
  return {
    items: page.items.map((n) => ({
      id: n.id,
      createdAt: n.createdAt,
      unread: !n.readAt,
      ...describeNotification(n.kind, n.data, locale),
    })),
    nextCursor: page.nextCursor,
    older: !!before,
    unreadOnly,
    done: url.searchParams.get('done') === 'allRead',
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent === 'open') {
    const id = form.get('id')
    const href = typeof id === 'string' && CURSOR.test(id) ? await openNotification(user.id, id) : null
    if (!href) throw notFound()
    return redirect(href)
  }
  if (intent === 'readAll') {
    await markAllRead(user.id)
    return redirect('/notifications?done=allRead')
  }
  return formError(form, 'validation.invalid')
}

export default function Notifications() {
  const { items, nextCursor, older, unreadOnly, done } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const anyUnread = items.some((n) => n.unread)
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t('notifications.title')}</h1>
        {anyUnread && (
          <Form method="post">
            <button type="submit" name="intent" value="readAll" className="btn-secondary" disabled={busy}>
              {t('notifications.markAllRead')}
            </button>
          </Form>
        )}
      </div>
      <StatusMessage>{done ? t('notifications.allReadDone') : null}</StatusMessage>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('notifications.filterLabel')}>
          <ul className="flex gap-2">
            {[
              { to: '/notifications', label: t('notifications.filterAll'), current: !unreadOnly },
              { to: '/notifications?unread=1', label: t('notifications.filterUnread'), current: unreadOnly },
            ].map((f) => (
              <li key={f.to}>
                <Link
                  to={f.to}
                  aria-current={f.current ? 'page' : undefined}
                  className={`flex min-h-11 items-center rounded-md border px-3 font-medium no-underline ${
                    f.current
                      ? 'border-brand-700 bg-brand-50 text-brand-800 underline decoration-2 underline-offset-4'
                      : 'border-stone-300 text-stone-800'
                  }`}
                >
                  {f.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link to="/settings/notifications" className="text-brand-700 underline">
          {t('notifications.settingsLink')}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="card">{t(older ? 'notifications.noOlder' : unreadOnly ? 'notifications.emptyUnread' : 'notifications.empty')}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white" aria-label={t('notifications.listLabel')}>
          {items.map((n) => (
            <li
              key={n.id}
              className={`p-3 sm:p-4 ${n.unread ? 'bg-brand-50' : ''}`}
              data-testid="notification"
              data-unread={n.unread ? 'true' : 'false'}
            >
              <Form method="post" className="flex flex-col gap-1">
                <input type="hidden" name="id" value={n.id} />
                <button
                  type="submit"
                  name="intent"
                  value="open"
                  className="min-h-11 text-left text-brand-700 underline decoration-1 underline-offset-2 hover:decoration-2"
                >
                  {n.unread && (
                    <span className="mr-2 inline-block rounded border border-accent-600 px-1.5 text-xs font-bold uppercase text-accent-600 no-underline">
                      {t('notifications.new')}
                    </span>
                  )}
                  {notificationText(t, n)}
                </button>
                <span className="text-sm text-stone-700">
                  <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(locale, n.createdAt, timeZone)}</time>
                </span>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t('notifications.pagesLabel')} className="mt-6 flex flex-wrap justify-between gap-2">
        {older ? (
          <Link to={unreadOnly ? '/notifications?unread=1' : '/notifications'} className="btn-secondary">
            {t('notifications.newest')}
          </Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link
            to={`/notifications?${unreadOnly ? 'unread=1&' : ''}before=${encodeURIComponent(nextCursor)}`}
            className="btn-secondary"
            rel="next"
          >
            {t('notifications.older')}
          </Link>
        )}
      </nav>
    </div>
  )
}
