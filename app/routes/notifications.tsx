import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusMessage } from '~/components/forms'
import { formError } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { describeNotification } from '~/modules/notifications/kinds'
import { markAllRead, notificationPage, openNotification } from '~/modules/notifications/notifications.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'notifications.title')

const CURSOR = /^[a-z0-9]{1,64}$/i

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const url = new URL(request.url)
  const before = url.searchParams.get('before')
  const page = await notificationPage(user.id, before && CURSOR.test(before) ? before : null)
  return {
    items: page.items.map((n) => ({ id: n.id, createdAt: n.createdAt, unread: !n.readAt, ...describeNotification(n.kind, n.data) })),
    nextCursor: page.nextCursor,
    older: !!before,
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
  const { items, nextCursor, older, done } = useLoaderData<typeof loader>()
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
      {items.length === 0 ? (
        <p className="card">{t(older ? 'notifications.noOlder' : 'notifications.empty')}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white" aria-label={t('notifications.listLabel')}>
          {items.map((n) => (
            <li key={n.id} className={`p-3 sm:p-4 ${n.unread ? 'bg-brand-50' : ''}`} data-testid="notification" data-unread={n.unread ? 'true' : 'false'}>
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
                  {t(n.key, n.vars)}
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
          <Link to="/notifications" className="btn-secondary">
            {t('notifications.newest')}
          </Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link to={`/notifications?before=${encodeURIComponent(nextCursor)}`} className="btn-secondary" rel="next">
            {t('notifications.older')}
          </Link>
        )}
      </nav>
    </div>
  )
}
