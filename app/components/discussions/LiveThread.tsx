/**
 * The live side of an open thread: "N people reading", who is typing, a polite announcement of what
 * changed, and the hint about new replies on other pages. Posts themselves arrive rendered and are put in
 * place by the page (`useLivePosts`, handed every event through `onLive`), so focus, scroll and anything
 * typed into the composer stay as they are.
 */
import { useEffect, useRef, useState } from 'react'
import { useT, type TFunction } from '~/lib/i18n'
import { Link } from '@remix-run/react'
import { TYPING_EXPIRY_MS, useLiveRooms, type LiveEvent, type ThreadEventPayload } from '~/lib/live'

export { useTypingSignal } from '~/lib/live'

export interface LiveThreadProps {
  threadId: string
  /** the thread's space (part of the contract; the thread room carries everything this line shows) */
  spaceId: string
  /** the signed-in reader, or null */
  userId: string | null
  /** every live event of the thread, for the page's posts */
  onLive?: (e: LiveEvent) => void
  /** numbers of new replies that belong on other pages of the thread */
  elsewhere?: number[]
}

/** What a screen reader hears for one event; null for changes not worth interrupting anyone for. */
export function describeThreadEvent(t: TFunction, e: ThreadEventPayload): string | null {
  switch (e.type) {
    case 'post.created':
      return e.authorName
        ? t('live.announce.postCreated', { name: e.authorName, number: e.number })
        : t('live.announce.postCreatedAnonymous', { number: e.number })
    case 'post.changed':
      return e.change === 'reactions' || e.change === 'preview' ? null : t(`live.announce.post.${e.change}`, { number: e.number })
    case 'thread.changed':
      return e.title !== undefined ? t('live.announce.thread.retitled', { title: e.title }) : t(`live.announce.thread.${e.change}`)
  }
}

function typingLine(t: TFunction, typists: Map<string, number>) {
  const names = [...typists.keys()]
  if (names.length === 0) return ''
  if (names.length > 2) return t('live.typing.many')
  const named = names.filter((n) => n !== '')
  if (named.length < names.length) return names.length === 1 ? t('live.typing.someone') : t('live.typing.many')
  return named.length === 1 ? t('live.typing.one', { name: named[0] }) : t('live.typing.two', { first: named[0], second: named[1] })
}

export function LiveThread({ threadId, onLive, elsewhere = [] }: LiveThreadProps) {
  const t = useT()
  const [count, setCount] = useState<number | null>(null)
  const [offline, setOffline] = useState(false)
  // name ('' for an anonymous typist) → when the line expires
  const [typists, setTypists] = useState<Map<string, number>>(new Map())
  const [announcement, setAnnouncement] = useState('')
  const queued = useRef<string[]>([])
  const flush = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    setCount(null)
    setTypists(new Map())
  }, [threadId])

  useEffect(() => () => clearTimeout(flush.current), [])

  // Typing lines fade on their own 5 s after the last signal.
  useEffect(() => {
    if (typists.size === 0) return
    const next = Math.min(...typists.values())
    const timer = setTimeout(
      () => setTypists((prev) => new Map([...prev].filter(([, until]) => until > Date.now()))),
      Math.max(0, next - Date.now()) + 50,
    )
    return () => clearTimeout(timer)
  }, [typists])

  /** A burst of events becomes one announcement, spoken once it settles. */
  function announce(message: string) {
    queued.current.push(message)
    clearTimeout(flush.current)
    flush.current = setTimeout(() => {
      setAnnouncement(queued.current.join(' '))
      queued.current = []
    }, 300)
  }

  function told(e: ThreadEventPayload) {
    const message = describeThreadEvent(t, e)
    if (message) announce(message)
    // Whoever was typing has probably just posted.
    if (e.type === 'post.created') {
      const name = e.authorName
      setTypists((prev) => {
        if (!prev.has(name)) return prev
        const next = new Map(prev)
        next.delete(name)
        return next
      })
    }
  }

  useLiveRooms([`thread:${threadId}`], (e) => {
    onLive?.(e)
    switch (e.type) {
      case 'presence':
        setCount(e.payload.count)
        break
      case 'typing': {
        const name = e.payload.name ?? ''
        setTypists((prev) => new Map(prev).set(name, Date.now() + TYPING_EXPIRY_MS))
        break
      }
      case 'thread':
        told(e.payload)
        break
      case 'posts':
        for (const event of e.payload.events) told(event)
        break
      case 'disconnected':
        setOffline(true)
        break
      case 'reconnected':
        setOffline(false)
        break
    }
  })

  const typing = typingLine(t, typists)
  return (
    <div className="min-h-6 text-sm text-stone-700" data-testid="live-thread">
      <p className="flex flex-wrap gap-x-3">
        {count !== null && count > 0 ? <span data-testid="live-presence">{t('live.presence.reading', { count })}</span> : null}
        {typing ? (
          <span data-testid="live-typing" className="italic">
            {typing}
          </span>
        ) : null}
        {offline ? (
          <span data-testid="live-offline" className="font-medium text-accent-600">
            {t('live.connection.lost')}
          </span>
        ) : null}
      </p>
      {elsewhere.length > 0 && (
        <p data-testid="live-elsewhere">
          <Link to={`/threads/${threadId}/posts/${Math.max(...elsewhere)}`} className="underline">
            {t('live.elsewhere', { count: elsewhere.length })}
          </Link>
        </p>
      )}
      <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
        {announcement}
      </div>
    </div>
  )
}
