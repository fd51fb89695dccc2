/**
 * Domain events, published after the transaction that caused them has committed. Domain code never
 * imports Socket.io; server/realtime.ts subscribes and fans events out to rooms.
 */
import { EventEmitter } from 'node:events'
import { singleton } from '~/lib/singleton.server'

export interface DomainEvents {
  'notifications.changed': { userId: string }
  'membership.changed': { orgId: string; userId: string }
  /**
   * Who may read a space or thread changed (visibility, an invitation or a space moderator removed, a
   * thread hidden or moved): live connections in its rooms are checked again and leave what they lost.
   */
  'access.changed': { spaceId?: string; threadId?: string }
  'user.sessionsRevoked': { userId: string; exceptSessionId?: string | null }
  /** One session ended (signed out from another device): its live connections close too. */
  'session.revoked': { userId: string; sessionId: string }
  /**
   * Discussion events carry ids and numbers, never content: each reader's page reloads what that
   * reader may see (so a safe space's or a hidden post's text never travels through a room).
   * `authorName` is empty for anonymous posts.
   */
  'post.created': { spaceId: string; threadId: string; postId: string; number: number; authorName: string }
  'post.changed': {
    spaceId: string
    threadId: string
    postId: string
    number: number
    /** `preview`: the post's link previews arrived (app/modules/previews) */
    change: 'edited' | 'deleted' | 'hidden' | 'restored' | 'approved' | 'reactions' | 'preview'
  }
  'thread.created': { spaceId: string; threadId: string }
  'thread.changed': {
    spaceId: string
    threadId: string
    change: 'pinned' | 'unpinned' | 'locked' | 'unlocked' | 'closed' | 'reopened' | 'moved' | 'hidden' | 'restored' | 'edited'
    /** for a move: where it came from */
    fromSpaceId?: string
    /** for a title edit ('edited'): the new title, pushed as is (whoever is in the thread room may read it) */
    title?: string
  }
}

const emitter = singleton('events', () => {
  const e = new EventEmitter()
  e.setMaxListeners(100)
  return e
})

export function publish<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) {
  // Listeners must never break the request that published: errors are logged, not thrown.
  queueMicrotask(() => {
    try {
      emitter.emit(name, payload)
    } catch (e) {
      console.error(`event ${name} listener failed`, e)
    }
  })
}

export function subscribe<K extends keyof DomainEvents>(name: K, fn: (payload: DomainEvents[K]) => void) {
  emitter.on(name, fn)
  return () => emitter.off(name, fn)
}
