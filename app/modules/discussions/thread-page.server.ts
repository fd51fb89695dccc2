/**
 * One page of a thread as one reader may see it. A page is an index range on (threadId, path, depth):
 * 20 posts in nested reading order, replies shown inline down to INLINE_DEPTH levels below the page's
 * root, deeper branches behind "continue this thread". The page count comes from an index count; the
 * thread's post ids are never loaded as a whole, so a 10,000-post thread opens as fast as a small one.
 */
import type { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { can, ForbiddenError, type Actor, type ThreadTarget } from '~/lib/policy'
import { threadTargetById, toPostTarget } from '~/modules/spaces/access.server'
import { DiscussionError, RulesFirstError } from './errors'
import { INLINE_DEPTH, PAGE_SIZE } from './form'
import { PATH_SEGMENT, subtreeEnd } from './path'
import { REACTIONS, type ReactionKind } from './reactions'

export type PostState = 'visible' | 'pending' | 'hidden' | 'deleted'
export type PostAuthor =
  | { kind: 'user'; id: string; name: string }
  | { kind: 'anonymous' }
  /** what moderators see of an anonymous post */
  | { kind: 'anonymousKnown'; id: string; name: string }
  | { kind: 'gone' }

export interface PostView {
  id: string
  number: number
  parentNumber: number | null
  /** levels below the page's root (0 = top level of this view) */
  level: number
  state: PostState
  /** sanitized HTML, or null when this reader may not see the text (hidden, deleted) */
  html: string | null
  author: PostAuthor
  createdAt: string
  editedAt: string | null
  revisionCount: number
  isNew: boolean
  /** replies deeper than this view shows, behind "continue this thread" */
  continueCount: number
  reactions: { kind: ReactionKind; count: number; mine: boolean }[]
  can: { reply: boolean; edit: boolean; delete: boolean; react: boolean; report: boolean; moderate: boolean }
}

export interface ThreadPage {
  thread: {
    id: string
    title: string
    pinned: boolean
    locked: boolean
    closed: boolean
    hidden: boolean
    createdAt: string
    postCount: number
    space: { id: string; slug: string; nameTr: string; nameEn: string; safeSpace: boolean; allowAnonymous: boolean }
    themes: { slug: string; nameTr: string; nameEn: string }[]
  }
  page: number
  pages: number
  total: number
  /** set when the page shows one branch (`?root=`): the branch's first post and what it replies to */
  root: { number: number; parentNumber: number | null } | null
  posts: PostView[]
  /** the first unread post on this page, where the "new since your last visit" divider goes */
  firstUnreadNumber: number | null
  can: { reply: boolean; moderate: boolean }
}

export type ThreadPageResult = { kind: 'page'; data: ThreadPage } | { kind: 'jump'; page: number; number: number | null }

const POST_SELECT = {
  id: true,
  number: true,
  path: true,
  depth: true,
  authorId: true,
  anonymous: true,
  html: true,
  status: true,
  deletedAt: true,
  editedAt: true,
  revisionCount: true,
  replyCount: true,
  createdAt: true,
  parent: { select: { number: true } },
  author: { select: { name: true } },
} as const satisfies Prisma.PostSelect

/** Which posts a reader gets at all: pending posts only for their author and the space's moderators. */
function visibilityWhere(actor: Actor | null, moderator: boolean): Prisma.PostWhereInput {
  if (moderator) return {}
  if (actor) return { OR: [{ status: { not: 'PENDING' } }, { authorId: actor.id }] }
  return { status: { not: 'PENDING' } }
}

interface Root {
  path: string
  depth: number
}

/** The posts a view shows: the whole thread or one branch, down to INLINE_DEPTH levels below its root. */
function viewWhere(threadId: string, root: Root | null, visibility: Prisma.PostWhereInput): Prisma.PostWhereInput {
  const end = root ? subtreeEnd(root.path) : null
  return {
    threadId,
    ...(root ? { path: { gte: root.path, ...(end ? { lt: end } : {}) } } : {}),
    depth: root ? { gte: root.depth, lte: root.depth + INLINE_DEPTH } : { lte: INLINE_DEPTH },
    ...visibility,
  }
}

/** The branch root a deep post is shown under: its ancestor at depth 4, 8, 12… (null: the main view). */
export function branchRootNumber(path: string, depth: number): number | null {
  if (depth <= INLINE_DEPTH) return null
  const rootDepth = INLINE_DEPTH * Math.floor((depth - 1) / INLINE_DEPTH)
  return Number(path.slice(rootDepth * PATH_SEGMENT, (rootDepth + 1) * PATH_SEGMENT))
}

/** Refuses an unreadable thread: with the way in (its space's rules) when that is all that is missing. */
function assertReadsThread(actor: Actor | null, found: { thread: { space: { slug: string } }; target: ThreadTarget }) {
  if (can(actor, 'thread.view', found.target)) return
  if (can(actor, 'space.acceptRules', found.target.space)) throw new RulesFirstError(found.thread.space.slug)
  throw new ForbiddenError('thread.view')
}

async function loadAccess(actor: Actor | null, threadId: string) {
  const found = await threadTargetById(actor, threadId)
  if (!found) throw new DiscussionError('discussions.errors.threadNotFound', '_form', 404)
  assertReadsThread(actor, found)
  return { ...found, moderator: can(actor, 'thread.moderate', found.target) }
}

async function findRoot(threadId: string, number: number, visibility: Prisma.PostWhereInput) {
  const root = await db.post.findFirst({
    where: { threadId, number, ...visibility },
    select: { path: true, depth: true, number: true, parent: { select: { number: true } } },
  })
  if (!root) throw new DiscussionError('discussions.errors.postNotFound', '_form', 404)
  return root
}

/** Where a post is shown: the page (and branch) of its permalink. */
export async function locatePost(actor: Actor | null, threadId: string, number: number) {
  const { thread, moderator } = await loadAccess(actor, threadId)
  const visibility = visibilityWhere(actor, moderator)
  const post = await db.post.findFirst({ where: { threadId: thread.id, number, ...visibility }, select: { path: true, depth: true } })
  if (!post) throw new DiscussionError('discussions.errors.postNotFound', '_form', 404)
  const rootNumber = branchRootNumber(post.path, post.depth)
  const root = rootNumber ? await findRoot(thread.id, rootNumber, visibility) : null
  const before = await db.post.count({ where: { ...viewWhere(thread.id, root, visibility), path: { ...pathRange(root), lt: post.path } } })
  return { page: Math.floor(before / PAGE_SIZE) + 1, root: rootNumber }
}

function pathRange(root: Root | null) {
  return root ? { gte: root.path } : {}
}

export async function loadThreadPage(
  actor: Actor | null,
  threadId: string,
  options: { page?: number | null; root?: number | null },
): Promise<ThreadPageResult> {
  const { thread: access, target, moderator } = await loadAccess(actor, threadId)
  const visibility = visibilityWhere(actor, moderator)
  const root = options.root ? await findRoot(access.id, options.root, visibility) : null
  const where = viewWhere(access.id, root, visibility)

  const readState = actor
    ? await db.readState.findUnique({
        where: { userId_threadId: { userId: actor.id, threadId: access.id } },
        select: { lastReadNumber: true },
      })
    : null
  const lastRead = readState?.lastReadNumber ?? null

  // A signed-in reader without a page in mind opens where the unread posts start, and always at an
  // address with its page: live updates re-run this loader at the current address, and a bare one
  // would jump the reader away from what they are reading (and writing) the moment a reply arrives.
  if (!options.page && !root && actor) {
    const firstUnread =
      lastRead === null
        ? null
        : await db.post.findFirst({
            where: { ...where, number: { gt: lastRead } },
            orderBy: { path: 'asc' },
            select: { number: true, path: true },
          })
    if (!firstUnread) return { kind: 'jump', page: 1, number: null }
    const before = await db.post.count({ where: { ...where, path: { lt: firstUnread.path } } })
    return { kind: 'jump', page: Math.floor(before / PAGE_SIZE) + 1, number: firstUnread.number }
  }

  const [thread, total] = await Promise.all([
    db.thread.findUniqueOrThrow({
      where: { id: access.id },
      select: {
        id: true,
        title: true,
        pinnedAt: true,
        lockedAt: true,
        closedAt: true,
        hiddenAt: true,
        createdAt: true,
        postCount: true,
        space: { select: { id: true, slug: true, nameTr: true, nameEn: true, safeSpace: true, allowAnonymous: true } },
        themes: { select: { theme: { select: { slug: true, nameTr: true, nameEn: true, position: true } } } },
      },
    }),
    db.post.count({ where }),
  ])
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(Math.max(1, options.page ?? 1), pages)
  const rows = await db.post.findMany({
    where,
    orderBy: { path: 'asc' },
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: POST_SELECT,
  })
  const ids = rows.map((r) => r.id)
  const maxDepth = (root?.depth ?? 0) + INLINE_DEPTH

  const [grouped, mine, continued] = await Promise.all([
    ids.length ? db.reaction.groupBy({ by: ['postId', 'kind'], where: { postId: { in: ids } }, _count: { _all: true } }) : [],
    actor && ids.length
      ? db.reaction.findMany({ where: { userId: actor.id, postId: { in: ids } }, select: { postId: true, kind: true } })
      : [],
    Promise.all(
      rows.map((r) => {
        if (r.depth < maxDepth) return 0
        const end = subtreeEnd(r.path)
        return db.post.count({ where: { threadId: access.id, path: { gt: r.path, ...(end ? { lt: end } : {}) }, ...visibility } })
      }),
    ),
  ])
  const counts = new Map<string, number>()
  for (const g of grouped) counts.set(`${g.postId}:${g.kind}`, g._count._all)
  const mineSet = new Set(mine.map((m) => `${m.postId}:${m.kind}`))

  const isNew = (n: number) => lastRead !== null && n > lastRead
  const posts = rows.map((r, i) => toView(actor, target, moderator, r, root?.depth ?? 0, isNew(r.number), continued[i], counts, mineSet))

  // Only when this page moves the reader's mark forward: a write per view would take the row lock (and a
  // commit flush) on every request, and one person's tabs and reloads would queue behind each other.
  const highest = rows.length ? Math.max(...rows.map((r) => r.number)) : 0
  if (actor && highest > (lastRead ?? 0)) {
    await db.$executeRaw`
      INSERT INTO "ReadState" ("userId", "threadId", "lastReadNumber", "updatedAt")
      VALUES (${actor.id}, ${access.id}, ${highest}, now())
      ON CONFLICT ("userId", "threadId") DO UPDATE
        SET "lastReadNumber" = GREATEST("ReadState"."lastReadNumber", EXCLUDED."lastReadNumber"), "updatedAt" = now()
        WHERE "ReadState"."lastReadNumber" < EXCLUDED."lastReadNumber"`
  }

  return {
    kind: 'page',
    data: {
      thread: {
        id: thread.id,
        title: thread.title,
        pinned: !!thread.pinnedAt,
        locked: !!thread.lockedAt,
        closed: !!thread.closedAt,
        hidden: !!thread.hiddenAt,
        createdAt: thread.createdAt.toISOString(),
        postCount: thread.postCount,
        space: thread.space,
        themes: thread.themes
          .map((t) => t.theme)
          .sort((a, b) => a.position - b.position)
          .map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
      },
      page,
      pages,
      total,
      root: root ? { number: root.number, parentNumber: root.parent?.number ?? null } : null,
      posts,
      firstUnreadNumber: posts.find((p) => p.isNew)?.number ?? null,
      can: {
        reply: can(actor, 'post.reply', target),
        moderate: moderator,
      },
    },
  }
}

type Row = Prisma.PostGetPayload<{ select: typeof POST_SELECT }>

function toView(
  actor: Actor | null,
  thread: ThreadTarget,
  moderator: boolean,
  r: Row,
  rootDepth: number,
  isNew: boolean,
  continueCount: number,
  counts: Map<string, number>,
  mine: Set<string>,
): PostView {
  const target = toPostTarget(thread, r)
  const state: PostState = r.deletedAt ? 'deleted' : r.status === 'HIDDEN' ? 'hidden' : r.status === 'PENDING' ? 'pending' : 'visible'
  // Hidden and deleted text stays readable to moderators only; pending text to its author and moderators.
  const showText = state === 'visible' || state === 'pending' || moderator
  const author: PostAuthor = !r.authorId
    ? { kind: 'gone' }
    : r.anonymous
      ? can(actor, 'post.viewAuthor', target)
        ? { kind: 'anonymousKnown', id: r.authorId, name: r.author?.name ?? '' }
        : { kind: 'anonymous' }
      : { kind: 'user', id: r.authorId, name: r.author?.name ?? '' }
  return {
    id: r.id,
    number: r.number,
    parentNumber: r.parent?.number ?? null,
    level: r.depth - rootDepth,
    state,
    html: showText ? r.html : null,
    author,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    revisionCount: r.revisionCount,
    isNew,
    continueCount,
    reactions: REACTIONS.map(({ kind }) => ({ kind, count: counts.get(`${r.id}:${kind}`) ?? 0, mine: mine.has(`${r.id}:${kind}`) })),
    can: {
      reply: state !== 'pending' && can(actor, 'post.reply', thread),
      edit: can(actor, 'post.edit', target),
      delete: can(actor, 'post.delete', target),
      react: can(actor, 'post.react', target),
      report: can(actor, 'post.report', target),
      moderate: can(actor, 'post.moderate', target),
    },
  }
}

/**
 * The Markdown source of a post to quote into the composer (the no-JavaScript "Quote" link), when the
 * reader may see its text; null otherwise.
 */
export async function quotablePost(actor: Actor | null, threadId: string, number: number) {
  const found = await threadTargetById(actor, threadId)
  if (!found) return null
  const post = await db.post.findUnique({
    where: { threadId_number: { threadId: found.thread.id, number } },
    select: { authorId: true, status: true, deletedAt: true, body: true, anonymous: true, author: { select: { name: true } } },
  })
  if (!post || post.deletedAt || post.status !== 'VISIBLE' || !can(actor, 'post.view', toPostTarget(found.target, post))) return null
  return { body: post.body, number, authorName: post.anonymous ? null : (post.author?.name ?? null) }
}

/** A post addressed by thread and number, with its policy target, for the edit and history pages. */
export async function postByNumber(actor: Actor | null, threadId: string, number: number) {
  const found = await threadTargetById(actor, threadId)
  if (!found) throw new DiscussionError('discussions.errors.threadNotFound', '_form', 404)
  assertReadsThread(actor, found)
  const post = await db.post.findUnique({
    where: { threadId_number: { threadId: found.thread.id, number } },
    select: {
      id: true,
      number: true,
      authorId: true,
      status: true,
      deletedAt: true,
      body: true,
      anonymous: true,
      createdAt: true,
      editedAt: true,
      author: { select: { name: true } },
    },
  })
  const target = post ? toPostTarget(found.target, post) : null
  if (!post || !target || !can(actor, 'post.view', target)) throw new DiscussionError('discussions.errors.postNotFound', '_form', 404)
  const title = await db.thread.findUniqueOrThrow({ where: { id: found.thread.id }, select: { title: true } })
  return { post, target, thread: { id: found.thread.id, title: title.title } }
}

export interface RevisionView {
  number: number
  /** the text of this version */
  body: string
  /** who made the edit that ended this version, when and why (null for the current version) */
  editedBy: string | null
  editedAt: string | null
  reason: string | null
}

/**
 * A post's versions, oldest first, ending with the current text. Hidden and deleted posts' history is
 * for moderators only, like their text.
 */
export async function loadHistory(actor: Actor | null, threadId: string, number: number) {
  const { post, target, thread } = await postByNumber(actor, threadId, number)
  const textVisible = (!post.deletedAt && post.status !== 'HIDDEN') || can(actor, 'post.moderate', target)
  if (!textVisible) throw new DiscussionError('discussions.errors.postNotFound', '_form', 404)
  const revisions = await db.postRevision.findMany({
    where: { postId: post.id },
    orderBy: { number: 'asc' },
    select: { number: true, body: true, reason: true, createdAt: true, editorId: true, editor: { select: { name: true } } },
  })
  const seesAuthor = !post.anonymous || can(actor, 'post.viewAuthor', target)
  // Revision n holds the text before edit n: version n's text, ended by edit n.
  const versions: RevisionView[] = revisions.map((r) => ({
    number: r.number,
    body: r.body,
    // An anonymous author editing their own post stays anonymous here too.
    editedBy: r.editorId === post.authorId && !seesAuthor ? null : (r.editor?.name ?? null),
    editedAt: r.createdAt.toISOString(),
    reason: r.reason,
  }))
  versions.push({ number: revisions.length + 1, body: post.body, editedBy: null, editedAt: null, reason: null })
  return { thread, number: post.number, versions }
}
