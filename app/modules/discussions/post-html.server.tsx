/**
 * Rendered post articles, kept between requests (see PostSlot). A post's markup is a pure function of
 * PostArticle's props, the language and the time zone, so the key is exactly those, as JSON: a
 * changed post, reaction, permission or unread mark is a different key, and nothing needs invalidating.
 * Old keys fall out by least recent use within a byte budget.
 *
 * A page looks its posts up while React renders it; the ones it lacked are rendered once the page has
 * been written (renderToString outside the page's own render), for the next reader.
 */
import { renderToString } from 'react-dom/server'
import { PostArticle, type PostArticleProps } from '~/components/discussions/PostArticle'
import type { PostHtmlSource } from '~/components/discussions/PostSlot'
import { I18nContext, type I18nValue } from '~/lib/i18n'
import { singleton } from '~/lib/singleton.server'

/** the markup's budget, keys included: some 1,500 posts of 2.5 kB markup and key (UTF-16 in memory) */
const MAX_BYTES = 8 * 1024 * 1024

interface Store {
  entries: Map<string, string>
  bytes: number
  hits: number
  misses: number
}

const store = singleton('post-html', (): Store => ({ entries: new Map(), bytes: 0, hits: 0, misses: 0 }))

/** The inputs themselves, as JSON: hashing them as well cost more than the Map's own string hash. */
function keyOf(props: PostArticleProps, i18n: I18nValue) {
  const { post, threadId, headingLevel, page, root, member, pendingReaction = null, pendingBookmark = null } = props
  return JSON.stringify([i18n.locale, i18n.timeZone, threadId, headingLevel, page, root, member, pendingReaction, pendingBookmark, post])
}

/** what an entry holds in memory (UTF-16): its key and its markup */
const size = (key: string, html: string) => (key.length + html.length) * 2

function keep(key: string, html: string) {
  const s = store
  if (s.entries.has(key)) return
  s.entries.set(key, html)
  s.bytes += size(key, html)
  for (const [k, v] of s.entries) {
    if (s.bytes <= MAX_BYTES) break
    s.entries.delete(k)
    s.bytes -= size(k, v)
  }
}

/** One page's source: lookups, and the posts it lacked, rendered by `keepMissing` after the page. */
export function postHtmlSource(): PostHtmlSource & { keepMissing(): void } {
  const s = store
  const missing = new Map<string, { props: PostArticleProps; i18n: I18nValue }>()
  return {
    get(props, i18n) {
      const key = keyOf(props, i18n)
      const html = s.entries.get(key)
      if (html === undefined) {
        s.misses++
        missing.set(key, { props, i18n })
        return undefined
      }
      s.hits++
      // Most recently used last: the first entries are the ones to drop.
      s.entries.delete(key)
      s.entries.set(key, html)
      return html
    },
    keepMissing() {
      if (!missing.size) return
      setImmediate(() => {
        for (const [key, { props, i18n }] of missing) {
          try {
            keep(key, renderPostArticle(props, i18n))
          } catch (e) {
            console.error(`[posts] keeping a post's markup failed: ${(e as Error).message}`)
          }
        }
      })
    },
  }
}

export function renderPostArticle(props: PostArticleProps, i18n: I18nValue) {
  return renderToString(
    <I18nContext.Provider value={i18n}>
      <PostArticle {...props} />
    </I18nContext.Provider>,
  )
}

export function postHtmlStats() {
  const s = store
  return { entries: s.entries.size, bytes: s.bytes, hits: s.hits, misses: s.misses }
}

/** tests */
export function clearPostHtml() {
  const s = store
  s.entries.clear()
  s.bytes = 0
  s.hits = 0
  s.misses = 0
}
