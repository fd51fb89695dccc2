import type { Prisma } from '~/generated/prisma/client'
import type { Tx } from '~/lib/db.server'

export interface AuditEntry {
  actorId: string
  action: string
  targetType: 'Organization' | 'Membership'
  targetId: string
  reason?: string | null
  data?: Prisma.InputJsonValue
}

/** Decisions about organizations and their members, for the admins' audit log. */
export function audit(tx: Tx, entry: AuditEntry) {
  return tx.auditLog.create({ data: { ...entry, reason: entry.reason ?? null, data: entry.data ?? {} } })
}
