/**
 * The authorization matrix: every action × every kind of actor, against the targets that matter.
 * A new action must be added to ACTIONS and to EXPECTED, or this test fails.
 */
import { describe, expect, it } from 'vitest'
import {
  ACTIONS,
  can,
  type Action,
  type Actor,
  type OrgTarget,
  type PostTarget,
  type SpaceTarget,
  type Targets,
  type ThreadTarget,
} from './policy'

const ORG = 'org-1'
const OTHER_ORG = 'org-2'
const approved: OrgTarget = { id: ORG, status: 'APPROVED', createdById: 'creator' }
const pending: OrgTarget = { id: ORG, status: 'PENDING', createdById: 'creator' }

function actor(id: string, role: Actor['role'], extra: Partial<Actor> = {}): Actor {
  return { id, role, verified: true, suspended: false, memberships: [], ...extra }
}

const ACTORS = {
  anonymous: null,
  unverified: actor('u-unverified', 'MEMBER', { verified: false }),
  member: actor('u-member', 'MEMBER'),
  orgMember: actor('u-orgmember', 'MEMBER', { memberships: [{ orgId: ORG, role: 'MEMBER', status: 'ACTIVE', orgApproved: true }] }),
  orgAdmin: actor('u-orgadmin', 'MEMBER', { memberships: [{ orgId: ORG, role: 'ADMIN', status: 'ACTIVE', orgApproved: true }] }),
  otherOrgAdmin: actor('u-otheradmin', 'MEMBER', {
    memberships: [{ orgId: OTHER_ORG, role: 'ADMIN', status: 'ACTIVE', orgApproved: true }],
  }),
  pendingMember: actor('u-pending', 'MEMBER', { memberships: [{ orgId: ORG, role: 'MEMBER', status: 'PENDING', orgApproved: true }] }),
  creator: actor('creator', 'MEMBER', { memberships: [{ orgId: ORG, role: 'ADMIN', status: 'ACTIVE', orgApproved: true }] }),
  moderator: actor('u-mod', 'MODERATOR'),
  admin: actor('u-admin', 'ADMIN'),
  suspendedAdmin: actor('u-sadmin', 'ADMIN', { suspended: true }),
  // A member who moderates two spaces (space-1, space-3) and nothing else.
  spaceModerator: actor('u-spacemod', 'MEMBER', { moderates: ['space-1', 'space-3'] }),
  // An active member of an organization that is not approved (yet): not the community of a safe space.
  pendingOrgMember: actor('u-pendingorg', 'MEMBER', {
    memberships: [{ orgId: 'org-3', role: 'ADMIN', status: 'ACTIVE', orgApproved: false }],
  }),
  // orgMember's twin, asking with a personal API token: never a safe space.
  tokenMember: actor('u-token', 'MEMBER', {
    memberships: [{ orgId: ORG, role: 'MEMBER', status: 'ACTIVE', orgApproved: true }],
    via: 'token',
  }),
} as const
type ActorName = keyof typeof ACTORS

const ALL = Object.keys(ACTORS) as ActorName[]
/** Signed in and not suspended (verified or not). */
const SIGNED_IN: ActorName[] = ALL.filter((n) => n !== 'anonymous' && n !== 'suspendedAdmin')
/** Signed in, verified, not suspended: may write. */
const VERIFIED: ActorName[] = SIGNED_IN.filter((n) => n !== 'unverified')
const MODS: ActorName[] = ['moderator', 'admin']
/** Verified, active members of an approved organization, in a browser session: whom a safe space is for. */
const COMMUNITY: ActorName[] = ['orgMember', 'orgAdmin', 'otherOrgAdmin', 'creator']
/** Readers of a safe space whose rules they accepted: its community and its moderators. */
const SAFE_READERS: ActorName[] = [...MODS, ...COMMUNITY]
/** Moderators of space-1 (and space-3). */
const MODS_HERE: ActorName[] = ['moderator', 'admin', 'spaceModerator']
const but = (list: ActorName[], ...out: ActorName[]) => list.filter((n) => !out.includes(n))

