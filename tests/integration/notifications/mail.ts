import type { CaughtMail } from '../../support/smtp.ts'

/** mailparser folds List-* headers into one `list` object: the unsubscribe URL and the one-click marker. */
export function listHeaders(mail: CaughtMail): { unsubscribe?: string; post?: string } {
  const list = mail.headers.list ? (JSON.parse(mail.headers.list) as Record<string, { url?: string; name?: string }>) : {}
  return { unsubscribe: list.unsubscribe?.url, post: list['unsubscribe-post']?.name }
}
