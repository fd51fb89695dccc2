/**
 * One post as an <article> a screen reader can navigate by: a numbered heading ("Post 12 by Ayşe"),
 * an "in reply to post 5" link, the time, an "edited" link to the history, the body, reactions and
 * actions. Nesting is shown by indentation with a vertical rule; the heading level says it too.
 *
 * Plain elements only (a, form, button) and no router hooks: twenty posts' Remix links and fetchers were
 * a third of the signed-in thread page's server time, each resolving paths and subscribing to the router.
 * What they did in the browser is done once for the whole list by `usePostListHandlers` (client
 * navigation, reactions as fetchers, quote, delete confirmation); without JavaScript they are ordinary
 * links and forms.
 */
import { formatDateTime, useI18n, type TFunction } from '~/lib/i18n'
import type { ReactionKind } from '~/modules/discussions/reactions'
import type { PostAuthor, PostView } from '~/modules/discussions/thread-page.server'
import { PostBody } from '~/components/content/PostBody'
import { LinkPreviews } from './LinkPreviews'
import { BookmarkButton, type BookmarkIntent } from './BookmarkButton'
import { AuthorLine } from '~/components/people/AuthorLine'
import { Reactions } from './Reactions'

export function authorName(t: TFunction, author: PostAuthor) {
  switch (author.kind) {
    case 'user':
      return author.name
    case 'anonymous':
      return t('discussions.post.anonymous')
    case 'anonymousKnown':
      return t('discussions.post.anonymousKnown', { name: author.name })
    case 'gone':
      return t('discussions.post.gone')
  }
}

// Classes, not a style attribute: the CSP (style-src 'self') drops inline styles. Short component classes
// (app/styles/discussions.css), since every post of the page repeats them.
const INDENT = ['post', 'post post-l1', 'post post-l2', 'post post-l3', 'post post-l4'] as const

export interface PostArticleProps {
  post: PostView
  threadId: string
  headingLevel: 2 | 3
  page: number
  root: number | null
  /** the viewer is a confirmed member (members-only profile photos show) */
  member: boolean
  /** a reaction of this viewer's on its way to the server (shown as done at once) */
  pendingReaction?: ReactionKind | null
  /** a bookmark change of this viewer's on its way to the server */
  pendingBookmark?: BookmarkIntent | null
}

/**
 * What it renders depends on its props and the language and time zone only (no router, no other
 * context): the server keeps the result between requests (PostSlot).
 */
export function PostArticle({
  post,
  threadId,
  headingLevel,
  page,
  root,
  member,
  pendingReaction = null,
  pendingBookmark = null,
}: PostArticleProps) {
  const { t, locale, timeZone } = useI18n()
  const name = authorName(t, post.author)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const base = `/threads/${threadId}`
  const postPath = `${base}/posts/${post.number}`
  const here = (extra: Record<string, string>) => {
    // Always with its page: a signed-in reader's bare thread address redirects to where the unread posts start.
    const params = new URLSearchParams({ page: String(page), ...(root ? { root: String(root) } : {}), ...extra })
    return `${base}?${params}#composer`
  }
  const indent = Math.min(post.level, INDENT.length - 1)
  const hiddenText = post.state === 'hidden' || post.state === 'deleted'
  return (
    <article aria-labelledby={`post-${post.number}`} data-post-number={post.number} className={INDENT[indent]}>
      <div className={post.state === 'pending' ? 'post-card post-pending' : 'post-card'}>
        <header className="post-head">
          <Heading id={`post-${post.number}`} tabIndex={-1} className="post-title">
            {t('discussions.post.heading', { number: post.number, name })}
          </Heading>
          {post.isNew && <span className="post-new">{t('discussions.post.new')}</span>}
          {/* Links are underlined by the base style; one string per text node keeps React's separators out. */}
          <p className="post-meta">
            <AuthorLine author={post.author} member={member} />
            <a href={postPath} data-nav="">
              <time dateTime={post.createdAt}>{formatDateTime(locale, post.createdAt, timeZone)}</time>
              <span className="sr-only">{` (${t('discussions.post.permalink', { number: post.number })})`}</span>
            </a>
            {post.parentNumber !== null && (
              <>
                {' · '}
                <a href={`${base}/posts/${post.parentNumber}`} data-nav="">
                  {t('discussions.post.inReplyTo', { number: post.parentNumber })}
                </a>
              </>
            )}
            {/* A deleted post has no history to offer (issue 10, item 8.9); a hidden one only to who may read it. */}
            {post.revisionCount > 0 && post.state !== 'deleted' && (post.state !== 'hidden' || !!post.html) && (
              <>
                {' · '}
                <a href={`${postPath}/history`} data-nav="" title={t('discussions.post.editedTitle')}>
                  {t('discussions.post.edited')}
                </a>
              </>
            )}
          </p>
        </header>
        {post.state === 'pending' && <p className="post-note">{t('discussions.post.pending')}</p>}
        {hiddenText && (
          <p className="post-gone">
            {post.html
              ? t(post.state === 'hidden' ? 'discussions.post.hiddenForModerators' : 'discussions.post.deletedForModerators')
              : t(post.state === 'hidden' ? 'discussions.post.hidden' : 'discussions.post.deleted')}
          </p>
        )}
        {post.html !== null && <PostBody html={post.html} className={hiddenText ? 'post-text post-faded' : 'post-text'} />}
        <LinkPreviews previews={post.previews} />
        <div className="post-foot">
          {post.state === 'visible' && (
            <Reactions
              postId={post.id}
              number={post.number}
              reactions={post.reactions}
              canReact={post.can.react}
              pending={pendingReaction}
            />
          )}
          <BookmarkButton post={post} threadId={threadId} pending={pendingBookmark} />
          <PostActions
            post={post}
            name={name}
            threadId={threadId}
            replyHref={here({ reply: String(post.number) })}
            quoteHref={here({ reply: String(post.number), quote: String(post.number) })}
          />
        </div>
      </div>
      {post.continueCount > 0 && (
        <p className="post-continue">
          <a href={`${base}?root=${post.number}`} data-nav="" className="btn-link">
            {t('discussions.post.continue', { count: post.continueCount })}
          </a>
        </p>
      )}
    </article>
  )
}

