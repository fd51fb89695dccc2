/**
 * An open thread page's posts: the loader's, with pushed posts replaced or inserted in place (tree order).
 * A post that belongs on another page only counts for the "new replies" hint. Read positions are reported
 * to the server (debounced over the socket, and by a beacon when the page is left); a reconnect catches
 * up with one request. The loader runs again only for rare thread changes and lost access.
 */
import { useFetcher, useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { reportRead, type LiveEvent } from '~/lib/live'
import { INLINE_DEPTH } from '~/modules/discussions/form'
import { belongsOnPage, type LivePost, type LivePostsPayload } from '~/modules/discussions/post-view'

export interface LivePage {
  thread: { id: string; postCount: number; title: string }
  posts: LivePost[]
  page: number
  pages: number
  root: { path: string; depth: number } | null
  /** the signed-in reader (read positions are reported only for them) */
  userId: string | null
  /** server time of the load: where a catch-up starts */
  liveAt: string
}

interface State {
  base: LivePost[]
  /** pushed posts by id: replacements of the page's posts and posts inserted into it */
  pushed: Map<string, LivePost>
  postCount: number
  /** numbers of new posts that belong on other pages */
  elsewhere: number[]
  cursor: string
}

const fresh = (data: LivePage): State => ({
  base: data.posts,
  pushed: new Map(),
  postCount: data.thread.postCount,
  elsewhere: [],
  cursor: data.liveAt,
})

/** Debounce of read reports: a burst of arriving posts is one report. */
const READ_REPORT_MS = 2000

export function useLivePosts(data: LivePage) {
  const [stored, setState] = useState(() => fresh(data))
  // New loader data (navigation, revalidation) starts over from it: it already holds what was pushed.
  const state = stored.base === data.posts ? stored : fresh(data)
  const dataRef = useRef(data)
  dataRef.current = data
  const revalidator = useRevalidator()
  const catchUp = useFetcher<LivePostsPayload & { complete: boolean }>()
  // A pushed title edit, kept until the loader's title catches up with it (or moves past it).
  const [pushedTitle, setPushedTitle] = useState<{ over: string; title: string } | null>(null)
  const title = pushedTitle && pushedTitle.over === data.thread.title ? pushedTitle.title : data.thread.title

  const apply = useCallback((payload: LivePostsPayload) => {
    setState((prev) => {
      const d = dataRef.current
      const s = prev.base === d.posts ? prev : fresh(d)
      const pushed = new Map(s.pushed)
      const elsewhere = [...s.elsewhere]
      const onPage = new Set(s.base.map((p) => p.id))
      for (const post of payload.posts) {
        if (onPage.has(post.id) || pushed.has(post.id)) pushed.set(post.id, post)
        else if (belongsOnPage(post, d, INLINE_DEPTH)) pushed.set(post.id, post)
        else if (post.state === 'visible' && !elsewhere.includes(post.number)) elsewhere.push(post.number)
      }
      return { base: s.base, pushed, elsewhere, postCount: payload.postCount, cursor: payload.at > s.cursor ? payload.at : s.cursor }
    })
  }, [])

  useEffect(() => {
    if (!catchUp.data) return
    if (catchUp.data.complete) apply(catchUp.data)
    else revalidator.revalidate()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when an answer arrives
  }, [catchUp.data])

  const posts = useMemo(() => {
    const base = state.base.map((p) => {
      const next = state.pushed.get(p.id)
      // The deeper replies behind "continue" are counted by the loader only.
      return next ? { ...next, continueCount: p.continueCount } : p
    })
    const ids = new Set(state.base.map((p) => p.id))
    const inserted = [...state.pushed.values()].filter((p) => !ids.has(p.id))
    return inserted.length ? [...base, ...inserted].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : base
  }, [state.base, state.pushed])

  // Read positions: the highest number on the page, once it settles; whatever is left when leaving.
  const highest = posts.reduce((n, p) => Math.max(n, p.number), 0)
  const reported = useRef(0)
  useEffect(() => {
    reported.current = Math.max(reported.current, ...state.base.map((p) => p.number))
  }, [state.base])
  useEffect(() => {
    if (!data.userId || highest <= reported.current) return
    const timer = setTimeout(() => {
      if (reportRead(data.thread.id, highest)) reported.current = highest
    }, READ_REPORT_MS)
    return () => clearTimeout(timer)
  }, [data.userId, data.thread.id, highest])
  const latest = useRef({ highest, threadId: data.thread.id, userId: data.userId })
  latest.current = { highest, threadId: data.thread.id, userId: data.userId }
  useEffect(() => {
    const leave = () => {
      const { highest: n, threadId, userId } = latest.current
      if (!userId || n <= reported.current) return
      reported.current = n
      const body = new FormData()
      body.set('number', String(n))
      navigator.sendBeacon(`/threads/${threadId}/read`, body)
    }
    window.addEventListener('pagehide', leave)
    return () => {
      window.removeEventListener('pagehide', leave)
      leave()
    }
  }, [])

  const cursor = useRef(state.cursor)
  cursor.current = state.cursor
  /** For the page's live events: posts go in place, a reconnect catches up, the rest reloads. */
  const onLive = useCallback(
    (e: LiveEvent) => {
      switch (e.type) {
        case 'posts':
          apply(e.payload)
          break
        case 'reconnected': {
          // Pushes may have been missed: one request for what changed since the last one received.
          const after = new Date(Date.parse(cursor.current) - 5000).toISOString()
          catchUp.load(`/threads/${dataRef.current.thread.id}/live?${new URLSearchParams({ after })}`)
          break
        }
        case 'thread':
          // A new title comes with the event and changes in place; locked, moved…: rare, and they change
          // what everyone may do, so the page loads again.
          if (e.payload.type === 'thread.changed') {
            const pushed = e.payload.title
            if (pushed !== undefined) setPushedTitle({ over: dataRef.current.thread.title, title: pushed })
            else revalidator.revalidate()
          }
          break
        case 'revoked':
          // Access was taken away: one last load shows the page the person may now see (a refusal).
          revalidator.revalidate()
          break
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher and revalidator are used, not watched
    [apply],
  )

  return { posts, postCount: state.postCount, elsewhere: state.elsewhere, onLive, title }
}
