/**
 * Live rooms in the browser. Room events carry ids and numbers only; posts arrive already rendered for
 * the reader's audience (`thread:posts`), so an open thread never reloads its loader for a post. Lists
 * revalidate. Shared by the server (payload types) and the browser (hooks).
 */
import { useRevalidator, useRouteLoaderData } from '@remix-run/react'
import { useCallback, useEffect, useRef } from 'react'
import type { Socket } from 'socket.io-client'
import type { RootData } from '~/root'
import { currentSocket, useSocket } from '~/lib/socket'
import type { LivePostsPayload, PostEvent } from '~/modules/discussions/post-view'

export type { PostChange } from '~/modules/discussions/post-view'

export type ThreadChange =
  'pinned' | 'unpinned' | 'locked' | 'unlocked' | 'closed' | 'reopened' | 'moved' | 'hidden' | 'restored' | 'edited'

/**
 * `thread:event`, sent to `thread:<id>`: changes of the thread itself. Post events travel with the posts
 * (`thread:posts`, to the reader's audience room), one message per burst.
 */
export type ThreadEventPayload =
  | PostEvent
  /** `title`: a title edit carries the new title, so pages change it in place instead of reloading */
  | { type: 'thread.changed'; threadId: string; change: ThreadChange; title?: string }
/** `space:event`, sent to `space:<id>` (a moved thread: to both spaces). */
export interface SpaceEventPayload {
  type: 'post.created' | 'post.changed' | 'thread.created' | 'thread.changed'
  spaceId: string
  threadId: string
}
/** `thread:presence`: distinct signed-in people plus signed-out readers in the thread room. */
export interface PresencePayload {
  threadId: string
  count: number
}
/** `thread:typing`: `name` is null in spaces that allow anonymous posting. */
export interface TypingPayload {
  threadId: string
  name: string | null
}

export type LiveEvent =
  | { type: 'thread'; payload: ThreadEventPayload }
  | { type: 'space'; payload: SpaceEventPayload }
  | { type: 'presence'; payload: PresencePayload }
  | { type: 'typing'; payload: TypingPayload }
  /** new or changed posts, as this reader's audience sees them */
  | { type: 'posts'; payload: LivePostsPayload }
  /** the connection dropped: events may be missed until `reconnected` */
  | { type: 'disconnected' }
  /** back after a drop: catch up from the database (revalidate) */
  | { type: 'reconnected' }
  /** the server took this connection out of one of the page's rooms: access was taken away */
  | { type: 'revoked' }

/** How many mounted components want each room, per connection: a room is left when the last one goes. */
const wanted = new WeakMap<Socket, Map<string, number>>()

function roomsFor(socket: Socket) {
  let rooms = wanted.get(socket)
  if (!rooms) {
    const map = (rooms = new Map())
    wanted.set(socket, map)
    // Every (re)connection starts without our rooms unless the server recovered the session; asking
    // again is harmless and re-checks the policy.
    socket.on('connect', () => {
      for (const room of map.keys()) socket.emit('join', room)
    })
  }
  return rooms
}

function retain(socket: Socket, room: string) {
  const rooms = roomsFor(socket)
  const n = rooms.get(room) ?? 0
  rooms.set(room, n + 1)
  if (n === 0 && socket.connected) socket.emit('join', room)
}

function release(socket: Socket, room: string) {
  const rooms = roomsFor(socket)
  const n = rooms.get(room) ?? 0
  if (n > 1) return void rooms.set(room, n - 1)
  rooms.delete(room)
  if (socket.connected) socket.emit('leave', room)
}

/**
 * Joins `rooms` once the page is hydrated, leaves them on unmount or change, joins again after a
 * reconnect and tells `onEvent` about it (`{type: 'reconnected'}`) so the caller catches up.
 */
