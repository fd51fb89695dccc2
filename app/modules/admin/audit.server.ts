/** Reading the audit log (written through ~/modules/audit/write.server). */
import { db, type Prisma } from '~/lib/db.server'
import { pageCount } from '~/lib/http.server'

export const AUDIT_PAGE_SIZE = 50

const entrySelect = {
  id: true,
  action: true,
  targetType: true,
  targetId: true,
  reason: true,
  data: true,
  createdAt: true,
  actor: { select: { id: true, name: true } },
} as const

export interface AuditFilter {
  action?: string
  targetType?: string
  /** one target's history (linked from its page) */
  targetId?: string
  page: number
}

export async function listAuditLog({ action, targetType, targetId, page }: AuditFilter) {
  const where: Prisma.AuditLogWhereInput = {
    ...(action ? { action } : {}),
    // Areas spell target types differently ("user", "User"); the filter treats them as one.
    ...(targetType ? { targetType: { equals: targetType, mode: 'insensitive' as const } } : {}),
    ...(targetId ? { targetId } : {}),
  }
  const [total, items] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: entrySelect,
    }),
  ])
  return { items, total, page, pages: pageCount(total, AUDIT_PAGE_SIZE) }
}

/** The actions and target types that occur, for the filter menus (other areas add their own actions). */
export async function auditFacets() {
  const [actions, targetTypes] = await Promise.all([
    db.auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
    db.auditLog.findMany({ distinct: ['targetType'], select: { targetType: true }, orderBy: { targetType: 'asc' } }),
  ])
  const types = [...new Set(targetTypes.map((t) => t.targetType.toLowerCase()))]
  return { actions: actions.map((a) => a.action), targetTypes: types }
}

export function auditForTarget(targetType: string, targetId: string, take = 20) {
  return db.auditLog.findMany({
    where: { targetType: { equals: targetType, mode: 'insensitive' }, targetId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: entrySelect,
  })
}
