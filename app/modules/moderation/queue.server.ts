/**
 * The moderation queue: one list of what a moderator must decide (Discourse's "reviewable" idea) — posts
 * with open reports, grouped per post, and posts waiting for approval — limited to the spaces the viewer
 * moderates. Each item carries its context (thread, parent excerpt, the post rendered, its real author even
 * when anonymous) and never an e-mail address or IP.
 */
import { db, type Prisma } from '~/lib/db.server'
import { can, moderatedSpaces, type Actor } from '~/lib/policy'
import { pageCount } from '~/lib/http.server'
import { toPostTarget, toThreadTarget, spaceTargets, SPACE_ACCESS_SELECT, THREAD_ACCESS_SELECT } from '~/modules/spaces/access.server'
import { moderationScope } from './scope.server'
import { EXCERPT_CHARS, QUEUE_PAGE_SIZE } from './shared'

const person = { select: { id: true, name: true, role: true } } as const

const itemSelect = {
  id: true,
  number: true,
  html: true,
  status: true,
  anonymous: true,
  authorId: true,
  deletedAt: true,
  hiddenReason: true,
  createdAt: true,
  author: person,
  parent: { select: { number: true, body: true, deletedAt: true, status: true } },
  thread: {
    select: {
      ...THREAD_ACCESS_SELECT,
      id: true,
      title: true,
      spaceId: true,
      space: { select: { ...SPACE_ACCESS_SELECT, slug: true, nameTr: true, nameEn: true } },
    },
  },
  reports: {
    where: { status: 'OPEN' as const },
    orderBy: { createdAt: 'asc' as const },
    select: { id: true, reason: true, note: true, createdAt: true, reporter: { select: { name: true } } },
  },
} satisfies Prisma.PostSelect

/** What needs a decision, in the spaces the policy says the actor moderates. */
function queueWhere(actor: Actor): Prisma.PostWhereInput {
  return {
    thread: { space: moderatedSpaces(actor) },
    OR: [{ reports: { some: { status: 'OPEN' } } }, { status: 'PENDING', deletedAt: null }],
  }
}

/** The first characters of a Markdown body, as plain text. */
export function excerpt(body: string, max = EXCERPT_CHARS) {
  const plain = body
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain
}

export async function queueCount(actor: Actor) {
  return moderationScope(actor) ? db.post.count({ where: queueWhere(actor) }) : 0
}

export async function loadQueue(actor: Actor, page: number) {
  if (!moderationScope(actor)) return null
  const where = queueWhere(actor)
  const [total, rows] = await Promise.all([
    db.post.count({ where }),
    db.post.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: itemSelect,
    }),
  ])
  const targets = await spaceTargets(
    actor,
    rows.map((r) => r.thread.space),
  )
  const items = rows.map((p) => toItem(actor, p, targets.get(p.thread.spaceId)!))
  return { items, total, page, pages: pageCount(total, QUEUE_PAGE_SIZE) }
}

type Row = Prisma.PostGetPayload<{ select: typeof itemSelect }>

/** One post with what a moderator needs to decide, and which decisions this moderator may take. */
function toItem(actor: Actor, p: Row, space: ReturnType<typeof toThreadTarget>['space']) {
  const target = toPostTarget(toThreadTarget(space, p.thread), p)
  const reasons: Record<string, number> = {}
  for (const r of p.reports) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1
  return {
    id: p.id,
    number: p.number,
    html: p.html,
    status: p.status,
    deleted: !!p.deletedAt,
    anonymous: p.anonymous,
    hiddenReason: p.hiddenReason,
    createdAt: p.createdAt,
    author: p.author ? { id: p.author.id, name: p.author.name } : null,
    parent: p.parent ? { number: p.parent.number, excerpt: excerpt(p.parent.body), deleted: !!p.parent.deletedAt } : null,
    thread: {
      id: p.thread.id,
      title: p.thread.title,
      locked: !!p.thread.lockedAt,
      closed: !!p.thread.closedAt,
      hidden: !!p.thread.hiddenAt,
    },
    space: {
      id: p.thread.spaceId,
      slug: p.thread.space.slug,
      nameTr: p.thread.space.nameTr,
      nameEn: p.thread.space.nameEn,
      safe: p.thread.space.safeSpace,
    },
    reports: p.reports.map((r) => ({
      id: r.id,
      reason: r.reason,
      note: r.note,
      createdAt: r.createdAt,
      reporter: r.reporter?.name ?? null,
    })),
    reasons,
    can: {
      moderate: can(actor, 'post.moderate', target),
      warn: !!p.author && p.author.id !== actor.id && can(actor, 'user.warn', { space, user: p.author }),
      suspend: !!p.author && can(actor, 'user.suspend', p.author),
    },
  }
}
export type QueueItem = ReturnType<typeof toItem>

/** The id of post `number` in a thread (routes address posts by number). */
export async function postIdAt(threadId: string, number: number) {
  if (!Number.isInteger(number) || number < 1 || number > 10_000_000) return null
  const p = await db.post.findUnique({ where: { threadId_number: { threadId, number } }, select: { id: true } })
  return p?.id ?? null
}

/**
 * One post as a queue item (its own moderation page): 404 when it does not exist or `actor` cannot see it,
 * 403 when they see it but do not moderate its space.
 */
export async function loadPostItem(
  actor: Actor,
  threadId: string,
  number: number,
): Promise<{ status: 403 | 404 } | { status: 200; item: QueueItem }> {
  const id = await postIdAt(threadId, number)
  const p = id ? await db.post.findUnique({ where: { id }, select: itemSelect }) : null
  if (!p) return { status: 404 }
  const targets = await spaceTargets(actor, [p.thread.space])
  const space = targets.get(p.thread.spaceId)!
  const target = toPostTarget(toThreadTarget(space, p.thread), p)
  if (!can(actor, 'post.view', target)) return { status: 404 }
  if (!can(actor, 'post.moderate', target)) return { status: 403 }
  return { status: 200, item: toItem(actor, p, space) }
}
