/**
 * The account and security mails. They go out whatever the user's notification setting says: they are
 * about the account itself, not about activity on the platform.
 */
import type { Tx } from '~/lib/db.server'
import { queueUserMail, type MailUser as MailRecipient } from '~/modules/mail/outbox.server'

function link(baseUrl: string, path: string, params: Record<string, string> = {}) {
  const url = new URL(path, `${baseUrl}/`)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url.toString()
}

export function queueVerificationMail(tx: Tx, user: MailRecipient, token: string, baseUrl: string) {
  return queueUserMail(tx, user, 'auth.verify', (t) => ({
    subject: t('auth.mail.verify.subject'),
    paragraphs: [t('auth.mail.verify.body')],
    action: { label: t('auth.mail.verify.action'), url: link(baseUrl, '/verify-email', { token }) },
    note: t('auth.mail.verify.note'),
  }))
}

/** Sent instead of a verification mail when someone signs up with an address that has an account. */
export function queueExistingAccountMail(tx: Tx, user: MailRecipient, baseUrl: string) {
  return queueUserMail(tx, user, 'auth.signupExisting', (t) => ({
    subject: t('auth.mail.existing.subject'),
    paragraphs: [t('auth.mail.existing.body'), t('auth.mail.existing.ignore')],
    action: { label: t('auth.mail.existing.action'), url: link(baseUrl, '/login') },
    note: t('auth.mail.existing.reset', { url: link(baseUrl, '/forgot-password') }),
  }))
}

export function queuePasswordResetMail(tx: Tx, user: MailRecipient, token: string, baseUrl: string) {
  return queueUserMail(tx, user, 'auth.passwordReset', (t) => ({
    subject: t('auth.mail.reset.subject'),
    paragraphs: [t('auth.mail.reset.body')],
    action: { label: t('auth.mail.reset.action'), url: link(baseUrl, '/reset-password', { token }) },
    note: t('auth.mail.reset.note'),
  }))
}

export function queuePasswordChangedMail(tx: Tx, user: MailRecipient, baseUrl: string, how: 'reset' | 'changed') {
  return queueUserMail(tx, user, 'auth.passwordChanged', (t) => ({
    subject: t('auth.mail.changed.subject'),
    paragraphs: [t(how === 'reset' ? 'auth.mail.changed.bodyReset' : 'auth.mail.changed.bodyChanged'), t('auth.mail.changed.notYou')],
    action: { label: t('auth.mail.changed.action'), url: link(baseUrl, '/forgot-password') },
  }))
}
