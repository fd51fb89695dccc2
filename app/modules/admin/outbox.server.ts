/** Outgoing mail as admins see it: every outbox row, and sending a held or failed one again. */
import { MAIL_STATUSES } from './labels'
import type { MailStatus } from '~/generated/prisma/enums'
import { db, type Prisma } from '~/lib/db.server'
import { env } from '~/lib/env.server'
import { can, type Actor } from '~/lib/policy'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { writeAudit } from '~/modules/audit/write.server'
import { pageCount } from '~/lib/http.server'
import { refused, type Decision } from './result.server'

export { MAIL_STATUSES }
export const RESENDABLE: readonly MailStatus[] = ['FAILED', 'HELD']
export const MAIL_PAGE_SIZE = 50

/** Without SMTP_URL nothing is sent: mails are HELD and read on the outgoing-mail pages. */
export const smtpConfigured = () => !!env().SMTP_URL

export async function listOutboxMail({ status, page }: { status?: MailStatus; page: number }) {
  const where: Prisma.OutboxMailWhereInput = status ? { status } : {}
  const [total, items] = await Promise.all([
    db.outboxMail.count({ where }),
    db.outboxMail.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * MAIL_PAGE_SIZE,
      take: MAIL_PAGE_SIZE,
      select: {
        id: true,
        to: true,
        subject: true,
        template: true,
        locale: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
      },
    }),
  ])
  return { items, total, page, pages: pageCount(total, MAIL_PAGE_SIZE) }
}

export function getOutboxMailForAdmin(id: string) {
  return db.outboxMail.findUnique({ where: { id }, include: { user: { select: { id: true, name: true } } } })
}

/**
 * Puts a HELD or FAILED mail back in the queue. The status guard in the update makes a double click (or
 * two admins at once) queue it only once.
 */
export async function resendMail(actor: Actor, id: string): Promise<Decision> {
  if (!can(actor, 'mail.outbox.resend', null)) return refused('admin.errors.forbidden', 403)
  const mail = await db.outboxMail.findUnique({ where: { id }, select: { id: true, status: true, to: true } })
  if (!mail) return refused('admin.errors.mailNotFound', 404)
  if (!RESENDABLE.includes(mail.status)) return refused('admin.mail.resend.errors.notResendable', 409)
  const queued = await db.$transaction(async (tx) => {
    const { count } = await tx.outboxMail.updateMany({
      where: { id, status: { in: [...RESENDABLE] } },
      data: { status: 'PENDING', lastError: null },
    })
    if (count === 0) return false
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'mail.resend',
      targetType: 'mail',
      targetId: id,
      data: { previousStatus: mail.status, to: mail.to },
    })
    return true
  })
  if (!queued) return refused('admin.mail.resend.errors.notResendable', 409)
  await dispatchMail(id)
  return { ok: true }
}
