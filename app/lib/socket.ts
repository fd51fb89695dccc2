import { useEffect, useState } from 'react'
import type { Socket } from 'socket.io-client'

let shared: { socket: Socket; userId: string | null } | null = null
/**
 * The client library, loaded when the first component asks for a connection (after hydration): the
 * server renders these components but never connects, so it does not load the library.
 */
let library: Promise<typeof import('socket.io-client')> | null = null

/** Ends the tab's connection (signing out): the next person on this computer starts a fresh one. */
export function closeSocket() {
  shared?.socket.disconnect()
  shared = null
}

/** This tab's connection, if one is open (for fire-and-forget signals such as typing). */
export function currentSocket(): Socket | null {
  return shared?.socket ?? null
}

/**
 * One Socket.io connection per tab and person, opened after hydration; the session cookie authenticates
 * it. A different person (sign-out, then sign-in) gets a new connection, never the previous one's rooms.
 */
export function useSocket(userId: string | null) {
  const [socket, setSocket] = useState<Socket | null>(null)
  useEffect(() => {
    let cancelled = false
    const open = ({ io }: typeof import('socket.io-client')) => {
      if (cancelled) return
      if (shared && shared.userId !== userId) closeSocket()
      // WebSocket first; long-polling where a network blocks it (one process only: decision 015).
      shared ??= { socket: io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true }), userId }
      setSocket(shared.socket)
    }
    void (library ??= import('socket.io-client')).then(open)
    return () => {
      cancelled = true
    }
  }, [userId])
  return socket
}