export const DELETE_FORM_ID = 'post-delete'

/**
 * The forms every post's buttons share, rendered once per page (before or after the posts; the buttons
 * name it with `form=`). Posts pushed live use it too.
 */
export function PostForms({ canDelete }: { canDelete: boolean }) {
  if (!canDelete) return null
  return (
    <form id={DELETE_FORM_ID} method="post" hidden>
      <input type="hidden" name="intent" value="delete" />
    </form>
  )
}

function PostActions({
  post,
  name,
  threadId,
  replyHref,
  quoteHref,
}: {
  post: PostView
  name: string
  threadId: string
  replyHref: string
  quoteHref: string
}) {
  const { t } = useI18n()
  const postPath = `/threads/${threadId}/posts/${post.number}`
  const any = post.can.reply || post.can.edit || post.can.delete || post.can.report || post.can.moderate
  if (!any) return null
  return (
    <ul aria-label={t('discussions.post.actions', { number: post.number })} className="post-actions">
      {/* Reply and quote stay on this route (only the query changes): nothing for Remix to discover. */}
      {post.can.reply && post.state === 'visible' && (
        <>
          <li>
            <a
              href={replyHref}
              data-nav="keep"
              className="btn-ghost-sm"
              aria-label={t('discussions.post.replyTo', { number: post.number })}
            >
              {t('discussions.post.reply')}
            </a>
          </li>
          <li>
            {/* With JavaScript the quote goes straight into the composer (usePostListHandlers). */}
            <a
              href={quoteHref}
              data-nav="keep"
              data-quote={name}
              className="btn-ghost-sm"
              aria-label={t('discussions.post.quoteTo', { number: post.number })}
            >
              {t('discussions.post.quote')}
            </a>
          </li>
        </>
      )}
      {post.can.edit && post.state !== 'deleted' && (
        <li>
          <a href={`${postPath}/edit`} data-nav="" className="btn-ghost-sm">
            {t('discussions.post.edit')}
          </a>
        </li>
      )}
      {post.can.delete && (
        <li>
          {/* Submits the page's one delete form (PostForms), saying which post: a moderator's page would
              otherwise carry a form per post. Without JavaScript it is a plain submit all the same. */}
          <button
            type="submit"
            form={DELETE_FORM_ID}
            name="postId"
            value={post.id}
            className="btn-ghost-sm btn-danger-text"
            data-confirm={t('discussions.post.deleteConfirm', { number: post.number })}
          >
            {t('discussions.post.delete')}
          </button>
        </li>
      )}
      {post.can.report && (
        <li>
          <a href={`${postPath}/report`} data-nav="" className="btn-ghost-sm">
            {t('discussions.post.report')}
          </a>
        </li>
      )}
      {post.can.moderate && (
        <li>
          <a href={`${postPath}/moderate`} data-nav="" className="btn-ghost-sm">
            {t('discussions.post.moderate')}
          </a>
        </li>
      )}
    </ul>
  )
}
