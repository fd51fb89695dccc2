/**
 * Joining, leaving and managing an organization's members. Every change that could leave an
 * organization without an admin runs with the organization's row locked, so two admins demoting each
 * other at the same moment cannot both succeed.
 */
import type { OrgRole } from '~/generated/prisma/enums'
import { db, type Tx } from '~/lib/db.server'
import { compareText, type Locale } from '~/lib/i18n'
import { assertCan, type Actor } from '~/lib/policy'
import { publish } from '~/modules/events/bus.server'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { announce, notifyOf } from '~/modules/notifications/notifications.server'
import { writeAudit } from '~/modules/audit/write.server'
import { OrgError } from './errors'
import { queueOrgMail, recipientSelect } from './mails.server'
import { orgAdmins, platformAdmins } from './recipients.server'
import { JOIN_MESSAGE_MAX, REASON_MAX } from './form'
import { avatarUrl } from '~/modules/people/initials'

export { JOIN_MESSAGE_MAX, REASON_MAX }

export interface Ctx {
  /** absolute origin for links in mails, e.g. https://birlikte.example */
  baseUrl: string
}

const orgSelect = { id: true, slug: true, name: true, status: true, createdById: true } as const

async function lockOrganization(tx: Tx, orgId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR UPDATE`
}

function activeAdminCount(tx: Tx, orgId: string) {
  return tx.membership.count({ where: { orgId, status: 'ACTIVE', role: 'ADMIN' } })
}

async function after(mailIds: (string | null)[], notified: string[], changed: { orgId: string; userId: string }[]) {
  await dispatchMail(...mailIds.filter((id): id is string => !!id))
  announce(notified)
  for (const c of changed) publish('membership.changed', c)
}

async function loadMembership(membershipId: string, orgId?: string) {
  const m = await db.membership.findUnique({
    where: { id: membershipId },
    select: { id: true, userId: true, orgId: true, role: true, status: true, org: { select: orgSelect } },
  })
  if (!m || (orgId && m.orgId !== orgId)) throw new OrgError('orgs.members.errors.notFound', '_form', 404)
  return m
}

const ref = (org: { id: string; slug: string; name: string }) => ({ orgId: org.id, orgSlug: org.slug, orgName: org.name })

/**
 * A request to join was decided (by any admin) or withdrawn: the "wants to join" notifications it gave
 * every admin are settled (read), so no one is left with a "new" item there is nothing left to do about.
 * Looked up through the people who could have received one (the org's admins, the platform's), whose
 * unread notifications an index finds. Returns whose bell to update.
 */
async function settleJoinRequest(tx: Tx, orgId: string, userId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    UPDATE "Notification" SET "readAt" = now()
     WHERE "kind" = 'membership.requested' AND "readAt" IS NULL
       AND "userId" IN (SELECT "userId" FROM "Membership" WHERE "orgId" = ${orgId} AND "role" = 'ADMIN'
                        UNION SELECT "id" FROM "User" WHERE "role" = 'ADMIN')
       AND "data"->>'orgId' = ${orgId} AND "data"->>'userId' = ${userId}
    RETURNING "userId"`
  return rows.map((r) => r.userId)
}

/** A verified user asks to join an approved organization; its admins (or, lacking any, the platform's) hear of it. */
export async function requestToJoin(actor: Actor, orgId: string, input: { message?: string | null }, ctx: Ctx) {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: orgSelect })
  if (!org) throw new OrgError('orgs.errors.notFound', '_form', 404)
  assertCan(actor, 'org.requestJoin', org)
  // Routes validate the length with a message; this only keeps other callers within bounds.
  const message = input.message?.trim().slice(0, JOIN_MESSAGE_MAX) || null
  const { mailIds, notified, membershipId } = await db.$transaction(async (tx) => {
    await lockOrganization(tx, org.id)
    const existing = await tx.membership.findUnique({
      where: { userId_orgId: { userId: actor.id, orgId } },
      select: { id: true, status: true },
    })
    if (existing && existing.status !== 'DECLINED') throw new OrgError('orgs.join.errors.alreadyRequested')
    const data = { role: 'MEMBER' as const, status: 'PENDING' as const, message, decidedById: null, decidedAt: null, createdAt: new Date() }
    const membership = existing
      ? await tx.membership.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.membership.create({ data: { ...data, userId: actor.id, orgId }, select: { id: true } })
    const requester = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } })
    const admins = await orgAdmins(tx, orgId)
    const deciders = (admins.length ? admins : await platformAdmins(tx)).filter((a) => a.id !== actor.id)
    const mailIds: (string | null)[] = []
    for (const admin of deciders) {
      await notifyOf(tx, admin.id, 'membership.requested', { ...ref(org), userId: actor.id, userName: requester.name })
      mailIds.push(
        await queueOrgMail(tx, admin, {
          kind: 'membershipRequested',
          vars: { org: org.name, name: requester.name },
          url: `${ctx.baseUrl}/orgs/${org.slug}/members`,
          message,
        }),
      )
    }
    return { mailIds, notified: deciders.map((a) => a.id), membershipId: membership.id }
  })
  await after(mailIds, notified, [{ orgId, userId: actor.id }])
  return { membershipId }
}

