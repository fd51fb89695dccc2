/**
 * The authorization matrix: every action × every kind of actor, against the targets that matter.
 * A new action must be added to ACTIONS and to EXPECTED, or this test fails.
 */
import { describe, expect, it } from 'vitest'
import { ACTIONS, can, type Action, type Actor, type OrgTarget, type Targets } from './policy'

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
  orgMember: actor('u-orgmember', 'MEMBER', { memberships: [{ orgId: ORG, role: 'MEMBER', status: 'ACTIVE' }] }),
  orgAdmin: actor('u-orgadmin', 'MEMBER', { memberships: [{ orgId: ORG, role: 'ADMIN', status: 'ACTIVE' }] }),
  otherOrgAdmin: actor('u-otheradmin', 'MEMBER', { memberships: [{ orgId: OTHER_ORG, role: 'ADMIN', status: 'ACTIVE' }] }),
  pendingMember: actor('u-pending', 'MEMBER', { memberships: [{ orgId: ORG, role: 'MEMBER', status: 'PENDING' }] }),
  creator: actor('creator', 'MEMBER', { memberships: [{ orgId: ORG, role: 'ADMIN', status: 'ACTIVE' }] }),
  moderator: actor('u-mod', 'MODERATOR'),
  admin: actor('u-admin', 'ADMIN'),
  suspendedAdmin: actor('u-sadmin', 'ADMIN', { suspended: true }),
} as const
type ActorName = keyof typeof ACTORS

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
    { label: 'an admin', target: { id: 'u-y', role: 'ADMIN' } },
    { label: 'self (admin)', target: { id: 'u-admin', role: 'ADMIN' } },
  ],
  'user.changeRole': [
    { label: 'a member', target: { id: 'u-x', role: 'MEMBER' } },
    { label: 'self (admin)', target: { id: 'u-admin', role: 'ADMIN' } },
  ],
  'mail.outbox.view': [{ label: '-', target: null }],
  'mail.outbox.resend': [{ label: '-', target: null }],
  'audit.view': [{ label: '-', target: null }],
  'account.manage': [{ label: '-', target: null }],
  'room.join': [
    { label: 'public room', target: { kind: 'public', name: 'public:home' } },
    { label: "own user room (member)", target: { kind: 'user', userId: 'u-member' } },
    { label: "someone's user room", target: { kind: 'user', userId: 'u-x' } },
  ],
}

// Who is allowed, per action and case. Everyone not listed is refused.
const EXPECTED: { [A in Action]: Record<string, ActorName[]> } = {
  'org.view': {
    approved: Object.keys(ACTORS) as ActorName[],
    pending: ['creator', 'admin'],
  },
  'org.create': { '-': ['member', 'orgMember', 'orgAdmin', 'otherOrgAdmin', 'pendingMember', 'creator', 'moderator', 'admin'] },
  'org.edit': { approved: ['orgAdmin', 'creator', 'admin'] },
  'org.setType': { '-': ['admin'] },
  'org.viewMembers': {
    approved: ['unverified', 'member', 'orgMember', 'orgAdmin', 'otherOrgAdmin', 'pendingMember', 'creator', 'moderator', 'admin'],
    pending: ['creator', 'admin'],
  },
  'org.decide': { pending: ['admin'], approved: [] },
  'org.requestJoin': {
    approved: ['member', 'otherOrgAdmin', 'moderator', 'admin'],
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
  'user.suspend': { 'a member': ['admin'], 'an admin': [], 'self (admin)': [] },
  'user.changeRole': { 'a member': ['admin'], 'self (admin)': [] },
  'mail.outbox.view': { '-': ['admin'] },
  'mail.outbox.resend': { '-': ['admin'] },
  'audit.view': { '-': ['moderator', 'admin'] },
  'account.manage': { '-': ['unverified', 'member', 'orgMember', 'orgAdmin', 'otherOrgAdmin', 'pendingMember', 'creator', 'moderator', 'admin'] },
  'room.join': {
    'public room': Object.keys(ACTORS) as ActorName[],
    'own user room (member)': ['member'],
    "someone's user room": [],
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

  it('refuses a suspended admin everything an admin could do', () => {
    for (const action of ['admin.access', 'user.list', 'mail.outbox.view', 'org.create'] as const) {
      expect(can(ACTORS.suspendedAdmin, action, null)).toBe(false)
    }
  })
})
