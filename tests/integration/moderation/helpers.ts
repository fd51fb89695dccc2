/** Helpers shared by the moderation tests (not a test file itself). */
import { db } from '../../../app/lib/db.server.ts'
import { subscribe, type DomainEvents } from '../../../app/modules/events/bus.server.ts'
import { reply as postReply, thread as postThread } from '../discussions/helpers.ts'
import { settleOutbox } from '../../support/outbox.ts'

export { createSpace, makeSpaceModerator, person } from '../discussions/helpers.ts'

/**
 * Posting, then the outbox run (decision 014): the space's counts and notifications are in place before
 * a test takes its "before" picture.
 */
export async function thread(...args: Parameters<typeof postThread>) {
  const t = await postThread(...args)
  await settleOutbox()
  return t
}
export async function reply(...args: Parameters<typeof postReply>) {
  const r = await postReply(...args)
  await settleOutbox()
  return r
}

/** Records the domain events published while a test runs (they go out after commit, in a microtask). */
export function recordEvents<K extends keyof DomainEvents>(name: K) {
  const seen: DomainEvents[K][] = []
  const stop = subscribe(name, (p) => seen.push(p))
  return { seen, stop, settle: () => new Promise((r) => setTimeout(r, 20)) }
}

/** A person's notifications once the outbox has run (they are written by the job worker). */
export async function notificationsOf(userId: string, kind?: string) {
  await settleOutbox()
  return db.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: 'asc' } })
}

export const auditOf = (targetId: string) => db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' } })

/** Everything a moderation decision may write, to prove a refused one wrote nothing. */
export async function snapshot() {
  await settleOutbox()
  const [audit, notifications, reports, posts, threads, spaces] = await Promise.all([
    db.auditLog.count(),
    db.notification.count(),
    db.report.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, note: true, reason: true } }),
    db.post.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, hiddenReason: true } }),
    db.thread.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, spaceId: true, lockedAt: true, hiddenAt: true, pinnedAt: true, closedAt: true },
    }),
    db.space.findMany({ orderBy: { id: 'asc' }, select: { id: true, threadCount: true, postCount: true } }),
  ])
  return { audit, notifications, reports, posts, threads, spaces }
}
