/**
 * Handles the outbox (docs/decisions/014-event-outbox.md): claims the oldest event whose stream has no
 * earlier unhandled event, runs its handler and marks it handled in one transaction, then tells the
 * people's open pages. Any number of processes may run this: a claimed event is locked (the others skip
 * it), and an event waits while an earlier one of its stream is unhandled, so a thread's events run one
 * at a time in id order. A crash before commit leaves the event unhandled and its writes undone.
 */
import { db } from '~/lib/db.server'
import { withOrigin } from '~/lib/origin.server'
import { singleton } from '~/lib/singleton.server'
import { announce } from '~/modules/notifications/notifications.server'
import { HANDLERS, type Handler } from './handlers.server'
import { onNudge, type OutboxEventName } from './outbox.server'

/** A space with thousands of followers is written in one transaction: give it time. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 10 * 60_000 }
/** After this many failures an event is set aside (handled, with its last error kept) so its thread moves on. */
export const MAX_ATTEMPTS = 10
const POLL_MS = 1_000
/** Dispatch loops per process: one slow event (a big space's new thread) does not hold up the others. */
const LOOPS = 2

interface Claimed {
  id: bigint
  name: string
  payload: unknown
  attempts: number
  origin: string | null
}

type Outcome = 'handled' | 'failed' | 'idle'

/** Handles one event if one is ready. */
export async function dispatchOne(): Promise<Outcome> {
  let claimed: Claimed | undefined
  try {
    const notified = await db.$transaction(async (tx) => {
      // The NOT EXISTS sees an earlier event another worker is handling as still unhandled (its mark is
      // not committed), so the later one waits for it.
      const rows = await tx.$queryRaw<Claimed[]>`
        SELECT e."id", e."name", e."payload", e."attempts", e."origin" FROM "DomainEvent" e
        WHERE e."processedAt" IS NULL AND e."availableAt" <= now()
          AND NOT EXISTS (SELECT 1 FROM "DomainEvent" p
                          WHERE p."stream" = e."stream" AND p."processedAt" IS NULL AND p."id" < e."id")
        ORDER BY e."id" LIMIT 1 FOR UPDATE OF e SKIP LOCKED`
      claimed = rows[0]
      if (!claimed) return null
      const handler = HANDLERS[claimed.name as OutboxEventName] as Handler<OutboxEventName> | undefined
      if (!handler) throw new Error(`no handler for event ${claimed.name}`)
      // Mails written by the handler link to where the event's request came from (decision 019).
      const event = claimed
      const ids = await withOrigin(event.origin, () => handler(tx, event.payload as never, event.id))
      await tx.domainEvent.update({
        where: { id: claimed.id },
        data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null },
      })
      return ids
    }, TX_OPTIONS)
    if (!notified) return 'idle'
    announce(notified)
    return 'handled'
  } catch (e) {
    if (!claimed) throw e
    await recordFailure(claimed, e as Error)
    return 'failed'
  }
}

async function recordFailure(event: Claimed, error: Error) {
  const attempts = event.attempts + 1
  const givenUp = attempts >= MAX_ATTEMPTS
  console.error(`[outbox] event ${event.id} (${event.name}) failed, attempt ${attempts}${givenUp ? ', set aside' : ''}: ${error.message}`)
  // Backoff doubles from 2 s up to 10 minutes; its stream waits meanwhile, which keeps the order.
  const delayMs = Math.min(2_000 * 2 ** (attempts - 1), 10 * 60_000)
  await db.domainEvent.update({
    where: { id: event.id },
    data: {
      attempts,
      lastError: error.message.slice(0, 2_000),
      availableAt: new Date(Date.now() + delayMs),
      ...(givenUp ? { processedAt: new Date() } : {}),
    },
  })
}

/** Handles events until none is ready. Returns how many were handled. */
export async function drainOutbox(): Promise<number> {
  let handled = 0
  for (;;) {
    const outcome = await dispatchOne()
    if (outcome === 'idle') return handled
    if (outcome === 'handled') handled++
  }
}

interface LoopState {
  running: number
  /** set when a nudge arrives while the loops run: they look once more before stopping */
  again: boolean
  idle: Promise<void>
  settle?: () => void
  timer?: ReturnType<typeof setInterval>
}
const loops = singleton('outbox-loops', (): LoopState => ({ running: 0, again: false, idle: Promise.resolve() }))

function kick() {
  loops.again = true
  while (loops.running < LOOPS) {
    if (loops.running === 0) loops.idle = new Promise((resolve) => (loops.settle = resolve))
    loops.running++
    void runLoop()
  }
}

async function runLoop() {
  try {
    for (;;) {
      loops.again = false
      try {
        await drainOutbox()
      } catch (e) {
        console.error(`[outbox] dispatch failed: ${(e as Error).message}`)
        return
      }
      if (!loops.again) return
    }
  } finally {
    loops.running--
    if (loops.running === 0) loops.settle?.()
  }
}

/**
 * Runs the dispatcher in this process: on every nudge after a commit here, and every second. A nudge
 * waits for the I/O of the moment (the answer to the request that committed) before the work starts.
 */
export function startDispatcher() {
  onNudge(() => setImmediate(kick))
  loops.timer ??= setInterval(kick, POLL_MS)
  loops.timer.unref()
  kick()
  return async () => {
    onNudge(undefined)
    clearInterval(loops.timer)
    loops.timer = undefined
    await loops.idle
  }
}

/**
 * Until every event that is ready has been handled, by this process's loops or here (tests and
 * scripts). Events another process holds are waited for; those backing off after a failure are not.
 */
export async function settleOutbox() {
  for (;;) {
    await loops.idle
    await drainOutbox()
    const waiting = await db.domainEvent.count({ where: { processedAt: null, availableAt: { lte: new Date() } } })
    if (!waiting) return
    // Held by another process (or our own loop that started meanwhile): give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
