/**
 * Reporting a post. One open report per person per post (a second report updates the first), rate
 * limited, and the answer never tells the reporter anything about the post they could not already see.
 */
import { db } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { toFieldErrors } from '~/lib/validation'
import type { FieldErrors } from '~/lib/validation'
import { refused } from '~/modules/admin/result.server'
import { nudgeOutbox, recordEvent, threadStream } from '~/modules/events/outbox.server'
import { hitAll, type Limit } from '~/modules/rate-limit/rate-limit.server'
import { postTargetById } from '~/modules/spaces/access.server'
import { reportSchema, type ReportInput } from './shared'

export const REPORT_LIMITS = {
  reportUserHour: { limit: 20, windowSeconds: 60 * 60 },
  reportUserDay: { limit: 60, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, Limit>

export type ReportResult =
  | { ok: true; updated: boolean }
  | { ok: false; errors: FieldErrors }
  | { ok: false; error: string; status: 403 | 404 | 409 | 429; vars?: Record<string, number> }

/** The post a report form is about, if `actor` may report it (null: the page is a 404 or 403). */
export async function reportablePost(actor: Actor, threadId: string, number: number) {
  const post = await db.post.findUnique({ where: { threadId_number: { threadId, number } }, select: { id: true } })
  const found = post ? await postTargetById(actor, post.id) : null
  if (!found || !can(actor, 'post.view', found.target)) return refused('moderation.errors.postNotFound', 404)
  if (!can(actor, 'post.report', found.target)) return refused('moderation.errors.cannotReport', 403)
  const mine = await db.report.findFirst({
    where: { postId: found.post.id, reporterId: actor.id, status: 'OPEN' },
    select: { reason: true, note: true },
  })
  return { ok: true as const, postId: found.post.id, number: found.post.number, threadId: found.post.threadId, mine }
}

export async function reportPost(actor: Actor, postId: string, raw: ReportInput): Promise<ReportResult> {
  const parsed = reportSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) }
  const found = await postTargetById(actor, postId)
  if (!found || !can(actor, 'post.view', found.target)) return refused('moderation.errors.postNotFound', 404)
  if (!can(actor, 'post.report', found.target)) return refused('moderation.errors.cannotReport', 403)
  const limit = await hitAll([
    [`report:h:${actor.id}`, REPORT_LIMITS.reportUserHour],
    [`report:d:${actor.id}`, REPORT_LIMITS.reportUserDay],
  ])
  if (!limit.allowed)
    return { ok: false, error: 'moderation.errors.rateLimited', status: 429, vars: { minutes: Math.ceil(limit.retryAfterSeconds / 60) } }

  const { reason, note } = parsed.data
  const updated = await db.$transaction(async (tx) => {
    // Two quick submits by one person must end as one open report: serialize them on (post, person).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report:${postId}:${actor.id}`}))`
    const open = await tx.report.findFirst({ where: { postId, reporterId: actor.id, status: 'OPEN' }, select: { id: true } })
    if (open) await tx.report.update({ where: { id: open.id }, data: { reason, note } })
    else {
      await tx.report.create({ data: { postId, reporterId: actor.id, reason, note } })
      // The moderators who may act on it are told (moderation/alerts.server.ts), by the outbox worker.
      const { threadId, thread } = found.post
      await recordEvent(tx, 'moderation.queued', threadStream(threadId), {
        postId,
        threadId,
        spaceId: thread.spaceId,
        cause: 'report',
        reporterId: actor.id,
      })
    }
    return !!open
  })
  if (!updated) nudgeOutbox()
  return { ok: true, updated }
}
