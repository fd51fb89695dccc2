/**
 * Spaces, threads and posts as the API shows them: the domain's own records (spaces/*.server,
 * discussions/*.server) mapped to the documented shapes, the domain's refusals mapped to API errors, and
 * the one rule the API adds — safe spaces are never exported (docs/decisions/012-safe-spaces.md).
 */
import { can, type Actor, type SpaceTarget } from '~/lib/policy'
import type { FieldErrors } from '~/lib/validation'
import type { Auth } from '~/modules/auth/session.server'
import { DiscussionError, DiscussionInputError } from '~/modules/discussions/errors'
import { loadThreadPage, locatePost, pageViews, type PostView, type ThreadPage } from '~/modules/discussions/thread-page.server'
import { postTargetById, threadTargetById } from '~/modules/spaces/access.server'
import { SpaceError } from '~/modules/spaces/errors'
import type { SpaceListItem } from '~/modules/spaces/list.server'
import type { SpaceDetail, SpaceMembership } from '~/modules/spaces/space.server'
import type { ThreadListItem } from '~/modules/spaces/threads.server'
import { ApiError } from './errors.server'

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const localized = (tr: string, en: string) => ({ tr, en })
const themes = (list: { slug: string; nameTr: string; nameEn: string }[]) =>
  list.map((t) => ({ slug: t.slug, name: localized(t.nameTr, t.nameEn) }))

export const spaceUrl = (base: string, slug: string) => `${base}/spaces/${encodeURIComponent(slug)}`
export const threadUrl = (base: string, threadId: string) => `${base}/threads/${encodeURIComponent(threadId)}`
const postUrl = (base: string, threadId: string, number: number) => `${threadUrl(base, threadId)}/posts/${number}`

// ---- the safe-space rule -----------------------------------------------------------------------

/**
 * Says why a safe space is refused, where the caller may know it exists: a personal token never reaches
 * one (the policy's rule), so a space the person reads in the browser answers "this is a safe space" to
 * their token; a member who has not accepted its rules is told to. A space they cannot see at all answers
 * as if it did not exist.
 */
export function explainSafeSpaceRefusal(auth: Auth, space: SpaceTarget) {
  if (!auth.actor || can(auth.actor, 'space.view', space)) return
  const inBrowser = { ...auth.actor, via: 'session' as const }
  if (auth.via === 'token' && (can(inBrowser, 'space.view', space) || can(inBrowser, 'space.acceptRules', space)))
    throw new ApiError('forbidden', { messageKey: 'api.errors.safeSpace' })
  if (can(auth.actor, 'space.acceptRules', space)) throw new ApiError('forbidden', { messageKey: 'discussions.errors.rulesNotAccepted' })
}

/** The safe-space explanation for a thread, before the domain refuses it. */
export async function guardThread(auth: Auth, threadId: string) {
  if (auth.via !== 'token') return
  const found = await threadTargetById(auth.actor, threadId)
  if (found) explainSafeSpaceRefusal(auth, found.target.space)
}

/** The safe-space explanation for a post; returns where the post lives (or null when there is no such post). */
export async function guardPost(auth: Auth, postId: string) {
  const found = await postTargetById(auth.actor, postId)
  if (found) explainSafeSpaceRefusal(auth, found.target.thread.space)
  return found
}

// ---- domain refusals → API errors --------------------------------------------------------------

/** Domain errors that name the whole form but, in the API, belong to one body field. */
const FIELD_OF_KEY: Record<string, string> = {
  'discussions.errors.unknownParent': 'parentNumber',
  'discussions.errors.anonymousNotAllowed': 'anonymous',
  'discussions.errors.clientKey': 'clientKey',
}

function fromDomainError(e: DiscussionError | SpaceError): ApiError {
  const vars = e instanceof DiscussionError ? e.vars : undefined
  const options = { messageKey: e.key, messageVars: vars }
  switch (e.status) {
    case 404:
      return new ApiError('not_found', options)
    case 403:
      return new ApiError('forbidden', options)
    case 409:
      return new ApiError('conflict', options)
    case 429:
    case 503: {
      // Too many posts from this person (429), or the server too busy to take it right now (503).
      const seconds = Number(vars?.seconds)
      const headers: Record<string, string> = Number.isFinite(seconds) && seconds > 0 ? { 'Retry-After': String(Math.ceil(seconds)) } : {}
      return new ApiError(e.status === 429 ? 'rate_limited' : 'unavailable', { ...options, headers })
    }
    default: {
      const field = e.field !== '_form' ? e.field : FIELD_OF_KEY[e.key]
      const fields: FieldErrors = field ? { [field]: [{ key: e.key, vars }] } : {}
      return new ApiError('validation_failed', { ...options, fields })
    }
  }
}

/** Runs a domain call, answering its refusals in the API's error shape (ForbiddenError is the handler's). */
export async function domain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof DiscussionInputError) {
      const { _form: whole, ...fields } = e.errors
      throw new ApiError('validation_failed', { fields: whole ? { ...fields, body: whole } : fields })
    }
    if (e instanceof DiscussionError || e instanceof SpaceError) throw fromDomainError(e)
    throw e
  }
}

export const notFound = (what: 'space' | 'thread' | 'post') =>
  new ApiError('not_found', { messageKey: `discussions.errors.${what}NotFound` })

// ---- spaces ------------------------------------------------------------------------------------

type SpaceCommon = Omit<SpaceDetail, 'rulesTr' | 'rulesEn'>

