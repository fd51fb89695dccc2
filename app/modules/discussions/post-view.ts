/**
 * A post as the thread page shows it, in two layers. `LivePost` is what one audience (readers or
 * moderators) may see: the same for everyone in that audience, so the server renders it once per audience
 * and pushes it to the thread room. `PostView` adds what only this viewer has (their own posts' controls,
 * their reactions, what is new to them), worked out from ids the page holds: in the browser for the
 * thread page, on the server for the API. Shared by server and browser: no database, no secrets.
 */
import { REACTIONS, type ReactionKind } from './reactions'

export type Audience = 'reader' | 'moderator'
export type PostState = 'visible' | 'pending' | 'hidden' | 'deleted'
export type PostAuthor =
  /** `handle` links to the profile; `profilePublic`: a signed-out reader may see the profile (and its photo) */
  | { kind: 'user'; id: string; name: string; handle: string | null; avatarUrl: string | null; profilePublic: boolean }
  | { kind: 'anonymous' }
  /** what moderators see of an anonymous post */
  | { kind: 'anonymousKnown'; id: string; name: string }
  | { kind: 'gone' }

export interface LivePost {
  id: string
  number: number
  /** the tree position (ancestors' numbers, padded): ordering by it is the nested reading order */
  path: string
  depth: number
  parentNumber: number | null
  state: PostState
  /** sanitized HTML, or null when this audience may not see the text (hidden, deleted) */
  html: string | null
  author: PostAuthor
  createdAt: string
  editedAt: string | null
  revisionCount: number
  /** replies deeper than the view shows, behind "continue this thread" (0 in pushed posts) */
  continueCount: number
  reactions: { kind: ReactionKind; count: number }[]
  /** cards of the post's lone links, fetched by a job (app/modules/previews); none where the text is not shown */
  previews: LinkPreviewCard[]
}

/** A link preview as the page shows it: text only, sanitized and capped when it was fetched. */
export interface LinkPreviewCard {
  url: string
  siteName: string | null
  title: string | null
  description: string | null
}

export type PostChange = 'edited' | 'deleted' | 'hidden' | 'restored' | 'approved' | 'reactions' | 'preview'
/** What happened to a post, for the page's announcements. `authorName` is empty for anonymous posts. */
export type PostEvent =
  | { type: 'post.created'; threadId: string; postId: string; number: number; authorName: string }
  | { type: 'post.changed'; threadId: string; postId: string; number: number; change: PostChange }

/**
 * `thread:posts`: new or changed posts, pushed to a thread's audience room, with the events behind them
 * (one message per burst and reader: the posts and what to announce); also a catch-up's answer.
 */
export interface LivePostsPayload {
  threadId: string
  /** server time before the posts were read: the cursor for a catch-up (`/threads/:id/live?after=`) */
  at: string
  postCount: number
  posts: LivePost[]
  /** the events of these posts, in order (none in a catch-up) */
  events: PostEvent[]
}

export interface PostControls {
  reply: boolean
  edit: boolean
  delete: boolean
  react: boolean
  report: boolean
  moderate: boolean
  /** save it to one's bookmarks (the viewer is signed in and may see it) */
  bookmark: boolean
}

/**
 * What the policy allows this viewer on a post of this thread, by whose post it is and its state: eight
 * cells the loader fills from `can` (a post's controls depend on nothing else), so the browser decides
 * the controls of a pushed post without asking the server.
 */
export type ControlTable = Record<`${'own' | 'other'}:${PostState}`, PostControls>

export interface Viewer {
  /** ids of the viewer's own posts on this page, anonymous ones included */
  ownPostIds: string[]
  /** the viewer's reactions on this page: post id → kinds */
  reactions: Record<string, ReactionKind[]>
  /** ids of the posts on this page the viewer bookmarked (loaded with the reactions: no query of its own) */
  bookmarks: string[]
  /** the read mark when the page was loaded (null: never read, nothing is marked new) */
  lastRead: number | null
  controls: ControlTable
}

export interface PostView extends Omit<LivePost, 'reactions' | 'path' | 'depth'> {
  /** levels below the page's root (0 = top level of this view) */
  level: number
  isNew: boolean
  reactions: { kind: ReactionKind; count: number; mine: boolean }[]
  /** the viewer saved this post (the bookmark button's pressed state) */
  bookmarked: boolean
  can: PostControls
}

/** One post for one viewer: the audience's post plus what only this viewer has. */
export function viewFor(post: LivePost, viewer: Viewer, rootDepth: number, own = viewer.ownPostIds.includes(post.id)): PostView {
  const { path: _path, depth, reactions, ...rest } = post
  const mine = viewer.reactions[post.id] ?? []
  return {
    ...rest,
    level: depth - rootDepth,
    isNew: viewer.lastRead !== null && post.number > viewer.lastRead,
    reactions: reactions.map((r) => ({ ...r, mine: mine.includes(r.kind) })),
    bookmarked: viewer.bookmarks.includes(post.id),
    can: viewer.controls[`${own ? 'own' : 'other'}:${post.state}`],
  }
}

export const noReactions = () => REACTIONS.map(({ kind }) => ({ kind, count: 0 }))

/** Where a post not on the page goes: in place on this page, or elsewhere (only a hint then). */
export function belongsOnPage(
  post: Pick<LivePost, 'path' | 'depth'>,
  page: { posts: Pick<LivePost, 'path'>[]; page: number; pages: number; root: { path: string; depth: number } | null },
  inlineDepth: number,
) {
  const rootDepth = page.root?.depth ?? 0
  if (post.depth > rootDepth + inlineDepth) return false
  if (page.root && !post.path.startsWith(page.root.path)) return false
  const first = page.posts[0]?.path
  const last = page.posts[page.posts.length - 1]?.path
  if (page.page > 1 && first !== undefined && post.path < first) return false
  if (page.page < page.pages && last !== undefined && post.path > last) return false
  return true
}
