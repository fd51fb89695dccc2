/**
 * Every code the audit log is written with, "<area>.<verb>". `writeAudit` takes only these, and a test
 * (actions.test.ts) fails when one has no label in both languages, so the admin log and the moderation
 * log never show a raw code (issue 10, item 8.5). Not a .server file: the pages label with it.
 */
import type { TFunction } from '~/lib/i18n'

export const AUDIT_ACTIONS = [
  'account.passwordChanged',
  'account.passwordReset',
  'mail.resend',
  'membership.approve',
  'membership.decline',
  'membership.changeRole',
  'membership.remove',
  'org.approve',
  'org.reject',
  'org.update',
  'post.hide',
  'post.restore',
  'post.approve',
  'post.reject',
  'post.edit',
  'post.delete',
  'report.dismiss',
  'space.create',
  'space.update',
  'space.archive',
  'space.unarchive',
  'space.appointModerator',
  'space.removeModerator',
  'space.inviteOrg',
  'space.invitePerson',
  'space.uninvite',
  'thread.lock',
  'thread.unlock',
  'thread.close',
  'thread.reopen',
  'thread.pin',
  'thread.unpin',
  'thread.hide',
  'thread.restore',
  'thread.move',
  'user.changeRole',
  'user.warn',
  'user.suspend',
  'user.unsuspend',
  'userFlag.raise',
  'userFlag.dismiss',
  'userFlag.resolve',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

const KNOWN = new Set<string>(AUDIT_ACTIONS)
export const isAuditAction = (code: string): code is AuditAction => KNOWN.has(code)

export const auditActionKey = (code: AuditAction) => `moderation.log.actions.${code}`

/** The label of a code; an entry written by an older version with a code since retired shows as written. */
export function auditActionLabel(t: TFunction, code: string) {
  return isAuditAction(code) ? t(auditActionKey(code)) : code
}