/** Leaving (or withdrawing a pending request); the last admin has to hand over first. */
export async function leaveOrganization(actor: Actor, orgId: string) {
  const settled = await db.$transaction(async (tx) => {
    await lockOrganization(tx, orgId)
    const m = await tx.membership.findUnique({
      where: { userId_orgId: { userId: actor.id, orgId } },
      select: { id: true, role: true, status: true, org: { select: orgSelect } },
    })
    if (!m || m.status === 'DECLINED') throw new OrgError('orgs.leave.errors.notMember')
    assertCan(actor, 'org.removeMember', { org: m.org, userId: actor.id, role: m.role })
    if (m.status === 'ACTIVE' && m.role === 'ADMIN' && (await activeAdminCount(tx, orgId)) <= 1)
      throw new OrgError('orgs.leave.errors.lastAdmin')
    await tx.membership.delete({ where: { id: m.id } })
    return m.status === 'PENDING' ? settleJoinRequest(tx, orgId, actor.id) : []
  })
  await after([], settled, [{ orgId, userId: actor.id }])
}

export interface MemberRow {
  id: string
  userId: string
  name: string
  email: string
  role: OrgRole
  since: Date
}
export interface PendingRow {
  id: string
  userId: string
  name: string
  email: string
  message: string | null
  requestedAt: Date
}

