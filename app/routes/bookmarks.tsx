import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusMessage } from '~/components/forms'
import { Pagination } from '~/components/Pagination'
import { formError, formValues, invalid } from '~/lib/forms.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import type { I18nHandle } from '~/lib/i18n-routes'
import { title } from '~/lib/meta'
import { ForbiddenError } from '~/lib/policy'
import { requireAuth, safeRedirectPath } from '~/modules/auth/session.server'
import { listBookmarks, NOTE_MAX, removeBookmark, setBookmark } from '~/modules/bookmarks/bookmarks.server'
import { DiscussionError, DiscussionInputError } from '~/modules/discussions/errors'
import { intParam } from '~/modules/discussions/http.server'

export const handle: I18nHandle = { i18n: ['discussions', 'settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'discussions.bookmarks.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  const url = new URL(request.url)
  const list = await listBookmarks(actor, intParam(url, 'page') ?? 1)
  return { ...list, done: url.searchParams.get('done') }
}

/**
 * `intent`: add | remove | note. From the thread page's button (a fetcher sends `js=1` and gets JSON;
 * a plain form is sent back to the post) and from this page's own forms.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  const form = await request.formData()
  const intent = form.get('intent')
  const postId = String(form.get('postId') ?? '').slice(0, 64)
  const js = form.get('js') === '1'
  const back = (done: string, bookmarked: boolean) =>
    js ? { ok: true as const, bookmarked } : redirect(safeRedirectPath(form.get('redirectTo'), `/bookmarks?done=${done}`))
  try {
    if (intent === 'add') {
      await setBookmark(actor, postId)
      return back('added', true)
    }
    if (intent === 'note') {
      await setBookmark(actor, postId, { note: String(form.get('note') ?? '') })
      return back('note', true)
    }
    if (intent === 'remove') {
      await removeBookmark(actor, postId)
      return back('removed', false)
    }
  } catch (e) {
    if (e instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
    if (e instanceof DiscussionInputError) return invalid({ errors: e.errors, values: formValues(form) })
    if (e instanceof DiscussionError && e.status === 404) throw new Response('Not Found', { status: 404 })
    throw e
  }
  return formError(form, 'validation.invalid')
}

export default function Bookmarks() {
  const data = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const notice =
    data.done === 'removed' ? t('discussions.bookmarks.removedNotice') : data.done === 'note' ? t('discussions.bookmarks.noteSaved') : null
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t('discussions.bookmarks.title')}</h1>
      <p className="mt-2 text-stone-700">{t('discussions.bookmarks.intro')}</p>
      <StatusMessage>{notice}</StatusMessage>
      {data.unavailable > 0 && <p className="card mt-4">{t('discussions.bookmarks.unavailable', { count: data.unavailable })}</p>}
      {data.items.length === 0 ? (
        <p className="mt-6">{t('discussions.bookmarks.empty')}</p>
      ) : (
        <>
          <p className="mt-4 text-sm text-stone-700">{t('discussions.bookmarks.count', { count: data.total })}</p>
          <ul aria-label={t('discussions.bookmarks.listLabel')} className="mt-2 flex flex-col gap-4">
            {data.items.map((b) => {
              const href = `/threads/${b.thread.id}/posts/${b.number}`
              const space = locale === 'tr' ? b.space.nameTr : b.space.nameEn
              return (
                <li key={b.postId} className="card">
                  <h2 className="text-lg font-semibold break-words">
                    <Link to={href}>{b.thread.title}</Link>
                  </h2>
                  <p className="mt-1 text-sm text-stone-700">
                    <Link to={href}>{t('discussions.bookmarks.postLink', { number: b.number })}</Link>
                    {` · ${t('discussions.bookmarks.inSpace', { space })} · `}
                    <time dateTime={b.createdAt}>
                      {t('discussions.bookmarks.savedAt', { date: formatDateTime(locale, b.createdAt, timeZone) })}
                    </time>
                  </p>
                  {b.state === 'deleted' || b.state === 'hidden' ? (
                    <p className="mt-2 italic text-stone-700">
                      {t(b.state === 'deleted' ? 'discussions.post.deleted' : 'discussions.post.hidden')}
                    </p>
                  ) : (
                    <>
                      {b.state === 'pending' && <p className="mt-2 text-sm font-medium">{t('discussions.post.pending')}</p>}
                      <p className="mt-2 break-words">{b.excerpt}</p>
                    </>
                  )}
                  <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="postId" value={b.postId} />
                    <input type="hidden" name="redirectTo" value={`/bookmarks?page=${data.page}&done=note`} />
                    <div className="min-w-0 flex-1">
                      <label htmlFor={`note-${b.postId}`} className="block text-sm font-medium">
                        {t('discussions.bookmarks.noteField', { number: b.number })}
                      </label>
                      <input
                        id={`note-${b.postId}`}
                        name="note"
                        defaultValue={b.note ?? ''}
                        maxLength={NOTE_MAX}
                        className="input mt-1 w-full"
                      />
                    </div>
                    <button type="submit" name="intent" value="note" className="btn-secondary" disabled={busy}>
                      {t('discussions.bookmarks.saveNote')}
                    </button>
                  </Form>
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="postId" value={b.postId} />
                    <input type="hidden" name="redirectTo" value={`/bookmarks?page=${data.page}&done=removed`} />
                    <button
                      type="submit"
                      name="intent"
                      value="remove"
                      className="btn-link text-red-800"
                      disabled={busy}
                      aria-label={t('discussions.bookmarks.removeLabel', { number: b.number, title: b.thread.title })}
                    >
                      {t('discussions.bookmarks.remove')}
                    </button>
                  </Form>
                </li>
              )
            })}
          </ul>
          <Pagination page={data.page} pages={data.pages} />
        </>
      )}
    </div>
  )
}