function spaceCommon(space: SpaceCommon, base: string) {
  return {
    id: space.id,
    slug: space.slug,
    url: spaceUrl(base, space.slug),
    name: localized(space.nameTr, space.nameEn),
    description: localized(space.descriptionTr, space.descriptionEn),
    icon: space.icon,
    color: space.color,
    visibility: space.visibility,
    safeSpace: space.safeSpace,
    archived: !!space.archivedAt,
    allowAnonymous: space.allowAnonymous,
    approveNewPosts: space.approveNewPosts,
    themes: themes(space.themes),
    threadCount: space.threadCount,
    postCount: space.postCount,
    lastActivityAt: iso(space.lastActivityAt),
    createdAt: space.createdAt.toISOString(),
  }
}

export function apiSpaceSummary(item: SpaceListItem, base: string) {
  return { ...spaceCommon(item, base), membership: item.membership, unread: item.unread }
}

export function apiSpace(
  found: { space: SpaceDetail; target: SpaceTarget; membership: SpaceMembership | null },
  actor: Actor | null,
  unread: number | null,
  base: string,
) {
  const { space, target, membership } = found
  return {
    ...spaceCommon(space, base),
    rules: localized(space.rulesTr, space.rulesEn),
    membership: membership
      ? { ...membership, rulesAcceptedAt: iso(membership.rulesAcceptedAt), joinedAt: membership.joinedAt.toISOString() }
      : null,
    unread,
    can: { join: can(actor, 'space.join', target), createThread: can(actor, 'thread.create', target) },
  }
}

export function apiThreadSummary(t: ThreadListItem, base: string) {
  return {
    id: t.id,
    title: t.title,
    url: threadUrl(base, t.id),
    author: t.author ? { id: t.author.id, name: t.author.name, handle: t.anonymous ? null : t.author.handle } : null,
    anonymous: t.anonymous,
    replyCount: t.replyCount,
    lastPostNumber: t.lastPostNumber,
    createdAt: t.createdAt.toISOString(),
    lastPostAt: t.lastPostAt.toISOString(),
    pinned: t.pinned,
    locked: t.locked,
    closed: t.closed,
    hidden: t.hidden,
    unread: t.unread,
    isNew: t.isNew,
  }
}

// ---- threads and posts -------------------------------------------------------------------------

/** The thread page's author, with anonymity kept: only moderators (`post.viewAuthor`) learn who wrote it. */
function author(view: PostView) {
  switch (view.author.kind) {
    case 'user':
      return { id: view.author.id, name: view.author.name, handle: view.author.handle }
    case 'anonymousKnown':
      // No profile link: the post stays anonymous to whoever the moderator passes it on to.
      return { id: view.author.id, name: view.author.name, handle: null }
    default:
      return null
  }
}

export function apiPost(view: PostView, threadId: string, base: string) {
  return {
    id: view.id,
    threadId,
    number: view.number,
    url: postUrl(base, threadId, view.number),
    parentNumber: view.parentNumber,
    level: view.level,
    state: view.state,
    html: view.html,
    author: author(view),
    anonymous: view.author.kind === 'anonymous' || view.author.kind === 'anonymousKnown',
    createdAt: view.createdAt,
    editedAt: view.editedAt,
    revisionCount: view.revisionCount,
    isNew: view.isNew,
    continueCount: view.continueCount,
    reactions: view.reactions,
    can: view.can,
  }
}

export function apiThreadPage(page: ThreadPage, base: string) {
  const { thread } = page
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      url: threadUrl(base, thread.id),
      pinned: thread.pinned,
      locked: thread.locked,
      closed: thread.closed,
      hidden: thread.hidden,
      createdAt: thread.createdAt,
      postCount: thread.postCount,
      space: {
        id: thread.space.id,
        slug: thread.space.slug,
        name: localized(thread.space.nameTr, thread.space.nameEn),
        url: spaceUrl(base, thread.space.slug),
        safeSpace: thread.space.safeSpace,
        allowAnonymous: thread.space.allowAnonymous,
      },
      themes: themes(thread.themes),
    },
    page: page.page,
    pages: page.pages,
    total: page.total,
    root: page.root && { number: page.root.number, parentNumber: page.root.parentNumber },
    posts: pageViews(page).map((p) => apiPost(p, thread.id, base)),
    firstUnreadNumber: page.firstUnreadNumber,
    can: page.can,
  }
}

/**
 * A page of a thread as the web shows it. Without a page number a returning reader is taken where their
 * unread posts start, as the web does with a redirect.
 */
export async function readThreadPage(actor: Actor | null, threadId: string, options: { page?: number; root?: number }) {
  const first = await loadThreadPage(actor, threadId, { page: options.page ?? null, root: options.root ?? null })
  const result = first.kind === 'jump' ? await loadThreadPage(actor, threadId, { page: first.page, root: null }) : first
  if (result.kind !== 'page') throw new Error('a thread page with a page number never jumps')
  return result.data
}

/**
 * One post exactly as the thread page shows it to this reader (placeholders, anonymity, pending posts
 * for their author and moderators only): the page holding its permalink, and the post on it.
 */
export async function readPost(actor: Actor | null, threadId: string, number: number, base: string) {
  const at = await locatePost(actor, threadId, number)
  const page = await readThreadPage(actor, threadId, { page: at.page, root: at.root ?? undefined })
  const view = pageViews(page).find((p) => p.number === number)
  if (!view) throw notFound('post')
  return {
    ...apiPost(view, threadId, base),
    page: page.page,
    root: at.root,
    thread: { id: page.thread.id, title: page.thread.title, url: threadUrl(base, page.thread.id) },
  }
}
