/**
 * Who may be mailed about what happens on the platform (replies, mentions, moderators' alerts): the
 * fields a mail to a person needs, and the rule every such mail follows.
 */
import { isSuspended } from '~/modules/auth/suspension'

/** What a mail to a person needs (add the field of the setting that chose it). */
export const MAIL_RECIPIENT_SELECT = {
  id: true,
  email: true,
  name: true,
  locale: true,
  emailVerifiedAt: true,
  suspendedUntil: true,
  notifyByEmail: true,
} as const

/** May we mail this person at all? Unverified and suspended people get nothing, nor those who opted out. */
export const mailable = (u: { emailVerifiedAt: Date | null; suspendedUntil: Date | null; notifyByEmail: boolean }) =>
  !!u.emailVerifiedAt && !isSuspended(u.suspendedUntil) && u.notifyByEmail
