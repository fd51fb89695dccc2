import { randomUUID } from 'node:crypto'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useRouteLoaderData } from '@remix-run/react'
import { Fragment, useEffect } from 'react'
import { useFormResult } from '~/components/forms'
import { Composer } from '~/components/discussions/Composer'
import { LiveThread, useTypingSignal } from '~/components/discussions/LiveThread'
import { PostForms } from '~/components/discussions/PostArticle'
import { PostSlot } from '~/components/discussions/PostSlot'
import type { RootData } from '~/root'
import { ThreadHeading } from '~/components/discussions/ThreadHeading'
import { ThreadPagination } from '~/components/discussions/ThreadPagination'
import { useLivePosts } from '~/components/discussions/useLivePosts'
import { usePostListHandlers } from '~/components/discussions/usePostListHandlers'
import { viewFor } from '~/modules/discussions/post-view'
import { getT, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { literalTitle, title } from '~/lib/meta'
import { checkbox, z } from '~/lib/validation'
import { getAuth, requireAuth } from '~/modules/auth/session.server'
import { quoteMarkdown } from '~/modules/content/quote'
import { draftKeys } from '~/modules/discussions/form'
import { discussionErrorResponse, discussionLoaderError, intParam } from '~/modules/discussions/http.server'
import { createReply, deletePost, toggleReaction } from '~/modules/discussions/posting.server'
import { loadThreadPage, quotablePost } from '~/modules/discussions/thread-page.server'
import { unreachedFromUrl, unreachableMentions } from '~/modules/discussions/mention-reach.server'
import { MentionWarning } from '~/components/discussions/MentionWarning'
import { can } from '~/lib/policy'
import { forwardPageCacheHeader, publicPageHeaders } from '~/lib/http.server'
import type { I18nHandle } from '~/lib/i18n-routes'

export const handle: I18nHandle = { i18n: ['content', 'discussions', 'live', 'mail', 'notifications', 'orgs', 'settings'] }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? literalTitle(data.page > 1 ? `${data.thread.title} (${data.page})` : data.thread.title)
    : title(matches, 'common.error.notFoundTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const threadId = params.id ?? ''
  const url = new URL(request.url)
  const root = intParam(url, 'root')
  const replyNumber = intParam(url, 'reply')
  const quoteNumber = intParam(url, 'quote')
  let result: Awaited<ReturnType<typeof loadThreadPage>>
  try {
    // The draft comes with the thread (one round trip); it is used only when the reader may reply.
    const draftKey = draftKeys.reply(threadId, replyNumber)
    result = await loadThreadPage(auth.actor, threadId, { page: intParam(url, 'page'), root, draftKey, unread: auth.unread })
  } catch (e) {
    return await discussionLoaderError(e, auth.actor, request)
  }
  if (result.kind === 'jump') {
    // Keep what else was asked (a reply or quote opens the composer), only the page is filled in.
    url.searchParams.set('page', String(result.page))
    const composing = url.searchParams.has('reply') || url.searchParams.has('quote')
    throw redirect(`${url.pathname}${url.search}${composing ? '#composer' : result.number ? `#post-${result.number}` : ''}`)
  }
  const d = result.data
  const target = result.target.space

  const replyTo = replyNumber && d.can.reply ? replyNumber : null
  const draftKey = draftKeys.reply(threadId, replyTo)
  const draft = d.can.reply ? result.draft : null
  const q =
    quoteNumber && d.can.reply ? await quotablePost(auth.actor, threadId, quoteNumber, { thread: d.thread, target: result.target }) : null
  let quote = ''
  if (q) {
    const t = getT(resolveLocale(request, auth.user?.locale))
    quote = quoteMarkdown(q.body, {
      name: q.authorName ?? t('discussions.post.anonymous'),
      number: q.number,
      href: `/threads/${threadId}/posts/${q.number}`,
    })
  }
  // Signed-out readers of an open space all get the same page: the page cache may keep it for a moment.
  // Never for safe, members-only or private spaces (the policy asked as nobody), never signed in.
  const cacheable = !auth.user && !d.thread.hidden && !quoteNumber && !replyNumber && can(null, 'space.view', { ...target, invited: false })
  const payload = {
    ...d,
    unreached: await unreachedFromUrl(auth.actor, threadId, url),
    userId: auth.user?.id ?? null,
    signedIn: !!auth.user,
    liveAt: new Date().toISOString(),
    clientKey: randomUUID(),
    draftKey,
    defaultBody: [draft?.body, quote].filter(Boolean).join('\n\n'),
    restored: !!draft?.body,
    replyTo,
    rulesPending: result.rulesPending,
  }
  return data(payload, cacheable ? { headers: publicPageHeaders([`thread:${d.thread.id}`, `space:${d.thread.space.id}`]) } : undefined)
}

export const headers = forwardPageCacheHeader

const replyForm = z.object({
  parentNumber: z.string().optional(),
  body: z.string().default(''),
  anonymous: checkbox,
  clientKey: z.string().default(''),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  const threadId = params.id ?? ''
  const form = await request.formData()
  const intent = form.get('intent')
  const str = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  try {
    if (intent === 'reply') {
      const raw = replyForm.parse({
        parentNumber: str('parentNumber') || undefined,
        body: str('body'),
        anonymous: str('anonymous') || undefined,
        clientKey: str('clientKey'),
      })
      const post = await createReply(actor, {
        threadId,
        parentNumber: raw.parentNumber,
        body: raw.body,
        anonymous: raw.anonymous ? 'on' : undefined,
        clientKey: raw.clientKey,
      })
      // Mentioned people who cannot see the thread are not told: the writer is, on the page they land on.
      const unreached = await unreachableMentions(actor, { threadId }, raw.body)
      const q = unreached.length ? `?${new URLSearchParams({ unreached: unreached.join(',') })}` : ''
      return redirect(`/threads/${threadId}/posts/${post.number}${q}`)
    }
    if (intent === 'react') {
      await toggleReaction(actor, { postId: str('postId'), kind: str('kind') })
      return { ok: true as const }
    }
    if (intent === 'delete') {
      const deleted = await deletePost(actor, str('postId'))
      // Back to the thread's own address (not the form's `?index&page=1`), on the same page, at the tombstone.
      const from = new URL(request.url)
      const root = intParam(from, 'root')
      const back = new URLSearchParams({ page: String(intParam(from, 'page') ?? 1), ...(root ? { root: String(root) } : {}) })
      return redirect(`/threads/${threadId}?${back}#post-${deleted.number}`)
    }
  } catch (e) {
    return discussionErrorResponse(e, form)
  }
  throw new Response('Bad Request', { status: 400 })
}

/**
 * After following a post link (or posting), the post's heading takes focus, so reading starts there;
 * after Reply or Quote (`#composer`), the reply box does, caret at the end, so typing starts at once.
 */
function useFocusFromHash() {
  const location = useLocation()
  useEffect(() => {
    if (location.hash === '#composer') {
      const box = document.querySelector<HTMLTextAreaElement>('#composer textarea[name="body"]')
      if (!box || document.activeElement === box) return
      box.focus({ preventScroll: false })
      box.setSelectionRange(box.value.length, box.value.length)
      return
    }
    if (!/^#post-\d+$/.test(location.hash)) return
    const heading = document.getElementById(location.hash.slice(1))
    if (heading && document.activeElement !== heading) heading.focus({ preventScroll: false })
  }, [location.key, location.hash])
}

export default function ThreadRoute() {
  const data = useLoaderData<typeof loader>()
  const { t, locale } = useI18n()
  const location = useLocation()
  const result = useFormResult()
  const typing = useTypingSignal(data.thread.id)
  const live = useLivePosts(data)
  const postList = usePostListHandlers<HTMLDivElement>()
  const rootDepth = data.root?.depth ?? 0
  const member = !!(useRouteLoaderData('root') as RootData | undefined)?.user?.verified
  useFocusFromHash()
  const base = `/threads/${data.thread.id}`
  const spaceName = locale === 'tr' ? data.thread.space.nameTr : data.thread.space.nameEn
  const keep = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams({
      ...(data.page > 1 ? { page: String(data.page) } : {}),
      ...(data.root ? { root: String(data.root.number) } : {}),
      ...extra,
    })
    const q = params.toString()
    return `${base}${q ? `?${q}` : ''}`
  }
  const badge = 'inline-flex items-center rounded-full border px-3 py-0.5 text-sm font-medium'
  return (
    <div className="mx-auto max-w-4xl" ref={postList.ref}>
      <nav aria-label={t('discussions.thread.breadcrumb')} className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link to="/spaces" className="underline">
              {t('discussions.thread.spaces')}
            </Link>
            <span aria-hidden="true"> ›</span>
          </li>
          <li>
            <Link to={`/spaces/${data.thread.space.slug}`} className="underline">
              {spaceName}
            </Link>
          </li>
        </ol>
      </nav>
      <ThreadHeading title={live.title} editHref={data.can.editTitle ? `${base}/title` : null} />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {data.thread.pinned && <span className={`${badge} border-brand-700 text-brand-800`}>{t('discussions.thread.pinned')}</span>}
        {data.thread.locked && <span className={`${badge} border-stone-600 text-stone-800`}>{t('discussions.thread.locked')}</span>}
        {data.thread.closed && <span className={`${badge} border-stone-600 text-stone-800`}>{t('discussions.thread.closed')}</span>}
        {data.thread.hidden && <span className={`${badge} border-red-700 text-red-800`}>{t('discussions.thread.hiddenThread')}</span>}
        <span className="text-sm text-stone-700">{t('discussions.thread.posts', { count: live.postCount })}</span>
        {data.thread.themes.length > 0 && (
          <ul aria-label={t('discussions.thread.themes')} className="flex flex-wrap gap-1">
            {data.thread.themes.map((th) => (
              <li key={th.slug} className="rounded bg-stone-100 px-2 text-sm text-stone-800">
                {locale === 'tr' ? th.nameTr : th.nameEn}
              </li>
            ))}
          </ul>
        )}
        {data.can.moderate && (
          <Link to={`${base}/moderate`} className="btn-link">
            {t('discussions.thread.moderate')}
          </Link>
        )}
      </div>

      <div className="mt-3">
        <LiveThread
          threadId={data.thread.id}
          spaceId={data.thread.space.id}
          userId={data.userId}
          onLive={live.onLive}
          elsewhere={live.elsewhere}
        />
      </div>

      {data.root && (
        <div className="mt-4 rounded-md border border-stone-300 bg-stone-50 p-3">
          <p>{t('discussions.thread.branchOf', { number: data.root.number })}</p>
          <p className="mt-1 flex flex-wrap gap-x-4">
            <Link to={`${base}/posts/${data.root.number}`} className="underline">
              {t('discussions.thread.backToThread')}
            </Link>
            {data.root.parentNumber !== null && (
              <Link to={`${base}/posts/${data.root.parentNumber}`} className="underline">
                {t('discussions.thread.branchParent', { number: data.root.parentNumber })}
              </Link>
            )}
          </p>
        </div>
      )}

      <ThreadPagination page={data.page} pages={data.pages} />

      <h2 className="sr-only">{t('discussions.thread.postsHeading')}</h2>
      {live.posts.length === 0 ? (
        <p className="mt-4">{t('discussions.thread.empty')}</p>
      ) : (
        <div className="mt-4 flex flex-col gap-4">
          {live.posts
            .map((item) => viewFor(item, data.viewer, rootDepth))
            .map((post) => (
              <Fragment key={post.id}>
                {post.number === data.firstUnreadNumber && (
                  <p id="new" className="flex items-center gap-3 font-semibold text-accent-900">
                    <span aria-hidden="true" className="h-0.5 flex-1 bg-accent-700" />
                    {t('discussions.thread.newSince')}
                    <span aria-hidden="true" className="h-0.5 flex-1 bg-accent-700" />
                  </p>
                )}
                <PostSlot
                  post={post}
                  member={member}
                  threadId={data.thread.id}
                  headingLevel={post.level === 0 ? 2 : 3}
                  page={data.page}
                  root={data.root?.number ?? null}
                  pendingReaction={postList.pending.get(post.id) ?? null}
                  pendingBookmark={postList.bookmarks.get(post.id) ?? null}
                />
              </Fragment>
            ))}
        </div>
      )}

      {/* After posting, below the posts: where the new post (and the focus) usually is. */}
      <MentionWarning handles={data.unreached} />
      <p role="status" className="sr-only">
        {postList.bookmarked
          ? t(postList.bookmarked.intent === 'add' ? 'discussions.bookmarks.added' : 'discussions.bookmarks.removed', {
              number: postList.bookmarked.number,
            })
          : ''}
      </p>
      <ThreadPagination page={data.page} pages={data.pages} />
      <PostForms canDelete={Object.values(data.viewer.controls).some((c) => c.delete)} />

      {data.thread.locked || data.thread.closed ? (
        <p className="card mt-8">{t(data.thread.locked ? 'discussions.thread.lockedNotice' : 'discussions.thread.closedNotice')}</p>
      ) : null}
      {data.rulesPending ? (
        <div className="card mt-8">
          <p>{t('discussions.thread.rulesHint')}</p>
          <p className="mt-2">
            <Link to={`/spaces/${data.thread.space.slug}#rules`} className="btn-secondary">
              {t('discussions.thread.rulesLink')}
            </Link>
          </p>
        </div>
      ) : data.can.reply ? (
        <Composer
          key={location.key}
          threadId={data.thread.id}
          clientKey={data.clientKey}
          draftKey={data.draftKey}
          defaultBody={data.defaultBody}
          restored={data.restored}
          replyTo={data.replyTo ? { number: data.replyTo, href: `${base}/posts/${data.replyTo}` } : null}
          cancelReplyHref={`${keep()}#composer`}
          allowAnonymous={data.thread.space.allowAnonymous}
          result={result}
          onTyping={typing}
        />
      ) : !data.signedIn ? (
        <p className="card mt-8">
          <Link to={`/login?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`} className="btn-primary">
            {t('discussions.thread.signInToReply')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}
