import nodemailer, { type Transporter } from 'nodemailer'
import { db } from '~/lib/db.server'
import { env } from '~/lib/env.server'
import { singleton } from '~/lib/singleton.server'

function transporter(): Transporter | null {
  const url = env().SMTP_URL
  if (!url) return null
  return singleton(`smtp:${url}`, () => nodemailer.createTransport(url))
}

/** The mail's own headers (List-Unsubscribe…), string values only, whatever the JSON column holds. */
function extraHeaders(stored: unknown): Record<string, string> {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {}
  return Object.fromEntries(Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

export type DeliveryResult = 'sent' | 'held' | 'skipped'

/**
 * Sends one outbox mail. Safe to run twice: a row already SENT or HELD is skipped, and the row is
 * locked while it is sent so two workers cannot both send it. Throws on SMTP failure so the job retries.
 */
export async function deliverMail(id: string, { finalAttempt = false } = {}): Promise<DeliveryResult> {
  const smtp = transporter()
  const outcome = await db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "OutboxMail" WHERE id = ${id} AND status IN ('PENDING','FAILED') FOR UPDATE SKIP LOCKED`
      if (!rows.length) return 'skipped' as const
      const mail = await tx.outboxMail.findUniqueOrThrow({ where: { id } })
      if (!smtp) {
        // No SMTP configured: admins read it under Admin → Outgoing mail.
        await tx.outboxMail.update({ where: { id }, data: { status: 'HELD', attempts: { increment: 1 } } })
        if (env().LOG_LEVEL !== 'silent')
          console.log(`[mail] held (no SMTP_URL) "${mail.subject}" → ${mail.to}\n${mail.text}\n`)
        return 'held' as const
      }
      try {
        await smtp.sendMail({
          from: env().MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { ...extraHeaders(mail.headers), 'X-Birlikte-Mail-Id': mail.id, 'Auto-Submitted': 'auto-generated' },
        })
      } catch (e) {
        await tx.outboxMail.update({
          where: { id },
          data: { status: finalAttempt ? 'FAILED' : 'PENDING', attempts: { increment: 1 }, lastError: (e as Error).message.slice(0, 500) },
        })
        // Record the failure (committed), then let the job fail so pg-boss retries with backoff.
        return finalAttempt ? ('skipped' as const) : { error: e as Error }
      }
      await tx.outboxMail.update({ where: { id }, data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 }, lastError: null } })
      return 'sent' as const
    },
    { timeout: 60_000, maxWait: 10_000 },
  )
  if (typeof outcome === 'object') throw outcome.error
  return outcome
}

/** Mails still PENDING a minute after they were written: their job was lost (crash before enqueue). */
export async function pendingMailIds(olderThanSeconds = 60) {
  const rows = await db.outboxMail.findMany({
    where: { status: 'PENDING', createdAt: { lt: new Date(Date.now() - olderThanSeconds * 1000) } },
    select: { id: true },
    take: 500,
  })
  return rows.map((r) => r.id)
}
