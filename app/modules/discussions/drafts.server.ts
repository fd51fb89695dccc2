/**
 * Text being written, saved as the person types so a reload or a crashed browser loses nothing. One draft
 * per person and composer key; a successful post removes its draft in the posting transaction.
 */
import { db } from '~/lib/db.server'
import { TITLE_MAX, DRAFT_BODY_MAX, DRAFT_KEY } from './form'
import { DiscussionError } from './errors'

export interface DraftText {
  title: string
  body: string
}

export const isDraftKey = (key: unknown): key is string => typeof key === 'string' && DRAFT_KEY.test(key)

export async function getDraft(userId: string | null | undefined, key: string): Promise<DraftText | null> {
  if (!userId || !isDraftKey(key)) return null
  return db.draft.findUnique({ where: { userId_key: { userId, key } }, select: { title: true, body: true } })
}

/** Saves (or, when both fields are empty, removes) a draft. Oversized text is refused, not cut. */
export async function saveDraft(userId: string, key: string, text: DraftText) {
  if (!isDraftKey(key)) throw new DiscussionError('discussions.errors.draftKey', 'key')
  if (text.title.length > TITLE_MAX * 2 || text.body.length > DRAFT_BODY_MAX)
    throw new DiscussionError('discussions.errors.draftTooLarge', 'body', 413)
  if (!text.title.trim() && !text.body.trim()) return deleteDraft(userId, key)
  await db.draft.upsert({
    where: { userId_key: { userId, key } },
    update: { title: text.title, body: text.body },
    create: { userId, key, title: text.title, body: text.body },
  })
}

export async function deleteDraft(userId: string, key: string) {
  await db.draft.deleteMany({ where: { userId, key } })
}