// Spaces. "space-2" is one the space moderator does NOT moderate, so their powers stop there;
// "space-1"/"space-3" are theirs. `invited` is what access.server.ts worked out for the asking actor.
function space(id: string, visibility: SpaceTarget['visibility'], extra: Partial<SpaceTarget> = {}): SpaceTarget {
  return { id, visibility, safeSpace: false, archived: false, invited: false, rulesAccepted: false, ...extra }
}
const S = {
  public: space('space-2', 'PUBLIC'),
  members: space('space-2', 'MEMBERS'),
  privateInvited: space('space-2', 'PRIVATE', { invited: true }),
  privateNotInvited: space('space-2', 'PRIVATE'),
  // marked public, but a safe space is never readable signed out
  safe: space('space-2', 'PUBLIC', { safeSpace: true, rulesAccepted: true }),
  safeNotAccepted: space('space-2', 'MEMBERS', { safeSpace: true }),
  archived: space('space-2', 'MEMBERS', { archived: true }),
  moderated: space('space-1', 'MEMBERS'),
  moderatedPrivate: space('space-1', 'PRIVATE'),
  moderatedOther: space('space-3', 'MEMBERS'),
  moderatedArchived: space('space-3', 'MEMBERS', { archived: true }),
}
function thread(s: SpaceTarget, extra: Partial<ThreadTarget> = {}): ThreadTarget {
  return { space: s, authorId: 'u-x', locked: false, closed: false, hidden: false, ...extra }
}
const T = {
  open: thread(S.members),
  public: thread(S.public),
  safe: thread(S.safe),
  privateNotInvited: thread(S.privateNotInvited),
  archived: thread(S.archived),
  locked: thread(S.members, { locked: true }),
  closed: thread(S.members, { closed: true }),
  hidden: thread(S.members, { hidden: true }),
  moderatedOpen: thread(S.moderated),
  moderatedLocked: thread(S.moderated, { locked: true }),
  moderatedHidden: thread(S.moderated, { hidden: true }),
}
/** Posts by "u-x" (others') unless `own` — then by u-member. */
function post(t: ThreadTarget, extra: Partial<PostTarget> & { own?: boolean } = {}): PostTarget {
  const { own, ...rest } = extra
  return { thread: t, authorId: own ? 'u-member' : 'u-x', status: 'VISIBLE', deleted: false, ...rest }
}
const P = {
  visible: post(T.open),
  visibleOwn: post(T.open, { own: true }),
  public: post(T.public),
  safe: post(T.safe),
  pending: post(T.open, { status: 'PENDING' }),
  pendingOwn: post(T.open, { status: 'PENDING', own: true }),
  hidden: post(T.open, { status: 'HIDDEN' }),
  hiddenOwn: post(T.open, { status: 'HIDDEN', own: true }),
  deleted: post(T.open, { deleted: true }),
  deletedOwn: post(T.open, { deleted: true, own: true }),
  lockedThread: post(T.locked),
  lockedThreadOwn: post(T.locked, { own: true }),
  closedThreadOwn: post(T.closed, { own: true }),
  hiddenThread: post(T.hidden),
  hiddenThreadOwn: post(T.hidden, { own: true }),
  archivedOwn: post(T.archived, { own: true }),
  privateNotInvited: post(T.privateNotInvited),
  moderated: post(T.moderatedOpen),
  moderatedHidden: post(T.moderatedOpen, { status: 'HIDDEN' }),
  moderatedPending: post(T.moderatedOpen, { status: 'PENDING' }),
}
const member = { id: 'u-x', role: 'MEMBER' } as const

