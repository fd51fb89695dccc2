import { db, type Tx } from '~/lib/db.server'
import { publish } from '~/modules/events/bus.server'
import type { Prisma } from '~/generated/prisma/client'
import { describeNotification, type NotificationData, type NotificationKind } from './kinds'

export const PAGE_SIZE = 30

export function unreadCount(userId: string) {
  return db.notification.count({ where: { userId, readAt: null } })
}

/**
 * Records a notification inside the caller's transaction. The caller publishes
 * `notifications.changed` after commit via `announce` (so a rolled-back write notifies no one).
 */
export async function notify(tx: Tx, userId: string, kind: string, data: Prisma.InputJsonValue = {}) {
  return tx.notification.create({ data: { userId, kind, data } })
}

/**
 * After commit: tells the people's open pages (the bell). Their mail needs nothing from here: each mail's
 * send job was written with it, in the transaction that recorded the notification.
 */
export function announce(userIds: Iterable<string>) {
  changed([...new Set(userIds)])
}

function changed(userIds: string[]) {
  for (const userId of userIds) publish('notifications.changed', { userId })
}

export async function listNotifications(userId: string, before?: Date) {
  return db.notification.findMany({
    where: { userId, ...(before ? { createdAt: { lt: before } } : {}) },
    orderBy: { createdAt: 'desc' },
    take: PAGE_SIZE + 1,
  })
}

export async function markRead(userId: string, id: string) {
  await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } })
  changed([userId])
}

export async function markAllRead(userId: string) {
  await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })
  changed([userId])
}

/** `notify` with the data its kind promises (see kinds.ts). */
export function notifyOf<K extends NotificationKind>(tx: Tx, userId: string, kind: K, data: NotificationData[K]) {
  return notify(tx, userId, kind, data as unknown as Prisma.InputJsonValue)
}

export interface NotificationPage {
  items: { id: string; kind: string; data: Prisma.JsonValue; readAt: Date | null; createdAt: Date }[]
  /** the id to pass as `before` for the next (older) page, if there is one */
  nextCursor: string | null
}

/**
 * Newest first, PAGE_SIZE at a time; `before` is the id of the last notification already shown. An id
 * rather than a time, so notifications created in the same millisecond are neither skipped nor repeated.
 */
export async function notificationPage(
  userId: string,
  before?: string | null,
  pageSize = PAGE_SIZE,
  { unreadOnly = false }: { unreadOnly?: boolean } = {},
): Promise<NotificationPage> {
  const cursor = before ? await db.notification.findFirst({ where: { id: before, userId }, select: { id: true } }) : null
  const rows = await db.notification.findMany({
    where: { userId, ...(unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
    select: { id: true, kind: true, data: true, readAt: true, createdAt: true },
  })
  const more = rows.length > pageSize
  const items = more ? rows.slice(0, pageSize) : rows
  return { items, nextCursor: more ? items[items.length - 1].id : null }
}

/** Marks the user's notification read and says where it leads; null if it is not theirs. */
export async function openNotification(userId: string, id: string): Promise<string | null> {
  const n = await db.notification.findFirst({ where: { id, userId }, select: { id: true, kind: true, data: true, readAt: true } })
  if (!n) return null
  if (!n.readAt) await markRead(userId, n.id)
  return describeNotification(n.kind, n.data).href
}
