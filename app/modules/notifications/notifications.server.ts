import { db, type Tx } from '~/lib/db.server'
import { publish } from '~/modules/events/bus.server'
import type { Prisma } from '~/generated/prisma/client'

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

export function announce(userIds: Iterable<string>) {
  for (const userId of new Set(userIds)) publish('notifications.changed', { userId })
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
  announce([userId])
}

export async function markAllRead(userId: string) {
  await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })
  announce([userId])
}
