/**
 * Every authorization rule of birlikte, in one place (docs/decisions/006-policy.md). Routes, the API and
 * socket room joins all ask `can(actor, action, target)`; lists take their `where` from the scopes at the
 * end of this file, written beside the same rules (Discourse's Guardian and its secured scopes), so a list
 * and `can` cannot disagree. policy.test.ts checks `can` as a role × action matrix, and
 * tests/integration/security/scopes.test.ts checks lists against `can` for random actors and spaces.
 * Pure: no database access, so the caller loads the actor and the target first.
 */
import type { Prisma } from '~/generated/prisma/client'

export type PlatformRole = 'MEMBER' | 'MODERATOR' | 'ADMIN'
export type OrgRole = 'MEMBER' | 'ADMIN'

export interface Actor {
  id: string
  role: PlatformRole
  verified: boolean
  suspended: boolean
  /** `orgApproved`: the organization itself is approved (a pending or rejected one opens no safe space) */
  memberships: { orgId: string; role: OrgRole; status: 'PENDING' | 'ACTIVE' | 'DECLINED'; orgApproved: boolean }[]
  /** ids of the spaces this person moderates (space moderators, not platform moderators) */
  moderates?: string[]
  /**
   * How this request authenticated: a browser session (the default) or a personal API token. Tokens work
   * only under /api/v1 (server/http.ts refuses them elsewhere) and never reach a safe space.
   */
  via?: 'session' | 'token'
}

export interface OrgTarget {
  id: string
  status: 'PENDING' | 'APPROVED' | 'REJECTED'
  createdById: string | null
}
export interface UserTarget {
  id: string
  role: PlatformRole
}
/** A person's profile page: whom they show it to, and whether their address is confirmed. */
export interface ProfileTarget {
  id: string
  visibility: 'PUBLIC' | 'MEMBERS'
  verified: boolean
}
export interface MembershipTarget {
  org: OrgTarget
  userId: string
  role: OrgRole
}

export type SpaceVisibility = 'PUBLIC' | 'MEMBERS' | 'PRIVATE'
/** A space as one actor sees it: `invited`/`joined` are worked out for that actor by spaces/access.server.ts. */
export interface SpaceTarget {
  id: string
  visibility: SpaceVisibility
  safeSpace: boolean
  archived: boolean
  /** for a private space: invited personally or through an active organization membership */
  invited: boolean
  /** the actor accepted this space's rules (a safe space is read only after that) */
  rulesAccepted: boolean
}
export interface ThreadTarget {
  space: SpaceTarget
  authorId: string | null
  locked: boolean
  closed: boolean
  hidden: boolean
}
export interface PostTarget {
  thread: ThreadTarget
  authorId: string | null
  status: 'VISIBLE' | 'PENDING' | 'HIDDEN'
  deleted: boolean
}
export interface MoveTarget {
  from: SpaceTarget
  to: SpaceTarget
}
export interface WarnTarget {
  space: SpaceTarget
  user: UserTarget
}
export type RoomTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'public'; name: string }
  | { kind: 'space'; space: SpaceTarget }
  | { kind: 'thread'; thread: ThreadTarget }

