/**
 * One page of a thread as one reader may see it. A page is an index range on (threadId, path, depth):
 * 20 posts in nested reading order, replies shown inline down to INLINE_DEPTH levels below the page's
 * root, deeper branches behind "continue this thread". The page count comes from an index count; the
 * thread's post ids are never loaded as a whole, so a 10,000-post thread opens as fast as a small one.
 */
import type { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { can, ForbiddenError, type Actor, type PostTarget, type ThreadTarget } from '~/lib/policy'
import { threadFlags, threadTargetById, toPostTarget, toSpaceTarget, toThreadTarget } from '~/modules/spaces/access.server'
import { isDraftKey, type DraftText } from './drafts.server'
import { DiscussionError, RulesFirstError } from './errors'
import { INLINE_DEPTH, PAGE_SIZE } from './form'
import { PATH_SEGMENT, subtreeEnd } from './path'
import { serializePost } from './live.server'
import { loadPostPage, loadThreadRow } from './thread-page-queries.server'
import {
  viewFor,
  type Audience,
  type ControlTable,
  type LivePost,
  type PostControls,
  type PostState,
  type PostView,
  type Viewer,
} from './post-view'
import { pendingReadMark, markRead } from './read-marks.server'
import { mustAcceptRules } from './safe-space-rules'
import type { ReactionKind } from './reactions'

export type { PostAuthor, PostState, PostView } from './post-view'

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
  root: { number: number; parentNumber: number | null; path: string; depth: number } | null
  /** the posts as the viewer's audience sees them; `viewer` adds the rest (`pageViews`) */
  posts: LivePost[]
  viewer: Viewer
  /** the first unread post on this page, where the "new since your last visit" divider goes */
  firstUnreadNumber: number | null
  can: { reply: boolean; moderate: boolean; editTitle: boolean }
}

/** `target`: the thread as the policy sees it for this actor (the route asks it more questions without a query). */
export type ThreadPageResult =
  | {
      kind: 'page'
      data: ThreadPage
      target: ThreadTarget
      /** the reader's saved draft under `options.draftKey` */
      draft: DraftText | null
      /** a safe space's rules wait for this reader's acceptance before they may write */
      rulesPending: boolean
    }
  | { kind: 'jump'; page: number; number: number | null }

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
  throw new ForbiddenError('thread.view', { slug: found.thread.space.slug, threadHidden: found.target.hidden })
}

/**
 * The thread with the facts the policy needs (one statement), refused unless the actor reads it;
 * `draftKey`: the reader's draft to bring along (the thread page's composer).
 */
async function loadAccess(actor: Actor | null, threadId: string, draftKey: string | null = null) {
  const thread = await loadThreadRow(actor, threadId, draftKey)
  if (!thread) throw new DiscussionError('discussions.errors.threadNotFound', '_form', 404)
  const target = toThreadTarget(toSpaceTarget(thread.space, thread.invited, thread.rulesAccepted), thread)
  assertReadsThread(actor, { thread, target })
  return { thread, target, moderator: can(actor, 'thread.moderate', target) }
}

