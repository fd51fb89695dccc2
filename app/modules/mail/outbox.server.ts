/**
 * Every mail is an outbox row before anything tries to send it (docs/decisions/005-jobs.md): a crash
 * or SMTP outage delays a mail, never loses it.
 */
import { db, type Tx } from '~/lib/db.server'
import { DEFAULT_LOCALE, getT, isLocale, type Locale, type TFunction } from '~/lib/i18n'
import { enqueue, QUEUES } from '~/modules/jobs/queue.server'
import { renderMail, type MailContent } from './layout.server'

export interface QueueMailInput {
  to: string
  userId?: string | null
  locale: Locale
  /** a name for admins and tests, e.g. "auth.verify" */
  template: string
  content: MailContent
  /** extra headers sent with the mail, e.g. List-Unsubscribe */
  headers?: Record<string, string>
}

export interface MailUser {
  id: string
  email: string
  name: string
  locale: string | null
}

export const recipientLocale = (user: { locale: string | null }): Locale => (isLocale(user.locale) ? user.locale : DEFAULT_LOCALE)

/**
 * Queues a mail to a user in their own language, greeting them by name; `compose` writes the rest with
 * their translator. Inside the caller's transaction, like `queueMail`.
 */
export function queueUserMail(
  tx: Tx,
  user: MailUser,
  template: string,
  compose: (t: TFunction, locale: Locale) => Omit<MailContent, 'greeting'>,
  options: { headers?: Record<string, string> } = {},
) {
  const locale = recipientLocale(user)
  const t = getT(locale)
  return queueMail(tx, {
    to: user.email,
    userId: user.id,
    locale,
    template,
    content: { greeting: t('mail.greeting', { name: user.name }), ...compose(t, locale) },
    headers: options.headers,
  })
}

/** Writes the mail inside the caller's transaction; call `dispatchMail` after commit. */
export async function queueMail(tx: Tx, input: QueueMailInput) {
  const rendered = renderMail(input.locale, input.content)
  return tx.outboxMail.create({
    data: {
      to: input.to,
      userId: input.userId ?? null,
      locale: input.locale,
      template: input.template,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: input.headers ?? {},
    },
    select: { id: true },
  })
}

export async function dispatchMail(...ids: string[]) {
  await Promise.all(ids.map((id) => enqueue(QUEUES.mailSend, { id }, { singletonKey: id })))
}

/** Queue and dispatch in one step, for callers with nothing else to commit. */
export async function sendMail(input: QueueMailInput) {
  const { id } = await queueMail(db, input)
  await dispatchMail(id)
  return id
}

export const OUTBOX_PAGE = 50

export function listOutbox(page = 1) {
  return db.outboxMail.findMany({
    orderBy: { createdAt: 'desc' },
    skip: (page - 1) * OUTBOX_PAGE,
    take: OUTBOX_PAGE,
    select: { id: true, to: true, subject: true, template: true, locale: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
  })
}

export function getOutboxMail(id: string) {
  return db.outboxMail.findUnique({ where: { id } })
}
