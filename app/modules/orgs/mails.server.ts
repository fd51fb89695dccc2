/** The mails organizations send, in the recipient's language. */
import type { Tx } from '~/lib/db.server'
import { queueUserMail } from '~/modules/mail/outbox.server'

export const recipientSelect = { id: true, email: true, name: true, locale: true, notifyByEmail: true } as const

export interface Recipient {
  id: string
  email: string
  name: string
  locale: string | null
  notifyByEmail: boolean
}

export type OrgMailKind =
  'membershipRequested' | 'membershipApproved' | 'membershipDeclined' | 'orgSubmitted' | 'orgApproved' | 'orgRejected'

/**
 * Mails that answer the recipient's own request (their membership or organization was decided) are
 * always sent; mails about other people's requests honour the "notify me by e-mail" setting.
 */
const ANSWERS: ReadonlySet<OrgMailKind> = new Set(['membershipApproved', 'membershipDeclined', 'orgApproved', 'orgRejected'])

export interface OrgMailInput {
  kind: OrgMailKind
  /** placeholders of the mail's sentences: org, name, … */
  vars: Record<string, string>
  url: string
  message?: string | null
  reason?: string | null
}

/** Queues the mail inside the caller's transaction; returns its id for dispatch after commit, or null. */
export async function queueOrgMail(tx: Tx, to: Recipient, input: OrgMailInput): Promise<string | null> {
  if (!ANSWERS.has(input.kind) && !to.notifyByEmail) return null
  const key = `orgs.mail.${input.kind}`
  const { id } = await queueUserMail(tx, to, `orgs.${input.kind}`, (t) => {
    const paragraphs = [t(`${key}.body`, input.vars)]
    if (input.message) paragraphs.push(t('orgs.mail.theirMessage', { message: input.message }))
    if (input.reason) paragraphs.push(t('orgs.mail.reason', { reason: input.reason }))
    return {
      subject: t(`${key}.subject`, input.vars),
      paragraphs,
      action: { label: t(`${key}.action`), url: input.url },
      note: ANSWERS.has(input.kind) ? undefined : t('orgs.mail.settingsNote'),
    }
  })
  return id
}
