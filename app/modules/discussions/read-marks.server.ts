/**
 * Read positions, written in batches. Pages and live readers report how far someone has read (a page view,
 * the client's debounced report, a beacon on leave); the marks are kept in memory, highest number per
 * person and thread, and written by one statement per flush for every reader at once. One process-wide
 * buffer (the Remix build and server/ share it through a singleton).
 *
 * The same statement settles the reader's notifications about the posts they have now read (a reply, a
 * mention, a new thread: issue 10, item 7), so opening the thread clears them from the bell without a
 * query on the page's own path; the bells that changed are told over the user rooms.
 */
import { db } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
// The bus, not notifications.server's `announce` (the same publish): that module brings the notification
// kinds' dictionary into every page that reads a thread.
import { publish } from '~/modules/events/bus.server'

export const READ_FLUSH_MS = 1000
/** A flush starts early once this many marks wait. */
const READ_FLUSH_SIZE = 2000

interface Buffer {
  marks: Map<string, number>
  timer: NodeJS.Timeout | null
  flushing: Promise<void> | null
  /** statements written so far (tests and benchmarks) */
  flushes: number
}

const buffer = singleton<Buffer>('read-marks', () => ({ marks: new Map(), timer: null, flushing: null, flushes: 0 }))

const key = (userId: string, threadId: string) => `${userId} ${threadId}`

/** Notes that `userId` has read `threadId` up to post `number`; written within a second. */
export function markRead(userId: string, threadId: string, number: number) {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return
  const k = key(userId, threadId)
  if ((buffer.marks.get(k) ?? 0) >= number) return
  buffer.marks.set(k, number)
  if (buffer.marks.size >= READ_FLUSH_SIZE) void flushReadMarks()
  else buffer.timer ??= setTimeout(() => void flushReadMarks(), READ_FLUSH_MS).unref()
}

/** A mark not written yet (so a reload right after reading does not show the posts as new again). */
export function pendingReadMark(userId: string, threadId: string) {
  return buffer.marks.get(key(userId, threadId)) ?? null
}

export const readMarkFlushes = () => buffer.flushes

/** Writes every waiting mark with one statement; marks only move forward. */
export async function flushReadMarks(): Promise<void> {
  if (buffer.timer) clearTimeout(buffer.timer)
  buffer.timer = null
  await buffer.flushing
  if (buffer.marks.size === 0) return
  const marks = buffer.marks
  buffer.marks = new Map()
  const users: string[] = []
  const threads: string[] = []
  const numbers: number[] = []
  for (const [k, n] of marks) {
    const [u, t] = k.split(' ')
    users.push(u)
    threads.push(t)
    numbers.push(n)
  }
  buffer.flushing = (async () => {
    try {
      buffer.flushes++
      // Joined to User and Thread: a mark for a thread or person deleted meanwhile is dropped, not an error
      // that would lose everyone else's marks. Notifications are found from the person's unread ones
      // (index userId, readAt) and their post's number, whether or not the mark moved forward.
      const settled = await db.$queryRaw<{ userId: string }[]>`
        WITH m AS (SELECT * FROM unnest(${users}::text[], ${threads}::text[], ${numbers}::int[]) AS m(u, t, n)),
        marked AS (
          INSERT INTO "ReadState" ("userId", "threadId", "lastReadNumber", "updatedAt")
          SELECT m.u, m.t, m.n, now()
            FROM m
            JOIN "User" ON "User".id = m.u
            JOIN "Thread" ON "Thread".id = m.t
          ON CONFLICT ("userId", "threadId") DO UPDATE
            SET "lastReadNumber" = EXCLUDED."lastReadNumber", "updatedAt" = now()
            WHERE "ReadState"."lastReadNumber" < EXCLUDED."lastReadNumber"
        ),
        seen AS (
          UPDATE "Notification" AS nt SET "readAt" = now()
            FROM m, "Post" AS p
           WHERE nt."userId" = m.u AND nt."readAt" IS NULL AND nt."postId" = p.id
             AND p."threadId" = m.t AND p."number" <= m.n
          RETURNING nt."userId"
        )
        SELECT DISTINCT "userId" FROM seen`
      for (const { userId } of settled) publish('notifications.changed', { userId })
    } catch (e) {
      console.error(`[read-marks] writing ${marks.size} marks failed: ${(e as Error).message}`)
    } finally {
      buffer.flushing = null
    }
  })()
  await buffer.flushing
}