export interface Targets {
  'org.view': OrgTarget
  'org.create': null
  'org.edit': OrgTarget
  'org.setType': null
  'org.viewMembers': OrgTarget
  'org.decide': OrgTarget
  'org.requestJoin': OrgTarget
  'org.manageMembers': OrgTarget
  'org.removeMember': MembershipTarget
  'org.changeMemberRole': MembershipTarget
  'admin.access': null
  'user.list': null
  'user.suspend': UserTarget
  'user.changeRole': UserTarget
  'mail.outbox.view': null
  'mail.outbox.resend': null
  'audit.view': null
  'account.manage': null
  'profile.view': ProfileTarget
  'room.join': RoomTarget
  'space.view': SpaceTarget
  'space.create': null
  'space.edit': SpaceTarget
  'space.invite': SpaceTarget
  'space.appointModerator': SpaceTarget
  'space.join': SpaceTarget
  'space.acceptRules': SpaceTarget
  'thread.view': ThreadTarget
  'thread.create': SpaceTarget
  'thread.moderate': ThreadTarget
  'thread.move': MoveTarget
  'thread.editTitle': ThreadTarget
  'post.view': PostTarget
  'post.reply': ThreadTarget
  'post.edit': PostTarget
  'post.delete': PostTarget
  'post.react': PostTarget
  'post.report': PostTarget
  'post.moderate': PostTarget
  'post.viewAuthor': PostTarget
  'post.bookmark': PostTarget
  'moderation.queue': null
  'moderation.viewLog': SpaceTarget
  'user.warn': WarnTarget
  'content.upload': null
}
export type Action = keyof Targets
export const ACTIONS = [
  'org.view',
  'org.create',
  'org.edit',
  'org.setType',
  'org.viewMembers',
  'org.decide',
  'org.requestJoin',
  'org.manageMembers',
  'org.removeMember',
  'org.changeMemberRole',
  'admin.access',
  'user.list',
  'user.suspend',
  'user.changeRole',
  'mail.outbox.view',
  'mail.outbox.resend',
  'audit.view',
  'account.manage',
  'profile.view',
  'room.join',
  'space.view',
  'space.create',
  'space.edit',
  'space.invite',
  'space.appointModerator',
  'space.join',
  'space.acceptRules',
  'thread.view',
  'thread.create',
  'thread.moderate',
  'thread.move',
  'thread.editTitle',
  'post.view',
  'post.reply',
  'post.edit',
  'post.delete',
  'post.react',
  'post.report',
  'post.moderate',
  'post.viewAuthor',
  'post.bookmark',
  'moderation.queue',
  'moderation.viewLog',
  'user.warn',
  'content.upload',
] as const satisfies readonly Action[]

const isAdmin = (a: Actor | null) => !!a && !a.suspended && a.role === 'ADMIN'
const active = (a: Actor | null): a is Actor => !!a && !a.suspended
const canAct = (a: Actor | null): a is Actor => active(a) && a.verified

function orgRole(a: Actor, orgId: string): OrgRole | null {
  const m = a.memberships.find((x) => x.orgId === orgId && x.status === 'ACTIVE')
  return m ? m.role : null
}
export const isOrgAdmin = (a: Actor | null, orgId: string) => active(a) && orgRole(a, orgId) === 'ADMIN'

/** Platform moderators and admins moderate everywhere. */
const isModerator = (a: Actor | null) => active(a) && (a.role === 'MODERATOR' || a.role === 'ADMIN')
/** ...and a space moderator moderates their own spaces. */
export const moderatesSpace = (a: Actor | null, space: { id: string }) => isModerator(a) || (active(a) && !!a.moderates?.includes(space.id))

/** Verified, active, and an active member of an approved organization: the community a safe space is for. */
const inCommunity = (a: Actor | null): a is Actor => canAct(a) && a.memberships.some((m) => m.status === 'ACTIVE' && m.orgApproved)
const byToken = (a: Actor | null) => a?.via === 'token'

/**
 * Everything about reading a space except a safe space's rules: `readsSpace` adds those, and
 * `space.acceptRules` is offered exactly to the people for whom they are the only step left.
 * Keep in step with `readableSpaces` below.
 */
function readsSpaceOnceAccepted(a: Actor | null, s: SpaceTarget): boolean {
  // A safe space is never served to a personal token (no export, no scripts), moderators' included.
  if (s.safeSpace && byToken(a)) return false
  if (moderatesSpace(a, s)) return true
  // A safe space is never readable signed out, whatever its visibility says.
  if (s.visibility === 'PUBLIC' && !s.safeSpace) return true
  // Beyond public spaces: a verified address (an account anyone can open is not the community).
  if (!canAct(a)) return false
  if (s.visibility === 'PRIVATE' && !s.invited) return false
  return !s.safeSpace || inCommunity(a)
}
function readsSpace(a: Actor | null, s: SpaceTarget): boolean {
  return readsSpaceOnceAccepted(a, s) && (!s.safeSpace || s.rulesAccepted || moderatesSpace(a, s))
}
function readsThread(a: Actor | null, t: ThreadTarget): boolean {
  return readsSpace(a, t.space) && (!t.hidden || moderatesSpace(a, t.space))
}
/** Writing needs a verified, unsuspended account that can read the place, and an open space. */
const writesIn = (a: Actor | null, s: SpaceTarget): a is Actor => canAct(a) && readsSpace(a, s) && !s.archived
const openThread = (a: Actor | null, t: ThreadTarget) => (!t.locked && !t.closed) || moderatesSpace(a, t.space)
const livePost = (p: PostTarget) => !p.deleted && p.status === 'VISIBLE'