// One representative target per action (and a second case where the target changes the answer).
const CASES: { [A in Action]: { label: string; target: Targets[A] }[] } = {
  'org.view': [
    { label: 'approved', target: approved },
    { label: 'pending', target: pending },
  ],
  'org.create': [{ label: '-', target: null }],
  'org.edit': [{ label: 'approved', target: approved }],
  'org.setType': [{ label: '-', target: null }],
  'org.viewMembers': [
    { label: 'approved', target: approved },
    { label: 'pending', target: pending },
  ],
  'org.decide': [
    { label: 'pending', target: pending },
    { label: 'approved', target: approved },
  ],
  'org.requestJoin': [
    { label: 'approved', target: approved },
    { label: 'pending', target: pending },
  ],
  'org.manageMembers': [{ label: 'approved', target: approved }],
  'org.removeMember': [
    { label: 'someone else', target: { org: approved, userId: 'u-x', role: 'MEMBER' } },
    { label: 'self (orgMember)', target: { org: approved, userId: 'u-orgmember', role: 'MEMBER' } },
  ],
  'org.changeMemberRole': [{ label: 'someone else', target: { org: approved, userId: 'u-x', role: 'MEMBER' } }],
  'admin.access': [{ label: '-', target: null }],
  'user.list': [{ label: '-', target: null }],
  'user.suspend': [
    { label: 'a member', target: { id: 'u-x', role: 'MEMBER' } },
    { label: 'a moderator', target: { id: 'u-z', role: 'MODERATOR' } },
    { label: 'an admin', target: { id: 'u-y', role: 'ADMIN' } },
    { label: 'self (admin)', target: { id: 'u-admin', role: 'ADMIN' } },
    { label: 'self (moderator)', target: { id: 'u-mod', role: 'MODERATOR' } },
  ],
  'user.changeRole': [
    { label: 'a member', target: { id: 'u-x', role: 'MEMBER' } },
    { label: 'self (admin)', target: { id: 'u-admin', role: 'ADMIN' } },
  ],
  'mail.outbox.view': [{ label: '-', target: null }],
  'mail.outbox.resend': [{ label: '-', target: null }],
  'audit.view': [{ label: '-', target: null }],
  'account.manage': [{ label: '-', target: null }],
  'profile.view': [
    { label: 'public', target: { id: 'u-x', visibility: 'PUBLIC', verified: true } },
    { label: 'members only', target: { id: 'u-x', visibility: 'MEMBERS', verified: true } },
    { label: 'unverified account', target: { id: 'u-x', visibility: 'PUBLIC', verified: false } },
    { label: 'own, members only (unverified)', target: { id: 'u-unverified', visibility: 'MEMBERS', verified: false } },
  ],
  'room.join': [
    { label: 'public room', target: { kind: 'public', name: 'public:home' } },
    { label: 'own user room (member)', target: { kind: 'user', userId: 'u-member' } },
    { label: "someone's user room", target: { kind: 'user', userId: 'u-x' } },
    { label: 'space: public', target: { kind: 'space', space: S.public } },
    { label: 'space: members', target: { kind: 'space', space: S.members } },
    { label: 'space: private, invited', target: { kind: 'space', space: S.privateInvited } },
    { label: 'space: private, not invited', target: { kind: 'space', space: S.privateNotInvited } },
    { label: 'space: safe', target: { kind: 'space', space: S.safe } },
    { label: 'space: moderated private', target: { kind: 'space', space: S.moderatedPrivate } },
    { label: 'thread: public', target: { kind: 'thread', thread: T.public } },
    { label: 'thread: members', target: { kind: 'thread', thread: T.open } },
    { label: 'thread: safe', target: { kind: 'thread', thread: T.safe } },
    { label: 'thread: hidden', target: { kind: 'thread', thread: T.hidden } },
    { label: 'thread: hidden, moderated', target: { kind: 'thread', thread: T.moderatedHidden } },
    { label: 'thread: private, not invited', target: { kind: 'thread', thread: T.privateNotInvited } },
  ],
  'space.view': [
    { label: 'public', target: S.public },
    { label: 'members', target: S.members },
    { label: 'private, invited', target: S.privateInvited },
    { label: 'private, not invited', target: S.privateNotInvited },
    { label: 'safe', target: S.safe },
    { label: 'safe, rules not accepted', target: S.safeNotAccepted },
    { label: 'archived', target: S.archived },
    { label: 'moderated private', target: S.moderatedPrivate },
  ],
  'space.create': [{ label: '-', target: null }],
  'space.edit': [
    { label: 'members', target: S.members },
    { label: 'moderated', target: S.moderated },
  ],
  'space.invite': [
    { label: 'private', target: S.privateNotInvited },
    { label: 'moderated private', target: S.moderatedPrivate },
  ],
  'space.appointModerator': [
    { label: 'members', target: S.members },
    { label: 'moderated', target: S.moderated },
  ],
  'space.join': [
    { label: 'public', target: S.public },
    { label: 'members', target: S.members },
    { label: 'private, invited', target: S.privateInvited },
    { label: 'private, not invited', target: S.privateNotInvited },
    { label: 'safe', target: S.safe },
    { label: 'archived', target: S.archived },
  ],
  'space.acceptRules': [
    { label: 'safe, rules accepted', target: S.safe },
    { label: 'safe, rules not accepted', target: S.safeNotAccepted },
    { label: 'members', target: S.members },
  ],
  'thread.view': [
    { label: 'public', target: T.public },
    { label: 'open', target: T.open },
    { label: 'locked', target: T.locked },
    { label: 'safe', target: T.safe },
    { label: 'hidden', target: T.hidden },
    { label: 'hidden, moderated', target: T.moderatedHidden },
    { label: 'private, not invited', target: T.privateNotInvited },
  ],
  'thread.create': [
    { label: 'public', target: S.public },
    { label: 'members', target: S.members },
    { label: 'private, invited', target: S.privateInvited },
    { label: 'private, not invited', target: S.privateNotInvited },
    { label: 'safe', target: S.safe },
    { label: 'archived', target: S.archived },
    { label: 'moderated', target: S.moderated },
  ],
  'thread.moderate': [
    { label: 'open', target: T.open },
    { label: 'moderated', target: T.moderatedOpen },
    { label: 'moderated, hidden', target: T.moderatedHidden },
  ],
  'thread.move': [
    { label: 'between two moderated', target: { from: S.moderated, to: S.moderatedOther } },
    { label: 'moderated → other', target: { from: S.moderated, to: S.members } },
    { label: 'other → moderated', target: { from: S.members, to: S.moderated } },
    { label: 'into archived', target: { from: S.moderated, to: S.moderatedArchived } },
  ],
  'post.view': [
    { label: 'public', target: P.public },
    { label: 'visible', target: P.visible },
    { label: 'safe', target: P.safe },
    { label: 'pending', target: P.pending },
    { label: 'pending, own', target: P.pendingOwn },
    { label: 'hidden', target: P.hidden },
    { label: 'hidden, own', target: P.hiddenOwn },
    { label: 'deleted (tombstone)', target: P.deleted },
    { label: 'in hidden thread', target: P.hiddenThread },
    { label: 'private, not invited', target: P.privateNotInvited },
    { label: 'moderated, hidden', target: P.moderatedHidden },
    { label: 'moderated, pending', target: P.moderatedPending },
  ],
  'post.reply': [
    { label: 'public', target: T.public },
    { label: 'open', target: T.open },
    { label: 'safe', target: T.safe },
    { label: 'locked', target: T.locked },
    { label: 'closed', target: T.closed },
    { label: 'hidden', target: T.hidden },
    { label: 'archived space', target: T.archived },
    { label: 'private, not invited', target: T.privateNotInvited },
    { label: 'moderated, locked', target: T.moderatedLocked },
  ],
  'thread.editTitle': [
    { label: 'own', target: thread(S.members, { authorId: 'u-member' }) },
    { label: "others'", target: T.open },
    { label: 'own, locked', target: thread(S.members, { authorId: 'u-member', locked: true }) },
    { label: 'own, closed', target: thread(S.members, { authorId: 'u-member', closed: true }) },
    { label: 'own, hidden', target: thread(S.members, { authorId: 'u-member', hidden: true }) },
    { label: 'own, archived space', target: thread(S.archived, { authorId: 'u-member' }) },
    { label: 'own, private, not invited', target: thread(S.privateNotInvited, { authorId: 'u-member' }) },
    { label: "moderated, others'", target: T.moderatedOpen },
    { label: 'moderated, locked', target: T.moderatedLocked },
  ],
  'post.bookmark': [
    { label: 'public', target: P.public },
    { label: 'visible', target: P.visible },
    { label: 'safe', target: P.safe },
    { label: 'pending', target: P.pending },
    { label: 'hidden', target: P.hidden },
    { label: 'in hidden thread', target: P.hiddenThread },
    { label: 'private, not invited', target: P.privateNotInvited },
  ],
  'post.edit': [
    { label: 'own', target: P.visibleOwn },
    { label: "others'", target: P.visible },
    { label: 'own, pending', target: P.pendingOwn },
    { label: 'own, hidden', target: P.hiddenOwn },
    { label: 'own, deleted', target: P.deletedOwn },
    { label: 'own, locked thread', target: P.lockedThreadOwn },
    { label: 'own, closed thread', target: P.closedThreadOwn },
    { label: 'own, hidden thread', target: P.hiddenThreadOwn },
    { label: 'own, archived space', target: P.archivedOwn },
    { label: "moderated, others'", target: P.moderated },
  ],
  'post.delete': [
    { label: 'own', target: P.visibleOwn },
    { label: "others'", target: P.visible },
    { label: 'own, hidden', target: P.hiddenOwn },
    { label: 'own, deleted', target: P.deletedOwn },
    { label: 'deleted', target: P.deleted },
    { label: "moderated, others'", target: P.moderated },
  ],
  'post.react': [
    { label: 'visible', target: P.visible },
    { label: 'own', target: P.visibleOwn },
    { label: 'public', target: P.public },
    { label: 'pending', target: P.pending },
    { label: 'hidden', target: P.hidden },
    { label: 'deleted', target: P.deleted },
    { label: 'locked thread', target: P.lockedThread },
    { label: 'archived space', target: post(T.archived) },
    { label: 'private, not invited', target: P.privateNotInvited },
  ],
  'post.report': [
    { label: "others'", target: P.visible },
    { label: 'own', target: P.visibleOwn },
    { label: 'public', target: P.public },
    { label: 'safe', target: P.safe },
    { label: 'locked thread', target: P.lockedThread },
    { label: 'pending', target: P.pending },
    { label: 'hidden', target: P.hidden },
    { label: 'deleted', target: P.deleted },
    { label: 'in hidden thread', target: P.hiddenThread },
    { label: 'private, not invited', target: P.privateNotInvited },
  ],
  'post.moderate': [
    { label: 'visible', target: P.visible },
    { label: 'moderated', target: P.moderated },
    { label: 'moderated, pending', target: P.moderatedPending },
  ],
  'post.viewAuthor': [
    { label: 'visible', target: P.visible },
    { label: 'moderated', target: P.moderated },
  ],
  'moderation.queue': [{ label: '-', target: null }],
  'moderation.viewLog': [
    { label: 'other space', target: S.members },
    { label: 'moderated', target: S.moderated },
  ],
  'content.upload': [{ label: '-', target: null }],
  'user.warn': [
    { label: 'a member, other space', target: { space: S.members, user: member } },
    { label: 'a member, moderated', target: { space: S.moderated, user: member } },
    { label: 'a moderator, moderated', target: { space: S.moderated, user: { id: 'u-z', role: 'MODERATOR' } } },
    { label: 'an admin, moderated', target: { space: S.moderated, user: { id: 'u-y', role: 'ADMIN' } } },
  ],
}

