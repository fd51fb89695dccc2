import { Link } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useT } from '~/lib/i18n'
import { useSocket } from '~/lib/socket'

/** Unread counter; the server pushes the database's count to the user's room whenever it changes. */
export function NotificationBell({ userId, initial }: { userId: string; initial: number }) {
  const t = useT()
  const [count, setCount] = useState(initial)
  const [announcement, setAnnouncement] = useState('')
  const socket = useSocket(userId)
  useEffect(() => setCount(initial), [initial])
  useEffect(() => {
    if (!socket) return
    const onCount = (payload: { count: number }) => {
      setCount((prev) => {
        if (payload.count > prev) setAnnouncement(t('common.notifications.count', { count: payload.count }))
        return payload.count
      })
    }
    socket.on('notifications:count', onCount)
    return () => {
      socket.off('notifications:count', onCount)
    }
  }, [socket, t, userId])
  const label = count > 0 ? t('common.notifications.count', { count }) : t('common.notifications.none')
  return (
    <>
      <Link
        to="/notifications"
        className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-stone-800 no-underline hover:bg-stone-100"
        aria-label={label}
        data-testid="notification-bell"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && (
          <span
            data-testid="notification-count"
            className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-accent-600 px-1 text-center text-xs font-bold leading-5 text-white"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Link>
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
    </>
  )
}