type Rule<A extends Action> = (actor: Actor | null, target: Targets[A]) => boolean

const rules: { [A in Action]: Rule<A> } = {
  // Pending or rejected organizations are visible only to their creator and platform admins.
  'org.view': (a, org) => org.status === 'APPROVED' || isAdmin(a) || (active(a) && org.createdById === a.id),
  'org.create': (a) => canAct(a),
  'org.edit': (a, org) => isAdmin(a) || (org.status !== 'REJECTED' && isOrgAdmin(a, org.id)),
  // Members choose "member CSO" or "international partner"; anything else (and any later change of
  // type) is for platform admins.
  'org.setType': (a) => isAdmin(a),
  // Who belongs to which organization is for the signed-in community, not the open web.
  'org.viewMembers': (a, org) => active(a) && rules['org.view'](a, org),
  'org.decide': (a, org) => isAdmin(a) && org.status === 'PENDING',
  'org.requestJoin': (a, org) =>
    canAct(a) && org.status === 'APPROVED' && !a.memberships.some((m) => m.orgId === org.id && m.status !== 'DECLINED'),
  'org.manageMembers': (a, org) => isAdmin(a) || (org.status === 'APPROVED' && isOrgAdmin(a, org.id)),
  // An org admin may remove members and themselves, but the last admin cannot be removed here:
  // the domain module checks that, since it needs a count.
  'org.removeMember': (a, m) => rules['org.manageMembers'](a, m.org) || (active(a) && a.id === m.userId),
  'org.changeMemberRole': (a, m) => rules['org.manageMembers'](a, m.org),
  'admin.access': (a) => isAdmin(a),
  'user.list': (a) => isAdmin(a),
  // Admins act on others, never on themselves (no locking yourself out), and never on other admins'
  // suspension without first changing their role.
  // Platform moderators may suspend members (a moderation action); only admins may suspend moderators.
  'user.suspend': (a, u) => active(a) && a.id !== u.id && ((isAdmin(a) && u.role !== 'ADMIN') || (isModerator(a) && u.role === 'MEMBER')),
  'user.changeRole': (a, u) => isAdmin(a) && a!.id !== u.id,
  'mail.outbox.view': (a) => isAdmin(a),
  'mail.outbox.resend': (a) => isAdmin(a),
  'audit.view': (a) => isAdmin(a) || (active(a) && a.role === 'MODERATOR'),
  'account.manage': (a) => active(a),
  // Profiles: the person chooses everyone or the verified, signed-in community (the default). An account
  // whose address is unconfirmed has no public face yet (it cannot post either); its owner and platform
  // moderators still see it.
  'profile.view': (a, p) => (active(a) && a.id === p.id) || isModerator(a) || (p.verified && (p.visibility === 'PUBLIC' || canAct(a))),
  'room.join': (a, room) => {
    switch (room.kind) {
      case 'public':
        return true
      case 'user':
        return active(a) && a.id === room.userId
      case 'space':
        return readsSpace(a, room.space)
      case 'thread':
        return readsThread(a, room.thread)
    }
  },
  'space.view': (a, s) => readsSpace(a, s),
  // Spaces are set up by the platform's moderators and admins; space moderators keep them tidy.
  'space.create': (a) => isModerator(a),
  'space.edit': (a) => isModerator(a),
  'space.invite': (a, s) => moderatesSpace(a, s),
  'space.appointModerator': (a) => isModerator(a),
  'space.join': (a, s) => writesIn(a, s),
  // Safe spaces: whoever could read it but has not accepted the rules yet is shown them first.
  'space.acceptRules': (a, s) => s.safeSpace && !s.archived && readsSpaceOnceAccepted(a, s) && !readsSpace(a, s),
  'thread.view': (a, t) => readsThread(a, t),
  // Rules acceptance (safe spaces) and approval of first posts are checked by the domain: they are
  // steps the person can take, not refusals.
  'thread.create': (a, s) => writesIn(a, s),
  'thread.moderate': (a, t) => moderatesSpace(a, t.space),
  'thread.move': (a, m) => moderatesSpace(a, m.from) && moderatesSpace(a, m.to) && !m.to.archived,
  // A thread's title, as a post's text: its author while the thread is open to them (not locked, not
  // hidden), the space's moderators always. Closed threads keep their author's edits, as posts do.
  'thread.editTitle': (a, t) =>
    moderatesSpace(a, t.space) || (writesIn(a, t.space) && readsThread(a, t) && a.id === t.authorId && !t.locked && !t.hidden),
  // Pending and hidden posts: their author and the space's moderators read them; others see a placeholder.
  'post.view': (a, p) =>
    readsThread(a, p.thread) && (p.status === 'VISIBLE' || moderatesSpace(a, p.thread.space) || (active(a) && a.id === p.authorId)),
  'post.reply': (a, t) => writesIn(a, t.space) && readsThread(a, t) && openThread(a, t),
  'post.edit': (a, p) =>
    moderatesSpace(a, p.thread.space) ||
    (writesIn(a, p.thread.space) &&
      readsThread(a, p.thread) &&
      a.id === p.authorId &&
      !p.deleted &&
      p.status !== 'HIDDEN' &&
      !p.thread.locked),
  'post.delete': (a, p) => !p.deleted && (moderatesSpace(a, p.thread.space) || (canAct(a) && a.id === p.authorId)),
  'post.react': (a, p) => writesIn(a, p.thread.space) && readsThread(a, p.thread) && livePost(p) && !p.thread.locked,
  // Only what readers can see can be reported: not pending, hidden or deleted posts.
  'post.report': (a, p) => canAct(a) && readsThread(a, p.thread) && livePost(p) && a.id !== p.authorId,
  'post.moderate': (a, p) => moderatesSpace(a, p.thread.space),
  // Anonymous posts: the author is known to moderators (and the audit log) only.
  'post.viewAuthor': (a, p) => moderatesSpace(a, p.thread.space),
  // Bookmarks: anyone signed in who may see the post. The list asks again (`visiblePosts`) on every read,
  // so a bookmark never shows what its owner lost access to.
  'post.bookmark': (a, p) => active(a) && rules['post.view'](a, p),
  'moderation.queue': (a) => isModerator(a) || (active(a) && (a.moderates?.length ?? 0) > 0),
  'moderation.viewLog': (a, s) => moderatesSpace(a, s),
  // Warnings go to members only, never to a fellow moderator or to oneself.
  'user.warn': (a, w) => moderatesSpace(a, w.space) && a!.id !== w.user.id && w.user.role === 'MEMBER',
  // Images for posts: anyone who may write somewhere.
  'content.upload': (a) => canAct(a),
}

