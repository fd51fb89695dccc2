/**
 * Every mail is an outbox row before anything tries to send it (docs/decisions/005-jobs-and-mail.md):
 * a crash or SMTP outage delays a mail, never loses it. Each row gets one send job, keyed by its id.
 */
import { db, type Tx } from '~/lib/db.server'
import { DEFAULT_LOCALE, getT, isLocale, type Locale, type TFunction } from '~/lib/i18n'
import { enqueue, enqueueManyWithin, QUEUES } from '~/modules/jobs/queue.server'
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
export async function queueUserMail(
  tx: Tx,
  user: MailUser,
  template: string,
  compose: (t: TFunction, locale: Locale) => Omit<MailContent, 'greeting'>,
  options: { headers?: Record<string, string> } = {},
) {
  return queueMail(tx, userMail(user, template, compose, options))
}

/** One user's mail, in their language and greeting them by name, ready for `queueMail(s)`. */
export function userMail(
  user: MailUser,
  template: string,
  compose: (t: TFunction, locale: Locale) => Omit<MailContent, 'greeting'>,
  options: { headers?: Record<string, string> } = {},
): QueueMailInput {
  const locale = recipientLocale(user)
  const t = getT(locale)
  return {
    to: user.email,
    userId: user.id,
    locale,
    template,
    content: { greeting: t('mail.greeting', { name: user.name }), ...compose(t, locale) },
    headers: options.headers,
  }
}

/**
 * Account and security mail, and the answers to a person's own requests: someone is waiting for these
 * (a verification link, a reset), so they have their own queue and worker, never behind a burst of
 * notification mail.
 */
const PRIORITY_TEMPLATES = new Set([
  'auth.verify',
  'auth.signupExisting',
  'auth.passwordReset',
  'auth.passwordChanged',
  'admin.suspended',
  'admin.unsuspended',
  'orgs.membershipApproved',
  'orgs.membershipDeclined',
  'orgs.orgApproved',
  'orgs.orgRejected',
])

export const mailQueue = (template: string) => (PRIORITY_TEMPLATES.has(template) ? QUEUES.mailPriority : QUEUES.mailSend)

/** Prisma leaves `$connect` out of a transaction's client (it keeps `$transaction`, for nested ones). */
const isTransaction = (client: Tx) => typeof (client as { $connect?: unknown }).$connect !== 'function'

/**
 * Writes the mail and, inside a transaction, its send job too: both commit together or not at all, so
 * nothing needs dispatching afterwards. Given the root client (no transaction) it only writes the row;
 * call `dispatchMail` then, as `sendMail` does.
 */
export async function queueMail(tx: Tx, input: QueueMailInput) {
  const [mail] = await queueMails(tx, [input])
  return mail
}

/**
 * `queueMail` for many mails at once: one statement for the rows and one per queue for their jobs,
 * so a fan-out to thousands costs a few round trips, not thousands.
 */
export async function queueMails(tx: Tx, inputs: QueueMailInput[]) {
  const mails = await writeMails(tx, inputs)
  if (!isTransaction(tx)) return mails
  for (const queue of new Set(mails.map((m) => mailQueue(m.template)))) {
    const mine = mails.filter((m) => mailQueue(m.template) === queue)
    if (
      !(await enqueueManyWithin(
        tx,
        queue,
        mine.map((m) => ({ data: { id: m.id }, singletonKey: m.id })),
      ))
    )
      for (const m of mine) dispatchOnceCommitted(m.id)
  }
  return mails
}

/**
 * The job could not go in with the mail (pg-boss was still starting, once per process): dispatch it as
 * soon as the mail is committed, looking for it a few times over half a minute. A mail that never
 * appears was rolled back; one whose transaction outlasts this is left to the sweep.
 */
function dispatchOnceCommitted(id: string, attempt = 0) {
  const timer = setTimeout(
    async () => {
      try {
        if (await db.outboxMail.count({ where: { id } })) await dispatchMail(id)
        else if (attempt < 5) dispatchOnceCommitted(id, attempt + 1)
      } catch (e) {
        console.error(`[mail] could not dispatch ${id}; the sweep will: ${(e as Error).message}`)
      }
    },
    500 * 2 ** attempt,
  )
  timer.unref()
}

function writeMails(tx: Tx, inputs: QueueMailInput[]) {
  if (!inputs.length) return Promise.resolve([])
  return tx.outboxMail.createManyAndReturn({
    data: inputs.map((input) => {
      const rendered = renderMail(input.locale, input.content)
      return {
        to: input.to,
        userId: input.userId ?? null,
        locale: input.locale,
        template: input.template,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: input.headers ?? {},
      }
    }),
    select: { id: true, template: true },
  })
}

/**
 * Makes sure each mail still waiting has a send job: for a mail written without a transaction, one put
 * back in the queue (admin resend), or after commit to be safe. Mails already sent are left alone, and
 * the queue keeps one live job per mail id, so repeating this never adds a second job.
 */
export async function dispatchMail(...ids: string[]) {
  if (!ids.length) return
  const mails = await db.outboxMail.findMany({ where: { id: { in: ids }, status: 'PENDING' }, select: { id: true, template: true } })
  await Promise.all(mails.map((m) => enqueue(mailQueue(m.template), { id: m.id }, { singletonKey: m.id })))
}

/** Queue and dispatch in one step, for callers with nothing else to commit. */
export async function sendMail(input: QueueMailInput) {
  const { id } = await queueMail(db, input)
  await dispatchMail(id)
  return id
}
