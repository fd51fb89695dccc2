import { useEffect, useState } from 'react'
import { io, type Socket } from 'socket.io-client'

let shared: Socket | null = null

/** One Socket.io connection per tab, opened after hydration; the session cookie authenticates it. */
export function useSocket() {
  const [socket, setSocket] = useState<Socket | null>(shared)
  useEffect(() => {
    shared ??= io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true })
    setSocket(shared)
  }, [])
  return socket
}