export function can<A extends Action>(actor: Actor | null, action: A, target: Targets[A]): boolean {
  return (rules[action] as Rule<A>)(actor, target)
}

export class ForbiddenError extends Error {
  status = 403
  /** `space`: the space that is closed to the actor, so the 403 page can say why and whom to ask */
  constructor(
    public action: Action,
    public space?: { slug: string; threadHidden?: boolean },
  ) {
    super(`forbidden: ${action}`)
  }
}

/** Throws a typed 403 that routes render as a translated page and the API as an error object. */
export function assertCan<A extends Action>(actor: Actor | null, action: A, target: Targets[A]) {
  if (!can(actor, action, target)) throw new ForbiddenError(action)
}

// --- List scopes: the rules above as `where` filters, for every list of spaces, threads and posts ---
// Each mirrors one predicate (named beside it); scopes.test.ts compares them with `can` on random data.

const NONE = { id: { in: [] as string[] } }

/** Spaces that invited the actor, personally or through an organization they are an active member of. */
function invitedSpaces(a: Actor): Prisma.SpaceWhereInput {
  const orgIds = a.memberships.filter((m) => m.status === 'ACTIVE').map((m) => m.orgId)
  return { invitations: { some: { OR: [{ userId: a.id }, ...(orgIds.length ? [{ orgId: { in: orgIds } }] : [])] } } }
}

