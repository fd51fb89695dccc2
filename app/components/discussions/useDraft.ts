/**
 * Saves what is being typed as a draft: debounced while typing, and once more when the page goes away
 * (a `keepalive` request survives the unload). Plain fetch rather than a fetcher, so saving a draft
 * never revalidates the page the person is writing on.
 */
import { useCallback, useEffect, useRef } from 'react'

export const DRAFT_DEBOUNCE_MS = 800

export function useDraftAutosave(key: string, enabled: boolean) {
  const latest = useRef<{ title: string; body: string } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const value = latest.current
    if (!value || !enabled) return
    latest.current = null
    const body = new FormData()
    body.set('key', key)
    body.set('title', value.title)
    body.set('body', value.body)
    fetch('/drafts', { method: 'POST', body, keepalive: true, credentials: 'same-origin' }).catch(() => {
      // Offline or the server is restarting: the text is still in the field, and the next keystroke tries again.
      latest.current ??= value
    })
  }, [key, enabled])

  const onChange = useCallback(
    (value: { title?: string; body: string }) => {
      if (!enabled) return
      latest.current = { title: value.title ?? '', body: value.body }
      clearTimeout(timer.current)
      timer.current = setTimeout(flush, DRAFT_DEBOUNCE_MS)
    },
    [enabled, flush],
  )

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  /** After a successful submit the server has removed the draft: drop what is pending too. */
  const forget = useCallback(() => {
    clearTimeout(timer.current)
    latest.current = null
  }, [])

  return { onChange, forget }
}