export function useLiveRooms(rooms: string[], onEvent: (e: LiveEvent) => void) {
  const root = useRouteLoaderData('root') as RootData | undefined
  const socket = useSocket(root?.user?.id ?? null)
  const handler = useRef(onEvent)
  useEffect(() => {
    handler.current = onEvent
  })
  const key = rooms.join('\n')

  useEffect(() => {
    if (!socket || !key) return
    const list = key.split('\n')
    const mine = new Set(list)
    for (const room of list) retain(socket, room)
    const deliver = (room: string, e: LiveEvent) => {
      if (mine.has(room)) handler.current(e)
    }
    const onThread = (payload: ThreadEventPayload) => deliver(`thread:${payload.threadId}`, { type: 'thread', payload })
    const onSpace = (payload: SpaceEventPayload) => deliver(`space:${payload.spaceId}`, { type: 'space', payload })
    const onPresence = (payload: PresencePayload) => deliver(`thread:${payload.threadId}`, { type: 'presence', payload })
    const onTyping = (payload: TypingPayload) => deliver(`thread:${payload.threadId}`, { type: 'typing', payload })
    const onPosts = (payload: LivePostsPayload) => deliver(`thread:${payload.threadId}`, { type: 'posts', payload })
    const onRevoked = ({ room }: { room: string }) => deliver(room, { type: 'revoked' })
    let dropped = false
    const onDisconnect = () => {
      dropped = true
      handler.current({ type: 'disconnected' })
    }
    const onConnect = () => {
      if (!dropped) return
      dropped = false
      handler.current({ type: 'reconnected' })
    }
    socket.on('thread:event', onThread)
    socket.on('space:event', onSpace)
    socket.on('thread:presence', onPresence)
    socket.on('thread:typing', onTyping)
    socket.on('thread:posts', onPosts)
    socket.on('access:revoked', onRevoked)
    socket.on('disconnect', onDisconnect)
    socket.on('connect', onConnect)
    return () => {
      socket.off('thread:event', onThread)
      socket.off('space:event', onSpace)
      socket.off('thread:presence', onPresence)
      socket.off('thread:typing', onTyping)
      socket.off('thread:posts', onPosts)
      socket.off('access:revoked', onRevoked)
      socket.off('disconnect', onDisconnect)
      socket.off('connect', onConnect)
      for (const room of list) release(socket, room)
    }
  }, [socket, key])
}

/** Revalidates the page's loaders once a burst of events has settled (`delayMs` after the last one). */
export function useDebouncedRevalidate(delayMs = 250) {
  const revalidator = useRevalidator()
  const revalidate = useRef(revalidator.revalidate)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => {
    revalidate.current = revalidator.revalidate
  })
  useEffect(() => () => clearTimeout(timer.current), [])
  return useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => revalidate.current(), delayMs)
  }, [delayMs])
}

/**
 * For lists (space list, a space's threads): reload the page's data when something changes in `rooms`
 * or after a reconnect. `relevant` may ignore events (by default every thread or space event counts).
 */
export function useLiveRevalidation(rooms: string[], relevant: (e: LiveEvent) => boolean = () => true) {
  const revalidate = useDebouncedRevalidate()
  useLiveRooms(rooms, (e) => {
    if (e.type === 'revoked' || ((e.type === 'thread' || e.type === 'space' || e.type === 'reconnected') && relevant(e))) revalidate()
  })
}

/** Minimum time between two typing signals from one composer. */
export const TYPING_SIGNAL_INTERVAL_MS = 3000
/** How long a "… is typing" line stays without a new signal. */
export const TYPING_EXPIRY_MS = 5000

/**
 * For the composer: call the returned function on every input; it tells the thread's other readers that
 * you are typing at most once per 3 s.
 */
export function useTypingSignal(threadId: string) {
  const last = useRef(0)
  return useCallback(() => {
    const now = Date.now()
    if (now - last.current < TYPING_SIGNAL_INTERVAL_MS) return
    const socket = currentSocket()
    if (!socket?.connected) return
    last.current = now
    socket.emit('typing', { threadId })
  }, [threadId])
}

/** Tells the server how far this reader has read a thread (written in a batch with everyone else's). */
export function reportRead(threadId: string, number: number) {
  const socket = currentSocket()
  if (!socket?.connected) return false
  socket.emit('read', { threadId, number })
  return true
}