/** For the members page: who asks to join (oldest first) and who is in (by name). */
export async function listMembers(orgId: string, locale: Locale): Promise<{ pending: PendingRow[]; members: MemberRow[] }> {
  const rows = await db.membership.findMany({
    where: { orgId, status: { in: ['PENDING', 'ACTIVE'] } },
    select: {
      id: true,
      role: true,
      status: true,
      message: true,
      createdAt: true,
      decidedAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: { createdAt: 'asc' },
  })
  const compare = compareText(locale)
  return {
    pending: rows
      .filter((r) => r.status === 'PENDING')
      .map((r) => ({ id: r.id, userId: r.user.id, name: r.user.name, email: r.user.email, message: r.message, requestedAt: r.createdAt })),
    members: rows
      .filter((r) => r.status === 'ACTIVE')
      .map((r) => ({
        id: r.id,
        userId: r.user.id,
        name: r.user.name,
        email: r.user.email,
        role: r.role,
        since: r.decidedAt ?? r.createdAt,
      }))
      .sort((a, b) => (a.role === b.role ? compare(a.name, b.name) : a.role === 'ADMIN' ? -1 : 1)),
  }
}

/** Active members' names, for signed-in visitors of the profile. */
export async function memberNames(orgId: string, locale: Locale) {
  const rows = await db.membership.findMany({
    where: { orgId, status: 'ACTIVE' },
    select: { role: true, user: { select: { id: true, name: true, handle: true, avatarPath: true, profileVisibility: true } } },
  })
  const compare = compareText(locale)
  return rows
    .map((r) => ({
      id: r.user.id,
      name: r.user.name,
      role: r.role,
      // what the profile link and avatar need (components/people/PersonLink.tsx)
      handle: r.user.handle,
      avatarUrl: r.user.handle ? avatarUrl(r.user.handle, r.user.avatarPath) : null,
      profilePublic: r.user.profileVisibility === 'PUBLIC',
    }))
    .sort((a, b) => (a.role === b.role ? compare(a.name, b.name) : a.role === 'ADMIN' ? -1 : 1))
}

export function pendingRequestCount(orgId: string) {
  return db.membership.count({ where: { orgId, status: 'PENDING' } })
}

export async function decideMembership(
  actor: Actor,
  membershipId: string,
  decision: 'approve' | 'decline',
  reason: string | null | undefined,
  ctx: Ctx & { orgId?: string },
) {
  const m = await loadMembership(membershipId, ctx.orgId)
  assertCan(actor, 'org.manageMembers', m.org)
  const approve = decision === 'approve'
  const why = approve ? null : reason?.trim().slice(0, REASON_MAX) || null
  const { mailId, settled } = await db.$transaction(async (tx) => {
    await lockOrganization(tx, m.orgId)
    const decided = await tx.membership.updateMany({
      where: { id: m.id, status: 'PENDING' },
      data: { status: approve ? 'ACTIVE' : 'DECLINED', decidedById: actor.id, decidedAt: new Date() },
    })
    if (decided.count === 0) throw new OrgError('orgs.members.errors.alreadyDecided')
    const user = await tx.user.findUniqueOrThrow({ where: { id: m.userId }, select: recipientSelect })
    if (approve) await notifyOf(tx, user.id, 'membership.approved', ref(m.org))
    else await notifyOf(tx, user.id, 'membership.declined', { ...ref(m.org), ...(why ? { reason: why } : {}) })
    await writeAudit(tx, {
      actorId: actor.id,
      action: approve ? 'membership.approve' : 'membership.decline',
      targetType: 'membership',
      targetId: m.id,
      reason: why,
      data: { orgId: m.orgId, userId: m.userId },
    })
    const mailId = await queueOrgMail(tx, user, {
      kind: approve ? 'membershipApproved' : 'membershipDeclined',
      vars: { org: m.org.name },
      url: `${ctx.baseUrl}/orgs/${m.org.slug}`,
      reason: why,
    })
    return { mailId, settled: await settleJoinRequest(tx, m.orgId, m.userId) }
  })
  await after([mailId], [m.userId, ...settled], [{ orgId: m.orgId, userId: m.userId }])
}

export async function changeMemberRole(actor: Actor, membershipId: string, role: OrgRole, ctx: Ctx & { orgId?: string }) {
  const m = await loadMembership(membershipId, ctx.orgId)
  assertCan(actor, 'org.changeMemberRole', { org: m.org, userId: m.userId, role: m.role })
  if (m.status !== 'ACTIVE') throw new OrgError('orgs.members.errors.notActive')
  const changed = await db.$transaction(async (tx) => {
    await lockOrganization(tx, m.orgId)
    const current = await tx.membership.findUnique({ where: { id: m.id }, select: { role: true, status: true } })
    if (!current || current.status !== 'ACTIVE') throw new OrgError('orgs.members.errors.notActive')
    if (current.role === role) return false
    if (current.role === 'ADMIN' && (await activeAdminCount(tx, m.orgId)) <= 1) throw new OrgError('orgs.members.errors.lastAdminDemote')
    await tx.membership.update({ where: { id: m.id }, data: { role } })
    if (m.userId !== actor.id) await notifyOf(tx, m.userId, 'membership.roleChanged', { ...ref(m.org), role })
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'membership.changeRole',
      targetType: 'membership',
      targetId: m.id,
      data: { orgId: m.orgId, userId: m.userId, from: current.role, to: role },
    })
    return true
  })
  if (changed) await after([], [m.userId], [{ orgId: m.orgId, userId: m.userId }])
  return { changed, userId: m.userId }
}

export async function removeMember(actor: Actor, membershipId: string, reason: string | null | undefined, ctx: Ctx & { orgId?: string }) {
  const m = await loadMembership(membershipId, ctx.orgId)
  assertCan(actor, 'org.removeMember', { org: m.org, userId: m.userId, role: m.role })
  const why = reason?.trim().slice(0, REASON_MAX) || null
  await db.$transaction(async (tx) => {
    await lockOrganization(tx, m.orgId)
    const current = await tx.membership.findUnique({ where: { id: m.id }, select: { role: true, status: true } })
    if (!current || current.status !== 'ACTIVE') throw new OrgError('orgs.members.errors.notActive')
    if (current.role === 'ADMIN' && (await activeAdminCount(tx, m.orgId)) <= 1) throw new OrgError('orgs.members.errors.lastAdminRemove')
    await tx.membership.delete({ where: { id: m.id } })
    if (m.userId !== actor.id) await notifyOf(tx, m.userId, 'membership.removed', { ...ref(m.org), ...(why ? { reason: why } : {}) })
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'membership.remove',
      targetType: 'membership',
      targetId: m.id,
      reason: why,
      data: { orgId: m.orgId, userId: m.userId, role: current.role },
    })
  })
  await after([], [m.userId], [{ orgId: m.orgId, userId: m.userId }])
  return { userId: m.userId }
}