// Who is allowed, per action and case. Everyone not listed is refused.
const EXPECTED: { [A in Action]: Record<string, ActorName[]> } = {
  'org.view': {
    approved: Object.keys(ACTORS) as ActorName[],
    pending: ['creator', 'admin'],
  },
  'org.create': { '-': VERIFIED },
  'org.edit': { approved: ['orgAdmin', 'creator', 'admin'] },
  'org.setType': { '-': ['admin'] },
  'org.viewMembers': {
    approved: SIGNED_IN,
    pending: ['creator', 'admin'],
  },
  'org.decide': { pending: ['admin'], approved: [] },
  'org.requestJoin': {
    approved: ['member', 'otherOrgAdmin', 'moderator', 'admin', 'spaceModerator', 'pendingOrgMember'],
    pending: [],
  },
  'org.manageMembers': { approved: ['orgAdmin', 'creator', 'admin'] },
  'org.removeMember': {
    'someone else': ['orgAdmin', 'creator', 'admin'],
    'self (orgMember)': ['orgMember', 'orgAdmin', 'creator', 'admin'],
  },
  'org.changeMemberRole': { 'someone else': ['orgAdmin', 'creator', 'admin'] },
  'admin.access': { '-': ['admin'] },
  'user.list': { '-': ['admin'] },
  // Platform moderators suspend members (a moderation decision); only admins suspend moderators.
  'user.suspend': { 'a member': MODS, 'a moderator': ['admin'], 'an admin': [], 'self (admin)': [], 'self (moderator)': ['admin'] },
  'user.changeRole': { 'a member': ['admin'], 'self (admin)': [] },
  'mail.outbox.view': { '-': ['admin'] },
  'mail.outbox.resend': { '-': ['admin'] },
  'audit.view': { '-': ['moderator', 'admin'] },
  'account.manage': { '-': SIGNED_IN },
  // Profiles: everyone, or the verified signed-in community; an unconfirmed account only to itself and moderators.
  'profile.view': {
    public: ALL,
    'members only': but(VERIFIED, 'suspendedAdmin'),
    'unverified account': MODS,
    'own, members only (unverified)': ['unverified', ...MODS],
  },
  // A socket joins a room exactly when its person may read what the room carries.
  'room.join': {
    'public room': ALL,
    'own user room (member)': ['member'],
    "someone's user room": [],
    'space: public': ALL,
    'space: members': VERIFIED,
    'space: private, invited': VERIFIED,
    'space: private, not invited': MODS,
    'space: safe': SAFE_READERS,
    'space: moderated private': MODS_HERE,
    'thread: public': ALL,
    'thread: members': VERIFIED,
    'thread: safe': SAFE_READERS,
    'thread: hidden': MODS,
    'thread: hidden, moderated': MODS_HERE,
    'thread: private, not invited': MODS,
  },
  // Beyond public spaces a verified address; a safe space only for its community, after its rules.
  'space.view': {
    public: ALL,
    members: VERIFIED,
    'private, invited': VERIFIED,
    'private, not invited': MODS,
    safe: SAFE_READERS,
    'safe, rules not accepted': MODS,
    archived: VERIFIED,
    'moderated private': MODS_HERE,
  },
  'space.create': { '-': MODS },
  // Space moderators keep their spaces tidy; setting a space up is for platform moderators and admins.
  'space.edit': { members: MODS, moderated: MODS },
  'space.invite': { private: MODS, 'moderated private': MODS_HERE },
  'space.appointModerator': { members: MODS, moderated: MODS },
  'space.join': {
    public: VERIFIED,
    members: VERIFIED,
    'private, invited': VERIFIED,
    'private, not invited': MODS,
    safe: SAFE_READERS,
    archived: [],
  },
  // Whoever could read a safe space but for its rules is shown them (moderators read it anyway).
  'space.acceptRules': { 'safe, rules accepted': [], 'safe, rules not accepted': COMMUNITY, members: [] },
  'thread.view': {
    public: ALL,
    open: VERIFIED,
    locked: VERIFIED,
    safe: SAFE_READERS,
    hidden: MODS,
    'hidden, moderated': MODS_HERE,
    'private, not invited': MODS,
  },
  'thread.create': {
    public: VERIFIED,
    members: VERIFIED,
    'private, invited': VERIFIED,
    'private, not invited': MODS,
    safe: SAFE_READERS,
    archived: [],
    moderated: VERIFIED,
  },
  'thread.moderate': { open: MODS, moderated: MODS_HERE, 'moderated, hidden': MODS_HERE },
  // Moving needs moderation rights on both ends, and never into an archived space.
  'thread.move': {
    'between two moderated': MODS_HERE,
    'moderated → other': MODS,
    'other → moderated': MODS,
    'into archived': [],
  },
  'post.view': {
    public: ALL,
    visible: VERIFIED,
    safe: SAFE_READERS,
    pending: MODS,
    'pending, own': [...MODS, 'member'],
    hidden: MODS,
    'hidden, own': [...MODS, 'member'],
    // the tombstone ("deleted") stays in place so its replies keep their context
    'deleted (tombstone)': VERIFIED,
    'in hidden thread': MODS,
    'private, not invited': MODS,
    'moderated, hidden': MODS_HERE,
    'moderated, pending': MODS_HERE,
  },
  'post.reply': {
    public: VERIFIED,
    open: VERIFIED,
    safe: SAFE_READERS,
    locked: MODS,
    closed: MODS,
    hidden: MODS,
    'archived space': [],
    'private, not invited': MODS,
    'moderated, locked': MODS_HERE,
  },
  // Moderators edit with a reason (also a deleted post's text, to redact it); authors edit their own
  // live posts while the thread is open to them.
  'post.edit': {
    own: [...MODS, 'member'],
    "others'": MODS,
    'own, pending': [...MODS, 'member'],
    'own, hidden': MODS,
    'own, deleted': MODS,
    'own, locked thread': MODS,
    'own, closed thread': [...MODS, 'member'],
    'own, hidden thread': MODS,
    'own, archived space': MODS,
    "moderated, others'": MODS_HERE,
  },
  // A thread's title follows its opening post: the author while the thread is open to them, moderators always.
  'thread.editTitle': {
    own: [...MODS, 'member'],
    "others'": MODS,
    'own, locked': MODS,
    'own, closed': [...MODS, 'member'],
    'own, hidden': MODS,
    'own, archived space': MODS,
    'own, private, not invited': MODS,
    "moderated, others'": MODS_HERE,
    'moderated, locked': MODS_HERE,
  },
  // Bookmarks: whoever is signed in and may see the post (signed-out readers have no list to keep).
  'post.bookmark': {
    public: SIGNED_IN,
    visible: VERIFIED,
    safe: SAFE_READERS,
    pending: MODS,
    hidden: MODS,
    'in hidden thread': MODS,
    'private, not invited': MODS,
  },
  'post.delete': {
    own: [...MODS, 'member'],
    "others'": MODS,
    'own, hidden': [...MODS, 'member'],
    'own, deleted': [],
    deleted: [],
    "moderated, others'": MODS_HERE,
  },
  'post.react': {
    visible: VERIFIED,
    own: VERIFIED,
    public: VERIFIED,
    pending: [],
    hidden: [],
    deleted: [],
    'locked thread': [],
    'archived space': [],
    'private, not invited': MODS,
  },
  // Anyone who can read a live post may report it, except its author; what they cannot see (pending,
  // hidden, deleted) they cannot report.
  'post.report': {
    "others'": VERIFIED,
    own: but(VERIFIED, 'member'),
    public: VERIFIED,
    safe: SAFE_READERS,
    'locked thread': VERIFIED,
    pending: [],
    hidden: [],
    deleted: [],
    'in hidden thread': MODS,
    'private, not invited': MODS,
  },
  'post.moderate': { visible: MODS, moderated: MODS_HERE, 'moderated, pending': MODS_HERE },
  // Anonymous posts: the author is known to the space's moderators only.
  'post.viewAuthor': { visible: MODS, moderated: MODS_HERE },
  'moderation.queue': { '-': MODS_HERE },
  'moderation.viewLog': { 'other space': MODS, moderated: MODS_HERE },
  // Uploading images for posts: anyone who may write somewhere.
  'content.upload': { '-': VERIFIED },
  'user.warn': {
    'a member, other space': MODS,
    'a member, moderated': MODS_HERE,
    'a moderator, moderated': [],
    'an admin, moderated': [],
  },
}

