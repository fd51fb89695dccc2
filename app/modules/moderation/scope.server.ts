/**
 * Which spaces a moderator's queue and log cover, and what a notification about a thread names. A
 * platform moderator (or admin) moderates every space; a space moderator only their own.
 */
import { type Tx } from '~/lib/db.server'
import { can, moderatesSpace, type Actor } from '~/lib/policy'
import type { ThreadRef } from '~/modules/notifications/kinds'

/** 'all', the ids of the spaces this person moderates, or null when they moderate nothing. */
export type Scope = 'all' | string[] | null

// No real space has an empty id: whoever "moderates" it moderates every space.
const EVERY_SPACE = { id: '' }

export function moderationScope(actor: Actor | null): Scope {
  if (!can(actor, 'moderation.queue', null)) return null
  if (moderatesSpace(actor, EVERY_SPACE)) return 'all'
  return actor?.moderates ?? []
}

export async function threadRef(tx: Tx, threadId: string): Promise<ThreadRef> {
  const t = await tx.thread.findUniqueOrThrow({
    where: { id: threadId },
    select: { id: true, title: true, space: { select: { slug: true, nameTr: true, nameEn: true, safeSpace: true } } },
  })
  // Safe spaces: a notification names no title (docs/decisions/012-safe-spaces.md).
  return {
    threadId: t.id,
    threadTitle: t.space.safeSpace ? '' : t.title,
    spaceSlug: t.space.slug,
    spaceNameTr: t.space.nameTr,
    spaceNameEn: t.space.nameEn,
    safe: t.space.safeSpace,
  }
}