/** The spaces `readsSpace` lets the actor read. */
export function readableSpaces(a: Actor | null): Prisma.SpaceWhereInput {
  const token = byToken(a)
  const notSafeForToken = token ? { safeSpace: false } : {}
  if (isModerator(a)) return notSafeForToken
  const or: Prisma.SpaceWhereInput[] = [{ visibility: 'PUBLIC', safeSpace: false }]
  if (active(a) && a.moderates?.length) or.push({ id: { in: a.moderates }, ...notSafeForToken })
  if (canAct(a)) {
    const invited = invitedSpaces(a)
    or.push({ visibility: 'MEMBERS', safeSpace: false }, { visibility: 'PRIVATE', safeSpace: false, ...invited })
    if (!token && inCommunity(a)) {
      const accepted: Prisma.SpaceWhereInput = { members: { some: { userId: a.id, rulesAcceptedAt: { not: null } } } }
      or.push({ safeSpace: true, visibility: { not: 'PRIVATE' }, ...accepted }, { safeSpace: true, AND: [invited, accepted] })
    }
  }
  return { OR: or }
}

/**
 * The spaces whose page the actor may open: readable ones, and safe spaces whose rules are the only step
 * left (`space.acceptRules`), so the community finds them and is shown the rules first.
 */
export function listedSpaces(a: Actor | null): Prisma.SpaceWhereInput {
  if (!inCommunity(a) || byToken(a) || isModerator(a)) return readableSpaces(a)
  return {
    OR: [
      readableSpaces(a),
      { safeSpace: true, archivedAt: null, visibility: { not: 'PRIVATE' } },
      { safeSpace: true, archivedAt: null, ...invitedSpaces(a) },
    ],
  }
}

/** The spaces `moderatesSpace` gives the actor (an empty filter for platform moderators: every space). */
export function moderatedSpaces(a: Actor | null): Prisma.SpaceWhereInput {
  if (isModerator(a)) return {}
  return active(a) && a.moderates?.length ? { id: { in: a.moderates } } : NONE
}

/** The threads `readsThread` lets the actor read: in a readable space, and not hidden unless they moderate it. */
export function readableThreads(a: Actor | null): Prisma.ThreadWhereInput {
  // Platform moderators see hidden threads everywhere they read (an empty relation filter inside OR
  // would not say "every space" to Prisma, so there is no OR at all).
  if (isModerator(a)) return { space: readableSpaces(a) }
  return { space: readableSpaces(a), OR: [{ hiddenAt: null }, { space: moderatedSpaces(a) }] }
}

/**
 * A person's posts as their profile lists them for the actor: what `post.view` shows the actor in full,
 * and of that only live posts signed with their name in a visible thread: never an anonymous post (not
 * even to its author or a moderator), nothing pending, hidden or deleted, and nothing from a safe space
 * (its posts are not gathered under a name outside the space).
 */
export function profilePosts(a: Actor | null, authorId: string): Prisma.PostWhereInput {
  return {
    AND: [
      visiblePosts(a),
      { authorId, anonymous: false, status: 'VISIBLE', deletedAt: null, thread: { hiddenAt: null, space: { safeSpace: false } } },
    ],
  }
}

/** Within readable threads, the posts `post.view` shows in full (others are placeholders or absent). */
export function visiblePosts(a: Actor | null): Prisma.PostWhereInput {
  if (isModerator(a)) return { thread: readableThreads(a) }
  return {
    thread: readableThreads(a),
    OR: [{ status: 'VISIBLE' }, { thread: { space: moderatedSpaces(a) } }, ...(active(a) ? [{ authorId: a.id }] : [])],
  }
}
