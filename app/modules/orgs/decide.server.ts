/**
 * Platform admins approve or reject newly registered organizations (the admin area calls these).
 */
import { Prisma } from '~/generated/prisma/client'
import type { OrgStatus } from '~/generated/prisma/enums'
import { db } from '~/lib/db.server'
import { appUrl } from '~/lib/origin.server'
import { assertCan, type Actor } from '~/lib/policy'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { announce, notifyOf } from '~/modules/notifications/notifications.server'
import { writeAudit } from '~/modules/audit/write.server'
import { summariesInOrder, type OrgSummary } from './directory.server'
import { OrgError } from './errors'
import { queueOrgMail, recipientSelect } from './mails.server'
import { REASON_MAX } from './membership.server'
import { normalizeQuery, textMatch } from './search.server'
import { pageCount } from '~/lib/http.server'

export type OrgDecision = 'APPROVED' | 'REJECTED'

/**
 * Approves or rejects a PENDING organization: policy 'org.decide', status and decidedAt set, the
 * creator told in-app and by mail, the decision audit-logged. `baseUrl` (for the mail's link)
 * defaults to APP_URL; pass `appUrl()` from a route.
 */
export async function decideOrganization(
  actor: Actor,
  orgId: string,
  decision: OrgDecision,
  reason?: string,
  options: { baseUrl?: string } = {},
) {
  if (decision !== 'APPROVED' && decision !== 'REJECTED') throw new OrgError('validation.choice', 'decision')
  const why = reason?.trim().slice(0, REASON_MAX) || null
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: { id: true, slug: true, name: true, status: true, createdById: true },
  })
  if (!org) throw new OrgError('orgs.errors.notFound', '_form', 404)
  assertCan(actor, 'org.decide', org)
  const baseUrl = options.baseUrl ?? appUrl()
  const { mailId, notified } = await db.$transaction(async (tx) => {
    const decidedAt = new Date()
    // Only a still-pending organization can be decided: two admins clicking at once decide it once.
    const updated = await tx.organization.updateMany({ where: { id: org.id, status: 'PENDING' }, data: { status: decision, decidedAt } })
    if (updated.count === 0) throw new OrgError('orgs.decide.errors.alreadyDecided')
    await writeAudit(tx, {
      actorId: actor.id,
      action: decision === 'APPROVED' ? 'org.approve' : 'org.reject',
      targetType: 'organization',
      targetId: org.id,
      reason: why,
      data: { slug: org.slug, name: org.name },
    })
    const creator = org.createdById ? await tx.user.findUnique({ where: { id: org.createdById }, select: recipientSelect }) : null
    if (!creator) return { mailId: null, notified: [] }
    const ref = { orgId: org.id, orgSlug: org.slug, orgName: org.name }
    if (decision === 'APPROVED') await notifyOf(tx, creator.id, 'org.approved', ref)
    else await notifyOf(tx, creator.id, 'org.rejected', { ...ref, ...(why ? { reason: why } : {}) })
    const mailId = await queueOrgMail(tx, creator, {
      kind: decision === 'APPROVED' ? 'orgApproved' : 'orgRejected',
      vars: { org: org.name },
      url: `${baseUrl}/orgs/${org.slug}`,
      reason: why,
    })
    return { mailId, notified: [creator.id] }
  })
  if (mailId) await dispatchMail(mailId)
  announce(notified)
  return { id: org.id, slug: org.slug, status: decision }
}

export interface AdminOrgRow extends OrgSummary {
  status: OrgStatus
  createdAt: Date
  decidedAt: Date | null
  createdBy: { id: string; name: string; email: string } | null
  memberCount: number
}

/** Every organization whatever its status, newest first, for the admin list. */
export async function listOrganizationsForAdmin(params: { status?: OrgStatus; q?: string; page: number; pageSize: number }) {
  const pageSize = Math.min(Math.max(1, Math.floor(params.pageSize)), 100)
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`]
  if (params.status) conditions.push(Prisma.sql`o."status" = ${params.status}::"OrgStatus"`)
  const q = normalizeQuery(params.q)
  if (q) conditions.push(textMatch(q))
  const where = Prisma.join(conditions, ' AND ')
  const [{ total }] = await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Organization" o WHERE ${where}`
  const pages = pageCount(total, pageSize)
  const page = Math.min(Math.max(1, Math.floor(params.page) || 1), pages)
  const rows = total
    ? await db.$queryRaw<{ id: string }[]>`
        SELECT o."id" FROM "Organization" o WHERE ${where}
        ORDER BY o."createdAt" DESC, o."id" DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
    : []
  const ids = rows.map((r) => r.id)
  const [summaries, extra] = await Promise.all([
    summariesInOrder(ids),
    db.organization.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        createdBy: { select: { id: true, name: true, email: true } },
        _count: { select: { memberships: { where: { status: 'ACTIVE' } } } },
      },
    }),
  ])
  const byId = new Map(extra.map((e) => [e.id, e]))
  const items: AdminOrgRow[] = summaries.map((s) => {
    const e = byId.get(s.id)!
    return {
      ...s,
      status: e.status,
      createdAt: e.createdAt,
      decidedAt: e.decidedAt,
      createdBy: e.createdBy,
      memberCount: e._count.memberships,
    }
  })
  return { items, total, page, pages }
}
