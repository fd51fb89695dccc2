/**
 * Posts for live readers, rendered once per audience. A new or changed post is serialized for readers and
 * for moderators (what differs: hidden and deleted text, anonymous authors) by the same function the thread
 * page's loader uses, and pushed to the thread's audience room; nobody's loader runs again. Events within a
 * short window are coalesced per thread: a burst of replies becomes one query and one push per audience.
 */
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import { subscribe, type DomainEvents } from '~/modules/events/bus.server'
import type { Audience, LivePost, LivePostsPayload, PostAuthor, PostEvent, PostState } from './post-view'
import { POST_ROW_COLUMNS, POST_ROW_JOINS, toLivePostRow, type LivePostRow, type PostSqlRow } from './post-rows.server'
import { avatarUrl } from '~/modules/people/initials'
import { REACTIONS } from './reactions'

export type { LivePostRow, LivePostsPayload }

/** How often posts were serialized, per audience: tests and benchmarks read it to count renders. */
export const liveStats = singleton('live-stats', () => ({ renders: { reader: 0, moderator: 0 } as Record<Audience, number>, batches: 0 }))

export const postState = (r: Pick<LivePostRow, 'deletedAt' | 'status'>): PostState =>
  r.deletedAt ? 'deleted' : r.status === 'HIDDEN' ? 'hidden' : r.status === 'PENDING' ? 'pending' : 'visible'

/**
 * The one serializer of a post for an audience, used by the loader and the push alike. `moderator` comes
 * from the policy (`thread.moderate`, which is `post.viewAuthor` and `post.moderate` for every post of the
 * thread). Readers get no text of hidden or deleted posts and never an anonymous author's identity.
 */
export function serializePost(r: LivePostRow, moderator: boolean, counts: Map<string, number>, continueCount = 0): LivePost {
  liveStats.renders[moderator ? 'moderator' : 'reader']++
  const state = postState(r)
  const showText = state === 'visible' || state === 'pending' || moderator
  const author: PostAuthor = !r.authorId
    ? { kind: 'gone' }
    : r.anonymous
      ? moderator
        ? { kind: 'anonymousKnown', id: r.authorId, name: r.author?.name ?? '' }
        : { kind: 'anonymous' }
      : userAuthor(r.authorId, r.author)
  return {
    id: r.id,
    number: r.number,
    path: r.path,
    depth: r.depth,
    parentNumber: r.parent?.number ?? null,
    state,
    html: showText ? r.html : null,
    author,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    revisionCount: r.revisionCount,
    continueCount,
    reactions: REACTIONS.map(({ kind }) => ({ kind, count: counts.get(`${r.id}:${kind}`) ?? 0 })),
    previews: showText ? r.previews : [],
  }
}

/** A named author, with what their profile link and avatar need (components/people/AuthorLine.tsx). */
function userAuthor(id: string, a: LivePostRow['author']): PostAuthor {
  const handle = a?.handle ?? null
  return {
    kind: 'user',
    id,
    name: a?.name ?? '',
    handle,
    avatarUrl: handle ? avatarUrl(handle, a?.avatarPath) : null,
    profilePublic: !!a?.profilePublic,
  }
}

/** Pending posts reach readers only through their author's own page (and moderators). */
const forAudience = (rows: LivePostRow[], audience: Audience) =>
  audience === 'moderator' ? rows : rows.filter((r) => r.status !== 'PENDING')

/** The rows behind a push or a catch-up (at most 200), with reaction counts and the thread's post count: one statement. */
async function loadRows(threadId: string, where: Prisma.Sql) {
  const result = await db.$queryRaw<(PostSqlRow & { postCount: number })[]>`
    SELECT t."postCount", r.*
      FROM "Thread" t LEFT JOIN LATERAL (
        SELECT ${POST_ROW_COLUMNS} FROM "Post" p ${POST_ROW_JOINS}
         WHERE p."threadId" = t."id" AND ${where}
         ORDER BY p."path" LIMIT 200
      ) r ON true
     WHERE t."id" = ${threadId}
     ORDER BY r."path"`
  const counts = new Map<string, number>()
  const rows = result.filter((r) => r.id).map((r) => toLivePostRow(r, counts))
  return { rows, counts, postCount: result[0]?.postCount ?? 0 }
}

/**
 * What changed in a thread since `after`, for one audience (a reader who missed pushes). A reader also
 * gets their own pending posts. Reactions added count as a change; a removed one shows at the next push.
 */
