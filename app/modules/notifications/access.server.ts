/**
 * Notifications about a discussion the person can no longer read (an organization left, an invitation
 * ended, a thread hidden or moved) keep their place in the list but lose their title, names and link:
 * which threads are still readable is asked of the policy's thread scope, as every list does.
 */
import type { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { readableThreads, type Actor } from '~/lib/policy'
import { UNAVAILABLE_KIND } from './kinds'

const threadIdOf = (data: Prisma.JsonValue) =>
  data && typeof data === 'object' && !Array.isArray(data) && typeof data.threadId === 'string' ? data.threadId : null

export async function withoutLostAccess<T extends { kind: string; data: Prisma.JsonValue }>(actor: Actor, items: T[]): Promise<T[]> {
  const threadIds = [...new Set(items.map((n) => threadIdOf(n.data)).filter((id): id is string => !!id))]
  if (!threadIds.length) return items
  const readable = new Set(
    (await db.thread.findMany({ where: { AND: [{ id: { in: threadIds } }, readableThreads(actor)] }, select: { id: true } })).map(
      (t) => t.id,
    ),
  )
  return items.map((n) => {
    const id = threadIdOf(n.data)
    return id && !readable.has(id) ? { ...n, kind: UNAVAILABLE_KIND, data: {} } : n
  })
}
