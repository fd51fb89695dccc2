/**
 * Every code the audit log is written with, "<area>.<verb>". `writeAudit` takes only these, and a test
 * (actions.test.ts) fails when one has no label in both languages, so the admin log and the moderation
 * log never show a raw code (issue 10, item 8.5). Not a .server file: the pages label with it.
 */
import type { TFunction } from '~/lib/i18n'
import { AUDIT_ACTIONS, type AuditAction } from './codes'

export { AUDIT_ACTIONS, type AuditAction }
const KNOWN = new Set<string>(AUDIT_ACTIONS)
export const isAuditAction = (code: string): code is AuditAction => KNOWN.has(code)

export const auditActionKey = (code: AuditAction) => `moderation.log.actions.${code}`

/** The label of a code; an entry written by an older version with a code since retired shows as written. */
export function auditActionLabel(t: TFunction, code: string) {
  return isAuditAction(code) ? t(auditActionKey(code)) : code
}
