/** A post's edit history: every version with who, when and why, and a word diff between versions. */
import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { diffWords } from 'diff'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { getAuth } from '~/modules/auth/session.server'
import { discussionLoaderError } from '~/modules/discussions/http.server'
import { loadHistory } from '~/modules/discussions/thread-page.server'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['discussions', 'settings'] }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? title(matches, 'discussions.history.title', { number: data.number }) : title(matches, 'common.error.notFoundTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const number = Number(params.number)
  if (!Number.isInteger(number) || number < 1) throw new Response('Not Found', { status: 404 })
  try {
    const history = await loadHistory(auth.actor, params.id ?? '', number)
    if (history.deleted)
      return withStatus({ thread: history.thread, number: history.number, deleted: true, versions: [], total: 0 }, { status: 410 })
    // Newest first on the page, each with what changed since the version before it.
    const versions = history.versions.map((v, i) => ({
      ...v,
      changes:
        i === 0
          ? null
          : diffWords(history.versions[i - 1].body, v.body).map((c) => ({ value: c.value, added: !!c.added, removed: !!c.removed })),
    }))
    return { thread: history.thread, number: history.number, deleted: false, versions: versions.reverse(), total: versions.length }
  } catch (e) {
    return await discussionLoaderError(e, auth.actor, request)
  }
}

export default function History() {
  const data = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useI18n()
  const permalink = `/threads/${data.thread.id}/posts/${data.number}`
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link to={permalink} className="underline">
          {t('discussions.history.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{t('discussions.history.heading', { number: data.number })}</h1>
      <p className="mt-1 text-stone-700">{data.thread.title}</p>
      {data.deleted && <p className="mt-4">{t('discussions.history.deleted')}</p>}
      {data.total === 1 && <p className="mt-4">{t('discussions.history.none')}</p>}
      <ol className="mt-6 flex flex-col gap-6">
        {data.versions.map((v, i) => {
          // The edit that produced this version is recorded on the version before it.
          const prev = data.versions[i + 1]
          return (
            <li key={v.number} className="card">
              <h2 className="text-xl font-semibold">
                {t('discussions.history.version', { number: v.number })}
                {i === 0 && <span className="ml-2 text-base font-normal text-stone-700">({t('discussions.history.current')})</span>}
                {v.number === 1 && <span className="ml-2 text-base font-normal text-stone-700">({t('discussions.history.original')})</span>}
              </h2>
              {prev && (
                <p className="mt-1 text-sm text-stone-700">
                  {prev.editedAt && <time dateTime={prev.editedAt}>{formatDateTime(locale, prev.editedAt, timeZone)}</time>}
                  {prev.editedBy && <> · {t('discussions.history.by', { name: prev.editedBy })}</>}
                  {prev.reason && <> · {t('discussions.history.reason', { reason: prev.reason })}</>}
                </p>
              )}
              {v.changes ? (
                <>
                  <h3 className="mt-3 font-medium">{t('discussions.history.changes')}</h3>
                  <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-stone-50 p-3 font-mono text-sm" data-testid="diff">
                    {v.changes.map((c, j) =>
                      c.added ? (
                        <ins key={j} className="bg-green-100 text-green-900 underline decoration-2">
                          <span className="sr-only">[{t('discussions.history.added')} </span>
                          {c.value}
                          <span className="sr-only"> {t('discussions.history.addedEnd')}]</span>
                        </ins>
                      ) : c.removed ? (
                        <del key={j} className="bg-red-100 text-red-900 line-through">
                          <span className="sr-only">[{t('discussions.history.removed')} </span>
                          {c.value}
                          <span className="sr-only"> {t('discussions.history.removedEnd')}]</span>
                        </del>
                      ) : (
                        <span key={j}>{c.value}</span>
                      ),
                    )}
                  </p>
                </>
              ) : (
                <p className="mt-3 whitespace-pre-wrap break-words rounded-md bg-stone-50 p-3 font-mono text-sm">{v.body}</p>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
