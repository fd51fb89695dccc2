/**
 * One post as an <article> a screen reader can navigate by: a numbered heading ("Post 12 by Ayşe"),
 * an "in reply to post 5" link, the time, an "edited" link to the history, the body, reactions and
 * actions. Nesting is shown by indentation with a vertical rule; the heading level says it too.
 */
import { Form, Link } from '@remix-run/react'
import { formatDateTime, useI18n, type TFunction } from '~/lib/i18n'
import { quoteMarkdown } from '~/modules/content/quote'
import type { PostAuthor, PostView } from '~/modules/discussions/thread-page.server'
import { insertText } from '~/components/content/MarkdownField'
import { PostBody } from '~/components/content/PostBody'
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

/** Quote: the selected text inside this post, or the whole post, into the composer (which takes focus). */
function quoteInto(article: HTMLElement | null, source: { name: string; number: number; href: string }) {
  const body = article?.querySelector<HTMLElement>('.post-body')
  const composer = document.querySelector<HTMLTextAreaElement>('#composer textarea[name="body"]')
  if (!body || !composer) return false
  const selection = window.getSelection()
  const selected =
    selection && !selection.isCollapsed && body.contains(selection.anchorNode) && body.contains(selection.focusNode)
      ? selection.toString()
      : ''
  const text = (selected || body.innerText).trim()
  if (!text) return false
  const end = composer.value.length
  const gap = composer.value.trim() === '' ? '' : composer.value.endsWith('\n\n') ? '' : composer.value.endsWith('\n') ? '\n' : '\n\n'
  composer.focus()
  insertText(composer, gap + quoteMarkdown(text, source), [end, end])
  return true
}

// Classes, not a style attribute: the CSP (style-src 'self') drops inline styles. Short component classes
// (app/styles/discussions.css), since every post of the page repeats them.
const INDENT = ['post', 'post post-l1', 'post post-l2', 'post post-l3', 'post post-l4'] as const

export function PostArticle({
  post,
  threadId,
  headingLevel,
  page,
  root,
}: {
  post: PostView
  threadId: string
  headingLevel: 2 | 3
  page: number
  root: number | null
}) {
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
            <AuthorLine author={post.author} />
            <Link to={postPath}>
              <time dateTime={post.createdAt}>{formatDateTime(locale, post.createdAt, timeZone)}</time>
              <span className="sr-only">{` (${t('discussions.post.permalink', { number: post.number })})`}</span>
            </Link>
            {post.parentNumber !== null && (
              <>
                {' · '}
                <Link to={`${base}/posts/${post.parentNumber}`}>{t('discussions.post.inReplyTo', { number: post.parentNumber })}</Link>
              </>
            )}
            {post.revisionCount > 0 && (
              <>
                {' · '}
                <Link to={`${postPath}/history`} title={t('discussions.post.editedTitle')}>
                  {t('discussions.post.edited')}
                </Link>
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
        <div className="post-foot">
          {post.state === 'visible' && (
            <Reactions postId={post.id} number={post.number} reactions={post.reactions} canReact={post.can.react} />
          )}
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
          <Link to={`${base}?root=${post.number}`} className="btn-link">
            {t('discussions.post.continue', { count: post.continueCount })}
          </Link>
        </p>
      )}
    </article>
  )
}

const DELETE_FORM_ID = 'post-delete'

/**
 * The forms every post's buttons share, rendered once per page (before or after the posts; the buttons
 * name it with `form=`). Posts pushed live use it too.
 */
export function PostForms({ canDelete }: { canDelete: boolean }) {
  if (!canDelete) return null
  return (
    <Form id={DELETE_FORM_ID} method="post" preventScrollReset hidden>
      <input type="hidden" name="intent" value="delete" />
    </Form>
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
            <Link
              discover="none"
              to={replyHref}
              preventScrollReset
              className="btn-ghost-sm"
              aria-label={t('discussions.post.replyTo', { number: post.number })}
            >
              {t('discussions.post.reply')}
            </Link>
          </li>
          <li>
            <Link
              discover="none"
              to={quoteHref}
              preventScrollReset
              className="btn-ghost-sm"
              aria-label={t('discussions.post.quoteTo', { number: post.number })}
              onClick={(e) => {
                const article = (e.currentTarget as HTMLElement).closest('article')
                if (quoteInto(article, { name, number: post.number, href: postPath })) e.preventDefault()
              }}
            >
              {t('discussions.post.quote')}
            </Link>
          </li>
        </>
      )}
      {post.can.edit && post.state !== 'deleted' && (
        <li>
          <Link to={`${postPath}/edit`} className="btn-ghost-sm">
            {t('discussions.post.edit')}
          </Link>
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
            onClick={(e) => {
              if (!window.confirm(t('discussions.post.deleteConfirm', { number: post.number }))) e.preventDefault()
            }}
          >
            {t('discussions.post.delete')}
          </button>
        </li>
      )}
      {post.can.report && (
        <li>
          <Link to={`${postPath}/report`} className="btn-ghost-sm">
            {t('discussions.post.report')}
          </Link>
        </li>
      )}
      {post.can.moderate && (
        <li>
          <Link to={`${postPath}/moderate`} className="btn-ghost-sm">
            {t('discussions.post.moderate')}
          </Link>
        </li>
      )}
    </ul>
  )
}
