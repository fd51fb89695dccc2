/**
 * What the composers send. Shared by the routes (form parsing) and the domain (which validates again,
 * since the API calls it too). Limits are exported for the UI's maxLength and hints.
 */
import { safeText } from '~/lib/text-safety'
import { checkbox, optionalText, text, z } from '~/lib/validation'

export const TITLE_MIN = 3
export const TITLE_MAX = 160
export const BODY_MAX = 20_000
export const REASON_MAX = 500
/** posts per page of a thread */
export const PAGE_SIZE = 20
/** levels of replies shown inline below the page's root before "continue this thread" */
export const INLINE_DEPTH = 4

/** A client-generated key per composer render (a UUID), so a retried submit is recognised. */
export const clientKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{8,64}$/, { message: 'discussions.errors.clientKey' })

export const threadSchema = z.object({
  title: safeText('title', { min: TITLE_MIN, max: TITLE_MAX }),
  body: text({ max: BODY_MAX }),
  themes: z.array(z.string().max(60)).max(20).default([]),
  anonymous: checkbox,
  clientKey,
})
export type ThreadInput = z.input<typeof threadSchema>

const positiveInt = z.coerce.number().int().min(1).max(10_000_000)

export const replySchema = z.object({
  parentNumber: z
    .union([z.literal(''), positiveInt])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v)),
  body: text({ max: BODY_MAX }),
  anonymous: checkbox,
  clientKey,
})
export type ReplyInput = z.input<typeof replySchema>

export const editSchema = z.object({
  body: text({ max: BODY_MAX }),
  reason: optionalText(REASON_MAX),
})

/** Draft keys name the composer they belong to (see the Draft model). */
export const draftKeys = {
  thread: (spaceId: string) => `thread:${spaceId}`,
  reply: (threadId: string, parentNumber?: number | null) => (parentNumber ? `reply:${threadId}:${parentNumber}` : `reply:${threadId}`),
  edit: (postId: string) => `edit:${postId}`,
}
export const DRAFT_KEY = /^(thread|reply|edit):[A-Za-z0-9]{1,40}(:\d{1,8})?$/
export const DRAFT_BODY_MAX = BODY_MAX
