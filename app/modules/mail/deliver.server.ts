import type { Transporter } from 'nodemailer'
import { db } from '~/lib/db.server'
import { env } from '~/lib/env.server'
import { singleton } from '~/lib/singleton.server'
import { Prisma } from '~/generated/prisma/client'
import { JOBS_SCHEMA, QUEUES } from '~/modules/jobs/queue.server'

/** Loaded on the first mail: a process that never sends one (no SMTP_URL, or no job worker) never holds it. */
async function transporter(): Promise<Transporter | null> {
  const url = env().SMTP_URL
  if (!url) return null
  const nodemailer = (await import('nodemailer')).default
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
  const smtp = await transporter()
  const outcome = await db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "OutboxMail" WHERE id = ${id} AND status IN ('PENDING','FAILED') FOR UPDATE SKIP LOCKED`
      if (!rows.length) return 'skipped' as const
      const mail = await tx.outboxMail.findUniqueOrThrow({ where: { id } })
      if (!smtp) {
        // No SMTP configured: admins read it under Admin → Outgoing mail.
        await tx.outboxMail.update({ where: { id }, data: { status: 'HELD', attempts: { increment: 1 } } })
        if (env().LOG_LEVEL !== 'silent') console.log(`[mail] held (no SMTP_URL) "${mail.subject}" → ${mail.to}\n${mail.text}\n`)
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
      await tx.outboxMail.update({
        where: { id },
        data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
      })
      return 'sent' as const
    },
    { timeout: 60_000, maxWait: 10_000 },
  )
  if (typeof outcome === 'object') throw outcome.error
  return outcome
}

/** How long a mail may wait without a job before the sweep gives it one. */
export const SWEEP_AFTER_SECONDS = 120

/**
 * Mails still PENDING a while after they were written and with no job queued, retrying or running for
 * them: their job was never written (pg-boss was unreachable) or ended without sending (the row was
 * busy). Mails waiting out a retry's backoff still have their job, so they are not picked.
 */
export async function mailsWithoutJob(olderThanSeconds = SWEEP_AFTER_SECONDS, limit = 500) {
  const queues = [QUEUES.mailSend, QUEUES.mailPriority]
  return db.$queryRaw<{ id: string; template: string }[]>`
    SELECT m.id, m.template FROM "OutboxMail" m
    WHERE m.status = 'PENDING' AND m."createdAt" < ${new Date(Date.now() - olderThanSeconds * 1000)}
      AND NOT EXISTS (
        SELECT 1 FROM ${Prisma.raw(`${JOBS_SCHEMA}.job`)} j
        WHERE j.name IN (${Prisma.join(queues)}) AND j.singleton_key = m.id AND j.state < 'completed')
    ORDER BY m."createdAt"
    LIMIT ${limit}`
}