/** Who may follow a thread live, and in which audience (moderators see hidden text and anonymous authors). */
export async function liveAudience(actor: Actor | null, threadId: string): Promise<{ threadId: string; audience: Audience }> {
  const { thread, moderator } = await loadAccess(actor, threadId)
  return { threadId: thread.id, audience: moderator ? 'moderator' : 'reader' }
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
  options: { page?: number | null; root?: number | null; draftKey?: string | null; unread?: number | null },
): Promise<ThreadPageResult> {
  // Round trip 1: the thread with what the policy needs and the reader's own state.
  const draftKey = actor && options.draftKey && isDraftKey(options.draftKey) ? options.draftKey : null
  const { thread: access, target, moderator } = await loadAccess(actor, threadId, draftKey)
  const visibility = visibilityWhere(actor, moderator)
  // Only a branch view (`?root=`) costs a round trip more.
  const root = options.root ? await findRoot(access.id, options.root, visibility) : null

  const pendingMark = actor ? pendingReadMark(actor.id, access.id) : null
  const lastRead = access.lastReadNumber !== null || pendingMark ? Math.max(access.lastReadNumber ?? 0, pendingMark ?? 0) : null

  // A signed-in reader without a page in mind opens where the unread posts start, and always at an
  // address with its page, so that reloading or going back returns to what they were reading.
  if (!options.page && !root && actor) {
    const where = viewWhere(access.id, root, visibility)
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

  // Round trip 2: the page's posts with everything shown on them, and the view's post count.
  const asked = Math.max(1, options.page ?? 1)
  const view = { root, moderator, viewerId: actor?.id ?? null }
  let found = await loadPostPage(access.id, { ...view, page: asked })
  const total = found.total
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(asked, pages)
  // A page past the end (the thread shrank, a stale link) is read again at the last page.
  if (page !== asked) found = await loadPostPage(access.id, { ...view, page })
  const { rows, counts } = found

  const reactions: Record<string, ReactionKind[]> = {}
  for (const [postId, kinds] of found.mine) reactions[postId] = kinds as ReactionKind[]
  const posts = rows.map((r) => serializePost(r, moderator, counts, found.continued.get(r.id) ?? 0))
  const viewer: Viewer = {
    ownPostIds: actor ? rows.filter((r) => r.authorId === actor.id).map((r) => r.id) : [],
    reactions,
    bookmarks: found.bookmarked,
    lastRead,
    controls: controlTable(actor, target),
  }

  // Marked read through the batched writer: a page view costs no write of its own (the live page reports
  // what arrives later itself). Someone with unread notifications (the session's count, no query) is
  // marked even when the mark does not move: the flush settles those about the posts read.
  const highest = rows.length ? Math.max(...rows.map((r) => r.number)) : 0
  if (actor && (highest > (lastRead ?? 0) || (options.unread ?? 0) > 0)) markRead(actor.id, access.id, highest)

  const { id, slug, nameTr, nameEn, safeSpace, allowAnonymous } = access.space
  return {
    kind: 'page',
    target,
    draft: access.draft,
    rulesPending: mustAcceptRules(actor, { safeSpace }, target.space, access.rulesAccepted),
    data: {
      thread: {
        id: access.id,
        title: access.title,
        ...threadFlags(access),
        createdAt: access.createdAt.toISOString(),
        postCount: access.postCount,
        space: { id, slug, nameTr, nameEn, safeSpace, allowAnonymous },
        themes: access.themes,
      },
      page,
      pages,
      total,
      root: root ? { number: root.number, parentNumber: root.parent?.number ?? null, path: root.path, depth: root.depth } : null,
      posts,
      viewer,
      firstUnreadNumber: lastRead === null ? null : (posts.find((p) => p.number > lastRead)?.number ?? null),
      can: {
        reply: can(actor, 'post.reply', target),
        moderate: moderator,
        editTitle: can(actor, 'thread.editTitle', target),
      },
    },
  }
}

const STATES: Record<PostState, Pick<PostTarget, 'status' | 'deleted'>> = {
  visible: { status: 'VISIBLE', deleted: false },
  pending: { status: 'PENDING', deleted: false },
  hidden: { status: 'HIDDEN', deleted: false },
  deleted: { status: 'VISIBLE', deleted: true },
}

/** The policy's answers for this viewer on any post of the thread, by ownership and state. */
export function controlTable(actor: Actor | null, thread: ThreadTarget): ControlTable {
  const table = {} as ControlTable
  const reply = can(actor, 'post.reply', thread)
  for (const own of [true, false]) {
    for (const [state, s] of Object.entries(STATES) as [PostState, (typeof STATES)[PostState]][]) {
      // A post by someone else: any id but the viewer's.
      const target: PostTarget = { thread, authorId: own ? (actor?.id ?? '') : '', ...s }
      const controls: PostControls = {
        reply: state !== 'pending' && reply,
        edit: can(actor, 'post.edit', target),
        delete: can(actor, 'post.delete', target),
        react: can(actor, 'post.react', target),
        report: can(actor, 'post.report', target),
        moderate: can(actor, 'post.moderate', target),
        bookmark: can(actor, 'post.bookmark', target),
      }
      table[`${own ? 'own' : 'other'}:${state}`] = controls
    }
  }
  return table
}

/** The page's posts as this viewer sees them (the API; the thread page does the same in the browser). */
export function pageViews(page: ThreadPage): PostView[] {
  return page.posts.map((p) => viewFor(p, page.viewer, page.root?.depth ?? 0))
}

/**
 * The Markdown source of a post to quote into the composer (the no-JavaScript "Quote" link), when the
 * reader may see its text; null otherwise.
 */
export async function quotablePost(
  actor: Actor | null,
  threadId: string,
  number: number,
  /** the thread's target when the caller has it already (the thread page): no query for it */
  known?: { thread: { id: string }; target: ThreadTarget },
) {
  const found = known ?? (await threadTargetById(actor, threadId))
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
  const moderates = can(actor, 'post.moderate', target)
  // A deleted post's history went with it: the page says so (410) rather than "not found" (issue 10, item 8.9).
  if (post.deletedAt && !moderates) return { thread, number: post.number, deleted: true as const, versions: [] as RevisionView[] }
  const textVisible = post.status !== 'HIDDEN' || moderates
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
  return { thread, number: post.number, deleted: false as const, versions }
}
