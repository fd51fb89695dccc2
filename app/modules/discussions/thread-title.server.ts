/**
 * A thread's title edited by its author or a moderator (`thread.editTitle`). The old title is kept as a
 * `ThreadTitleRevision` (the thread's title history); a moderator's edit of someone else's thread must
 * say why and goes into the moderation log. After commit the new title is pushed to the thread room
 * (`thread.changed` with `title`: pages change the heading in place) and the page cache lets go of the
 * thread and its space (server/page-cache.ts listens to the same event). Threads are addressed by id,
 * so no address changes; there is no search index yet to update.
 */
import { db } from '~/lib/db.server'
import { assertCan, can, type Actor } from '~/lib/policy'
import { optionalText, toFieldErrors, z } from '~/lib/validation'
import { writeAudit } from '~/modules/audit/write.server'
import { publish } from '~/modules/events/bus.server'
import { threadTargetById } from '~/modules/spaces/access.server'
import { DiscussionError, DiscussionInputError } from './errors'
import { REASON_MAX, threadSchema } from './form'

export const titleEditSchema = z.object({
  title: threadSchema.shape.title,
  reason: optionalText(REASON_MAX),
})
export type TitleEditInput = z.input<typeof titleEditSchema>

/** The thread, refused as "not found" when the actor may not read it (nothing about it leaks). */
export async function titleEditTarget(actor: Actor | null, threadId: string) {
  const found = await threadTargetById(actor, threadId)
  if (!found || !can(actor, 'thread.view', found.target)) throw new DiscussionError('discussions.errors.threadNotFound', '_form', 404)
  return found
}

export async function editThreadTitle(actor: Actor, threadId: string, raw: TitleEditInput) {
  const parsed = titleEditSchema.safeParse(raw)
  if (!parsed.success) throw new DiscussionInputError(toFieldErrors(parsed.error))
  const input = parsed.data
  const found = await titleEditTarget(actor, threadId)
  assertCan(actor, 'thread.editTitle', found.target)
  const byOther = found.thread.authorId !== actor.id
  if (byOther && !input.reason) throw new DiscussionError('discussions.errors.titleReasonRequired', 'reason')

  const changed = await db.$transaction(async (tx) => {
    const current = await tx.thread.findUniqueOrThrow({ where: { id: found.thread.id }, select: { title: true } })
    if (current.title === input.title) return null
    // Guarded by the title read: of two edits made from the same title, the second is refused rather
    // than silently overwriting the first.
    const updated = await tx.thread.updateMany({ where: { id: found.thread.id, title: current.title }, data: { title: input.title } })
    if (updated.count === 0) throw new DiscussionError('discussions.errors.titleConflict', 'title', 409)
    await tx.threadTitleRevision.create({ data: { threadId: found.thread.id, title: current.title, editorId: actor.id } })
    if (byOther)
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'thread.editTitle',
        targetType: 'thread',
        targetId: found.thread.id,
        reason: input.reason,
        spaceId: found.thread.spaceId,
        data: { from: current.title, to: input.title },
      })
    return { from: current.title }
  })
  if (changed) publish('thread.changed', { spaceId: found.thread.spaceId, threadId: found.thread.id, change: 'edited', title: input.title })
  return { threadId: found.thread.id, title: input.title, changed: !!changed }
}

/** The thread's earlier titles, newest first (for whoever may edit it: its author and moderators). */
export async function titleHistory(threadId: string) {
  const rows = await db.threadTitleRevision.findMany({
    where: { threadId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: { title: true, createdAt: true },
  })
  return rows.map((r) => ({ title: r.title, until: r.createdAt.toISOString() }))
}
