/**
 * Moderation's forms and choices, shared by the routes, the components (browser) and the domain, so the
 * limits and option lists are written once. Not a .server file: components import it.
 */
import { optionalText, z } from '~/lib/validation'

/** The ReportReason enum of the schema, in the order the report form offers them. */
export const REPORT_REASONS = ['SPAM', 'ABUSE', 'HARASSMENT', 'PRIVACY', 'OFF_TOPIC', 'OTHER'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export const NOTE_MAX = 1000
export const REASON_MAX = 1000
/** Suspensions a moderator can give from the queue; "until further notice" stays with admins. */
export const MOD_SUSPENSIONS = ['1d', '7d', '30d'] as const

export const POST_INTENTS = ['hide', 'restore', 'approve', 'reject', 'dismiss', 'warn', 'suspend'] as const
export type PostIntent = (typeof POST_INTENTS)[number]
export const THREAD_INTENTS = ['lock', 'unlock', 'close', 'reopen', 'pin', 'unpin', 'hide', 'restore', 'move'] as const
export type ThreadIntent = (typeof THREAD_INTENTS)[number]

/** Decisions the person concerned is told about must say why; the others may. */
const REASON_REQUIRED = new Set<string>([
  'post.hide',
  'post.reject',
  'post.warn',
  'post.suspend',
  'thread.hide',
  'thread.lock',
  'thread.move',
])
export const reasonRequired = (kind: 'post' | 'thread', intent: string) => REASON_REQUIRED.has(`${kind}.${intent}`)

export const reportSchema = z.object({
  reason: z.enum(REPORT_REASONS),
  note: optionalText(NOTE_MAX).transform((s) => s ?? ''),
})
export type ReportInput = z.input<typeof reportSchema>

/**
 * One schema per kind of target: the intent picks what else is needed (a reason for decisions the person
 * is told about, a duration for a suspension, a destination for a move), checked in one place.
 */
function actionSchema<I extends readonly [string, ...string[]]>(kind: 'post' | 'thread', intents: I) {
  return z
    .object({
      intent: z.enum(intents),
      reason: optionalText(REASON_MAX),
      duration: z
        .enum(MOD_SUSPENSIONS)
        .optional()
        .or(z.literal('').transform(() => undefined)),
      toSpaceId: optionalText(60),
    })
    .superRefine((v, ctx) => {
      if (reasonRequired(kind, v.intent) && (v.reason ?? '').length < 3)
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: v.reason ? 'moderation.errors.reasonShort' : 'moderation.errors.reasonRequired',
        })
      if (v.intent === 'suspend' && !v.duration) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'validation.choice' })
      if (v.intent === 'move' && !v.toSpaceId)
        ctx.addIssue({ code: 'custom', path: ['toSpaceId'], message: 'moderation.errors.spaceRequired' })
    })
}
export const postActionSchema = actionSchema('post', POST_INTENTS)
export type PostAction = z.infer<typeof postActionSchema>
export const threadActionSchema = actionSchema('thread', THREAD_INTENTS)
export type ThreadAction = z.infer<typeof threadActionSchema>

export const QUEUE_PAGE_SIZE = 20
export const LOG_PAGE_SIZE = 50
/** characters of the parent post shown as context */
export const EXCERPT_CHARS = 280

/** The confirmation key for `?done=post.hide` etc., or null for anything else. */
export function doneKey(done: string | null): string | null {
  if (!done) return null
  const [kind, intent] = done.split('.')
  if (kind === 'post' && (POST_INTENTS as readonly string[]).includes(intent)) return `moderation.actions.done.post.${intent}`
  if (kind === 'thread' && (THREAD_INTENTS as readonly string[]).includes(intent)) return `moderation.actions.done.thread.${intent}`
  if (kind === 'flag' && ['dismiss', 'resolve', 'decided'].includes(intent)) return `moderation.flags.done.${intent}`
  return null
}

/** Where to go after a decision: only back to a moderation page of ours (never an open redirect). */
export function safeReturn(returnTo: unknown, fallback: string) {
  return typeof returnTo === 'string' && /^\/(moderation|threads\/[A-Za-z0-9_-]+)(\/[\w/.-]*)?(\?[\w=&.-]*)?$/.test(returnTo)
    ? returnTo
    : fallback
}
