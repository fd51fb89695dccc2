/**
 * What the posts' links, forms and buttons do in the browser, for the whole page at once (their markup is
 * plain, see PostArticle): one listener for clicks and one for submits on the page's element, instead of
 * a router link or fetcher per control. Internal links (`data-nav`) navigate on the client, "keep" ones
 * without moving the page; Quote puts the post (or the selected part of it) into the composer; a button
 * with `data-confirm` asks first; reaction forms (`data-react`) go as fetchers keyed by post, whose
 * reactions on their way are returned for the posts to show at once; the delete form submits as a
 * navigation; bookmark forms (`data-bookmark`) go as fetchers too, said in the page's status line.
 * Without JavaScript all of it is ordinary links and forms.
 */
import { useFetchers, useNavigate, useSubmit } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { insertText } from '~/components/content/MarkdownField'
import { quoteMarkdown } from '~/modules/content/quote'
import { htmlToMarkdown } from '~/modules/content/quote-html'
import { REACTIONS, type ReactionKind } from '~/modules/discussions/reactions'
import type { BookmarkIntent } from './BookmarkButton'
import { DELETE_FORM_ID } from './PostArticle'

const REACT_KEY = 'react:'
const BOOKMARK_KEY = 'bookmark:'
const KINDS = new Set<string>(REACTIONS.map((r) => r.kind))

/** Quote: the selected text inside this post, or the whole post, into the composer (which takes focus). */
function quoteInto(article: HTMLElement | null, source: { name: string; number: number; href: string }) {
  const body = article?.querySelector<HTMLElement>('.post-body')
  const composer = document.querySelector<HTMLTextAreaElement>('#composer textarea[name="body"]')
  if (!body || !composer) return false
  const selection = window.getSelection()
  const selected =
    selection && !selection.isCollapsed && body.contains(selection.anchorNode) && body.contains(selection.focusNode)
      ? htmlToMarkdown(selection.getRangeAt(0).cloneContents())
      : ''
  // As Markdown, not innerText: lists, links and code stay what they were (issue 10, item 8.10).
  const text = (selected || htmlToMarkdown(body)).trim()
  if (!text) return false
  const end = composer.value.length
  const gap = composer.value.trim() === '' ? '' : composer.value.endsWith('\n\n') ? '' : composer.value.endsWith('\n') ? '\n' : '\n\n'
  composer.focus()
  insertText(composer, gap + quoteMarkdown(text, source), [end, end])
  return true
}

function onLinkClick(e: MouseEvent, navigate: ReturnType<typeof useNavigate>) {
  const target = e.target as Element | null
  const confirmButton = target?.closest<HTMLButtonElement>('button[data-confirm]')
  if (confirmButton) {
    if (!window.confirm(confirmButton.dataset.confirm ?? '')) e.preventDefault()
    return
  }
  const a = target?.closest<HTMLAnchorElement>('a[data-nav]')
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
  const url = new URL(a.href)
  if (url.origin !== window.location.origin) return
  const quoteName = a.dataset.quote
  if (quoteName !== undefined) {
    const article = a.closest<HTMLElement>('article')
    const number = Number(article?.dataset.postNumber)
    if (quoteInto(article, { name: quoteName, number, href: `${url.pathname}/posts/${number}` })) {
      e.preventDefault()
      return
    }
  }
  e.preventDefault()
  navigate(`${url.pathname}${url.search}${url.hash}`, { preventScrollReset: a.dataset.nav === 'keep' })
}

export function usePostListHandlers<E extends HTMLElement>() {
  const ref = useRef<E>(null)
  const navigate = useNavigate()
  const submit = useSubmit()
  const fetchers = useFetchers()
  /** the last bookmark change, for the page's status line */
  const [bookmarked, setBookmarked] = useState<{ number: number; intent: BookmarkIntent } | null>(null)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const click = (e: MouseEvent) => onLinkClick(e, navigate)
    const send = (e: SubmitEvent) => {
      const form = e.target as HTMLFormElement
      // The pressed button carries the reaction (name="kind") or the post (name="postId").
      const by = e.submitter instanceof HTMLButtonElement ? e.submitter : form
      const postId = form.dataset.react
      if (postId) {
        e.preventDefault()
        submit(by, { method: 'post', navigate: false, fetcherKey: REACT_KEY + postId, preventScrollReset: true })
      } else if (form.dataset.bookmark) {
        e.preventDefault()
        const data = new FormData(form, by instanceof HTMLButtonElement ? by : null)
        // A JSON answer instead of the no-JavaScript redirect back to the post.
        data.set('js', '1')
        const intent = data.get('intent') === 'remove' ? 'remove' : 'add'
        const number = Number(form.closest<HTMLElement>('article')?.dataset.postNumber)
        submit(data, {
          method: 'post',
          action: form.getAttribute('action') ?? '/bookmarks',
          navigate: false,
          fetcherKey: BOOKMARK_KEY + form.dataset.bookmark,
          preventScrollReset: true,
        })
        setBookmarked({ number, intent })
      } else if (form.id === DELETE_FORM_ID) {
        e.preventDefault()
        submit(by, { method: 'post', preventScrollReset: true })
      }
    }
    el.addEventListener('click', click)
    el.addEventListener('submit', send)
    return () => {
      el.removeEventListener('click', click)
      el.removeEventListener('submit', send)
    }
  }, [navigate, submit])

  /** post id → the reaction being toggled, and the bookmark change on its way */
  const { pending, bookmarks } = useMemo(() => {
    const pending = new Map<string, ReactionKind>()
    const bookmarks = new Map<string, BookmarkIntent>()
    for (const f of fetchers) {
      const kind = f.formData?.get('kind')
      if (f.key.startsWith(REACT_KEY) && typeof kind === 'string' && KINDS.has(kind))
        pending.set(f.key.slice(REACT_KEY.length), kind as ReactionKind)
      const intent = f.formData?.get('intent')
      if (f.key.startsWith(BOOKMARK_KEY) && (intent === 'add' || intent === 'remove'))
        bookmarks.set(f.key.slice(BOOKMARK_KEY.length), intent)
    }
    return { pending, bookmarks }
  }, [fetchers])

  return { ref, pending, bookmarks, bookmarked }
}