describe('policy matrix', () => {
  it('covers every action', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ACTIONS].sort())
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort())
  })

  for (const action of ACTIONS) {
    for (const { label, target } of CASES[action] as { label: string; target: Targets[Action] }[]) {
      const allowed = new Set(EXPECTED[action][label])
      for (const name of Object.keys(ACTORS) as ActorName[]) {
        const expected = allowed.has(name)
        it(`${action} [${label}] ${name} → ${expected ? 'allow' : 'deny'}`, () => {
          expect(can(ACTORS[name] as Actor | null, action, target as never)).toBe(expected)
        })
      }
    }
  }

  it("never serves a safe space to a personal token, not even a moderator's", () => {
    const tokenModerator = { ...ACTORS.moderator, via: 'token' as const }
    for (const space of [S.safe, S.safeNotAccepted]) {
      expect(can(ACTORS.moderator, 'space.view', space)).toBe(true)
      expect(can(tokenModerator, 'space.view', space)).toBe(false)
      expect(can(tokenModerator, 'room.join', { kind: 'space', space })).toBe(false)
    }
    expect(can(tokenModerator, 'space.view', S.members)).toBe(true)
  })

  it('refuses a suspended admin everything an admin could do', () => {
    for (const action of ['admin.access', 'user.list', 'mail.outbox.view', 'org.create'] as const) {
      expect(can(ACTORS.suspendedAdmin, action, null)).toBe(false)
    }
  })
})
