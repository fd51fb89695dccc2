/**
 * A post of the thread page in a wrapper that lets the server reuse its markup. PostArticle's output
 * depends on its props, the language and the time zone only, so the server keeps it between requests
 * (app/modules/discussions/post-html.server.tsx) and, when it has it, puts the kept markup into the
 * wrapper as is instead of rendering the post again. The browser always renders the post itself: its
 * elements are the same as the kept markup, so hydration finds what it expects.
 */
import { createContext, useContext } from 'react'
import { I18nContext, type I18nValue } from '~/lib/i18n'
import { PostArticle, type PostArticleProps } from './PostArticle'

/** Given by the server's entry for the page it renders; absent in the browser. */
export interface PostHtmlSource {
  /** the kept markup for these props, or undefined (and the post is kept once the page is out) */
  get(props: PostArticleProps, i18n: I18nValue): string | undefined
}

export const PostHtmlContext = createContext<PostHtmlSource | null>(null)

export function PostSlot(props: PostArticleProps) {
  const source = useContext(PostHtmlContext)
  const i18n = useContext(I18nContext)
  const html = source?.get(props, i18n)
  if (html !== undefined) return <div className="post-slot" dangerouslySetInnerHTML={{ __html: html }} />
  return (
    <div className="post-slot">
      <PostArticle {...props} />
    </div>
  )
}
