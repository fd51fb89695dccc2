/**
 * The audit log: every decision an admin, moderator, org admin or account holder takes on something that
 * matters is written in the same transaction as the decision, so the log can never claim something that
 * did not happen (or miss something that did).
 */
import type { Prisma, Tx } from '~/lib/db.server'
import type { AuditAction } from './codes'

export const AUDIT_TARGETS = ['user', 'organization', 'membership', 'mail', 'space', 'thread', 'post', 'report'] as const
export type AuditTarget = (typeof AUDIT_TARGETS)[number]

export interface AuditEntry {
  actorId: string | null
  /** "<area>.<verb>", e.g. "user.suspend", "membership.approve": one of the labelled codes */
  action: AuditAction
  targetType: AuditTarget
  targetId: string
  reason?: string | null
  data?: Prisma.InputJsonValue
  /** for discussion decisions: the space concerned, so its moderators can read their part of the log */
  spaceId?: string | null
}

export function writeAudit(tx: Tx, entry: AuditEntry) {
  return tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason ?? null,
      data: entry.data ?? {},
      spaceId: entry.spaceId ?? null,
    },
    select: { id: true },
  })
}
