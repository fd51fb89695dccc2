/**
 * Every authorization rule of birlikte, in one place (docs/decisions/006-policy.md). Routes, the API and
 * socket room joins all ask `can(actor, action, target)`; policy.test.ts checks it as a role × action
 * matrix. Pure: no database access, so the caller loads the actor and the target first.
 */

export type PlatformRole = 'MEMBER' | 'MODERATOR' | 'ADMIN'
export type OrgRole = 'MEMBER' | 'ADMIN'

export interface Actor {
  id: string
  role: PlatformRole
  verified: boolean
  suspended: boolean
  memberships: { orgId: string; role: OrgRole; status: 'PENDING' | 'ACTIVE' | 'DECLINED' }[]
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
export interface MembershipTarget {
  org: OrgTarget
  userId: string
  role: OrgRole
}
export type RoomTarget = { kind: 'user'; userId: string } | { kind: 'public'; name: string }

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
  'room.join': RoomTarget
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
  'room.join',
] as const satisfies readonly Action[]

const isAdmin = (a: Actor | null) => !!a && !a.suspended && a.role === 'ADMIN'
const active = (a: Actor | null): a is Actor => !!a && !a.suspended
const canAct = (a: Actor | null): a is Actor => active(a) && a.verified

function orgRole(a: Actor, orgId: string): OrgRole | null {
  const m = a.memberships.find((x) => x.orgId === orgId && x.status === 'ACTIVE')
  return m ? m.role : null
}
export const isOrgAdmin = (a: Actor | null, orgId: string) => active(a) && orgRole(a, orgId) === 'ADMIN'

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
  'user.suspend': (a, u) => isAdmin(a) && a!.id !== u.id && u.role !== 'ADMIN',
  'user.changeRole': (a, u) => isAdmin(a) && a!.id !== u.id,
  'mail.outbox.view': (a) => isAdmin(a),
  'mail.outbox.resend': (a) => isAdmin(a),
  'audit.view': (a) => isAdmin(a) || (active(a) && a.role === 'MODERATOR'),
  'account.manage': (a) => active(a),
  'room.join': (a, room) => (room.kind === 'public' ? true : active(a) && a.id === room.userId),
}

export function can<A extends Action>(actor: Actor | null, action: A, target: Targets[A]): boolean {
  return (rules[action] as Rule<A>)(actor, target)
}

export class ForbiddenError extends Error {
  status = 403
  constructor(public action: Action) {
    super(`forbidden: ${action}`)
  }
}

/** Throws a typed 403 that routes render as a translated page and the API as an error object. */
export function assertCan<A extends Action>(actor: Actor | null, action: A, target: Targets[A]) {
  if (!can(actor, action, target)) throw new ForbiddenError(action)
}