export async function changesSince(
  threadId: string,
  after: Date,
  audience: Audience,
  viewerId: string | null,
): Promise<LivePostsPayload & { complete: boolean }> {
  const at = new Date()
  const moderator = audience === 'moderator'
  const changed = Prisma.sql`(p."updatedAt" > ${after}
    OR EXISTS (SELECT 1 FROM "Reaction" re WHERE re."postId" = p."id" AND re."createdAt" > ${after}))`
  const visible = moderator ? Prisma.sql`true` : Prisma.sql`(p."status" <> 'PENDING' OR p."authorId" = ${viewerId})`
  const { rows, counts, postCount } = await loadRows(threadId, Prisma.sql`${changed} AND ${visible}`)
  return {
    threadId,
    at: at.toISOString(),
    postCount,
    posts: rows.map((r) => serializePost(r, moderator, counts)),
    events: [],
    complete: rows.length < 200,
  }
}

/**
 * How long events for one thread are gathered before they are rendered together, counted from the last
 * render. Short: a post that comes later than this after the previous one (a conversation, even a busy
 * one) goes at once; only a burst (replies committing milliseconds apart) waits, at most this long.
 */
export const LIVE_WINDOW_MS = 15

type Emit = (threadId: string, audience: Audience, payload: LivePostsPayload) => void
type PostEventName = 'post.created' | 'post.changed'
export type PostEventSource = <K extends PostEventName>(name: K, fn: (payload: DomainEvents[K]) => void) => () => void

/**
 * Subscribes to post events and pushes each changed post once per audience through `emit` (the realtime
 * server's room broadcast). The first post of a thread goes at once; what follows within `windowMs` of a
 * render waits for the window to end and goes with the rest of the burst. Returns a stop function that
 * also drops what has not been rendered yet.
 */
export function startLivePosts(
  emit: Emit,
  options: {
    windowMs?: number
    /** where the post events come from: this process's bus unless given another source */
    subscribe?: PostEventSource
    /** only threads this says yes to are rendered (a process pushing to its own connections only) */
    wanted?: (threadId: string) => boolean
  } = {},
) {
  const windowMs = options.windowMs ?? LIVE_WINDOW_MS
  const on = options.subscribe ?? subscribe
  /** per thread: the events waiting, in order */
  const waiting = new Map<string, PostEvent[]>()
  const timers = new Map<string, NodeJS.Timeout>()
  /** one render at a time per thread: a burst waits for the render before it, then goes as one */
  const running = new Map<string, Promise<void>>()
  let stopped = false

  async function render(threadId: string, events: PostEvent[]) {
    liveStats.batches++
    const at = new Date()
    const ids = [...new Set(events.map((e) => e.postId))]
    const { rows, counts, postCount } = await loadRows(threadId, Prisma.sql`p."id" = ANY(${ids}::text[])`)
    for (const audience of ['reader', 'moderator'] as const) {
      const posts = forAudience(rows, audience).map((r) => serializePost(r, audience === 'moderator', counts))
      const shown = new Set(posts.map((p) => p.id))
      const told = events.filter((e) => shown.has(e.postId))
      if (posts.length) emit(threadId, audience, { threadId, at: at.toISOString(), postCount, posts, events: told })
    }
  }

  function flush(threadId: string) {
    timers.delete(threadId)
    const before = running.get(threadId) ?? Promise.resolve()
    const next = before.then(async () => {
      const events = waiting.get(threadId)
      waiting.delete(threadId)
      if (!events?.length || stopped) return
      try {
        await render(threadId, events)
      } catch (e) {
        console.error(`[live] rendering posts of ${threadId} failed: ${(e as Error).message}`)
      }
    })
    running.set(threadId, next)
    void next.finally(() => {
      if (running.get(threadId) === next) running.delete(threadId)
    })
  }

  /** when each thread was last rendered: a lone post goes at once, a burst waits out the window */
  const lastFlush = new Map<string, number>()

  function queue(event: PostEvent) {
    if (stopped || (options.wanted && !options.wanted(event.threadId))) return
    const { threadId } = event
    const events = waiting.get(threadId)
    if (events) events.push(event)
    else waiting.set(threadId, [event])
    if (timers.has(threadId)) return
    const delay = Math.max(0, (lastFlush.get(threadId) ?? 0) + windowMs - Date.now())
    const timer = setTimeout(() => {
      lastFlush.set(threadId, Date.now())
      if (lastFlush.size > 10_000) lastFlush.clear()
      flush(threadId)
    }, delay)
    timers.set(threadId, timer)
  }

  const unsubscribe = [
    on('post.created', ({ threadId, postId, number, authorName }) => queue({ type: 'post.created', threadId, postId, number, authorName })),
    on('post.changed', ({ threadId, postId, number, change }) => queue({ type: 'post.changed', threadId, postId, number, change })),
  ]
  return {
    /** resolves when everything queued so far has been pushed (tests) */
    async settled() {
      for (const threadId of [...timers.keys()]) {
        clearTimeout(timers.get(threadId))
        flush(threadId)
      }
      await Promise.all(running.values())
    },
    stop() {
      stopped = true
      for (const u of unsubscribe) u()
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      waiting.clear()
    },
  }
}
