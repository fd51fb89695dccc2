import { useEffect, useState } from 'react'
import type { TFunction } from '~/lib/i18n'
import { useSocket } from '~/lib/socket'

/**
 * A moderator's queue count (the Moderation link's badge). The server pushes the count itself to the
 * person's room whenever it may have changed (a report, a post waiting for approval, a decision), as it
 * does the bell's (server/realtime.ts): the header shows it, nothing reloads.
 */
export function useReviewCount(initial: number | null) {
  const [count, setCount] = useState(initial)
  useEffect(() => setCount(initial), [initial])
  return [count, setCount] as const
}

/** Listens on the person's connection (the bell's, shared); rendered for moderators only. */
export function ReviewCountListener({ userId, onCount }: { userId: string; onCount: (count: number) => void }) {
  const socket = useSocket(userId)
  useEffect(() => {
    if (!socket) return
    const listener = (payload: { count: number }) => {
      if (Number.isInteger(payload?.count) && payload.count >= 0) onCount(payload.count)
    }
    socket.on('moderation:count', listener)
    return () => {
      socket.off('moderation:count', listener)
    }
  }, [socket, onCount])
  return null
}

/** The badge on the Moderation link: nothing when the queue is empty. */
export function reviewBadge(t: TFunction, count: number | null) {
  if (!count) return undefined
  return { text: count > 99 ? '99+' : String(count), label: t('common.nav.moderationWaiting') }
}
