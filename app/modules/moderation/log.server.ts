/**
 * The moderators' log: the audit entries of discussion decisions, limited to the spaces the viewer
 * moderates (platform moderators also see suspensions, which belong to no space). Anonymous posts show
 * their real author here: it is the moderators' own record.
 */
import { db, type Prisma } from '~/lib/db.server'
import { pageCount } from '~/lib/http.server'
import type { Actor } from '~/lib/policy'
import { moderationScope } from './scope.server'
import { LOG_PAGE_SIZE } from './shared'

export async function loadModerationLog(actor: Actor, page: number) {
  const scope = moderationScope(actor)
  if (!scope) return null
  const where: Prisma.AuditLogWhereInput =
    scope === 'all'
      ? { OR: [{ spaceId: { not: null } }, { action: { in: ['user.suspend', 'user.unsuspend', 'userFlag.dismiss', 'userFlag.resolve'] } }] }
      : { spaceId: { in: scope } }
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * LOG_PAGE_SIZE,
      take: LOG_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        reason: true,
        spaceId: true,
        data: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
  ])
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type).map((r) => r.targetId))]
  const spaceIds = [...new Set(rows.flatMap((r) => (r.spaceId ? [r.spaceId] : [])))]
  const [posts, threads, users, spaces] = await Promise.all([
    db.post.findMany({
      where: { id: { in: ids('post') } },
      select: {
        id: true,
        number: true,
        threadId: true,
        anonymous: true,
        author: { select: { name: true } },
        thread: { select: { title: true } },
      },
    }),
    db.thread.findMany({ where: { id: { in: ids('thread') } }, select: { id: true, title: true } }),
    db.user.findMany({ where: { id: { in: ids('user') } }, select: { id: true, name: true } }),
    db.space.findMany({ where: { id: { in: spaceIds } }, select: { id: true, slug: true, nameTr: true, nameEn: true } }),
  ])
  const post = new Map(posts.map((p) => [p.id, p]))
  const thread = new Map(threads.map((t) => [t.id, t]))
  const user = new Map(users.map((u) => [u.id, u]))
  const space = new Map(spaces.map((s) => [s.id, s]))

  const items = rows.map((r) => {
    let target: { label: string; href: string | null; author?: string | null; anonymous?: boolean } = { label: r.targetId, href: null }
    if (r.targetType === 'post') {
      const p = post.get(r.targetId)
      if (p)
        target = {
          label: p.thread.title,
          href: `/threads/${p.threadId}/posts/${p.number}`,
          author: p.author?.name ?? null,
          anonymous: p.anonymous,
        }
    } else if (r.targetType === 'thread') {
      const t = thread.get(r.targetId)
      if (t) target = { label: t.title, href: `/threads/${t.id}` }
    } else if (r.targetType === 'user') {
      const u = user.get(r.targetId)
      if (u) target = { label: u.name, href: null }
    }
    const number = (r.data as { number?: unknown } | null)?.number
    return {
      id: r.id,
      action: r.action,
      targetType: r.targetType,
      reason: r.reason,
      createdAt: r.createdAt,
      actor: r.actor?.name ?? null,
      number: typeof number === 'number' ? number : null,
      space: r.spaceId ? (space.get(r.spaceId) ?? null) : null,
      target,
    }
  })
  return { items, total, page, pages: pageCount(total, LOG_PAGE_SIZE) }
}
