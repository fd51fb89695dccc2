/**
 * Durable jobs in PostgreSQL through pg-boss (docs/decisions/005-jobs-and-mail.md). Every process can
 * enqueue; only processes with WORKER=1 (the default) run handlers.
 */
import { fromPrisma, PgBoss, type Db, type QueuePolicy } from 'pg-boss'
import type { Tx } from '~/lib/db.server'

/** pg-boss's schema; the mail sweep reads its job table. */
export const JOBS_SCHEMA = 'pgboss'

export const QUEUES = {
  /** notification mail, digests and anything else that can wait behind a burst */
  mailSend: 'mail.send',
  /** account and security mail (verification, reset, suspension, join decisions): its own worker, never behind a burst */
  mailPriority: 'mail.priority',
  mailSweep: 'mail.sweep',
  maintenance: 'maintenance',
  notificationsDigest: 'notifications.digest',
  /** a post's link previews: fetched through the SSRF guard (app/modules/previews) */
  linkPreview: 'link.preview',
} as const

interface QueueSettings {
  policy: QueuePolicy
  retryLimit: number
  retryDelay: number
  retryBackoff: boolean
  expireInSeconds: number
}

// `exclusive`: at most one queued, retrying or running job per singleton key, enforced by a unique
// index, so sending a mail's job twice (a repeated dispatch, the sweep) inserts nothing the second time.
const MAIL_QUEUE: QueueSettings = { policy: 'exclusive', retryLimit: 6, retryDelay: 15, retryBackoff: true, expireInSeconds: 120 }

const QUEUE_OPTIONS: Record<string, QueueSettings> = {
  [QUEUES.mailSend]: MAIL_QUEUE,
  [QUEUES.mailPriority]: MAIL_QUEUE,
  // One sweep at a time: a slow one is not joined by the next minute's.
  [QUEUES.mailSweep]: { policy: 'exclusive', retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 120 },
  [QUEUES.maintenance]: { policy: 'standard', retryLimit: 1, retryDelay: 60, retryBackoff: false, expireInSeconds: 300 },
  // A failed run is simply repeated: each person's digest is its own transaction, so nothing is sent twice.
  [QUEUES.notificationsDigest]: { policy: 'standard', retryLimit: 2, retryDelay: 120, retryBackoff: false, expireInSeconds: 1800 },
  // `stately`: one waiting and one running job per post; a job reads the post as it is when it runs, so an
  // edit while one waits needs no second. Fetch failures are stored, not retried; a database error is.
  [QUEUES.linkPreview]: { policy: 'stately', retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
}

async function create(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set')
  const boss = new PgBoss({ connectionString: url, schema: JOBS_SCHEMA, max: 4 })
  boss.on('error', (e: Error) => console.error(`[jobs] ${e.message}`))
  await boss.start()
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    const queue = await boss.getQueue(name)
    if (queue && queue.policy === options.policy) continue
    if (queue) {
      // Made by an older version with another policy, which pg-boss cannot change in place. Its jobs go
      // with it; what they were for is in the database (a PENDING outbox row is swept up again).
      console.error(`[jobs] re-creating queue ${name} with policy ${options.policy} (was ${queue.policy})`)
      await boss.deleteQueue(name)
    }
    await boss.createQueue(name, options)
  }
  return boss
}

interface BossState {
  boss?: Promise<PgBoss>
  /** the same pg-boss once it has started */
  bossStarted?: PgBoss
}

/** Kept on globalThis like `singleton`: the Remix build and the server code each load this module. */
function state(): BossState {
  const g = globalThis as unknown as { __birlikte?: BossState }
  g.__birlikte ??= {}
  return g.__birlikte
}

export function getBoss(): Promise<PgBoss> {
  const s = state()
  if (!s.boss) {
    const p = create()
    s.boss = p
    p.then(
      (boss) => {
        if (s.boss === p) s.bossStarted = boss
      },
      // A failed start is not kept: the next enqueue tries again rather than failing for the process's life.
      () => {
        if (s.boss === p) delete s.boss
      },
    )
  }
  return s.boss
}

export async function stopBoss() {
  const s = state()
  const p = s.boss
  if (!p) return
  delete s.boss
  delete s.bossStarted
  const boss = await p.catch(() => null)
  await boss?.stop({ graceful: true, timeout: 10_000 })
}

/**
 * Enqueue after commit. Failing to enqueue must not fail the caller: the row that needs the job is
 * already committed, and the sweep job picks it up.
 */
export async function enqueue(name: string, data: object, options: { singletonKey?: string } = {}) {
  try {
    const boss = await getBoss()
    return await boss.send(name, data, options)
  } catch (e) {
    console.error(`[jobs] could not enqueue ${name}; the sweep will retry: ${(e as Error).message}`)
    return null
  }
}

/**
 * Enqueue inside the caller's transaction: the job commits with the rows that need it, or not at all.
 * Returns false when the caller must enqueue after commit instead: pg-boss is still starting (this
 * starts it; a transaction does not wait the second that takes) or cannot be reached. A statement that
 * failed has already aborted the transaction, so that error is the caller's.
 */
export function enqueueWithin(tx: Tx, name: string, data: object, options: { singletonKey?: string } = {}): Promise<boolean> {
  return within(tx, name, (boss, db) => boss.send(name, data, { ...options, db }))
}

/** `enqueueWithin` for many jobs of one queue in one statement (a notification fan-out's mails). */
export function enqueueManyWithin(tx: Tx, name: string, jobs: { data: object; singletonKey?: string }[]): Promise<boolean> {
  if (!jobs.length) return Promise.resolve(true)
  return within(tx, name, (boss, db) => boss.insert(name, jobs, { db }))
}

async function within(tx: Tx, name: string, write: (boss: PgBoss, db: Db) => Promise<unknown>): Promise<boolean> {
  const boss = state().bossStarted
  if (!boss) {
    getBoss().catch((e: Error) => console.error(`[jobs] pg-boss did not start: ${e.message}`))
    return false
  }
  let reachedDatabase = false
  const inner = fromPrisma(tx)
  const db: Db = {
    executeSql(text, values) {
      reachedDatabase = true
      return inner.executeSql(text, values)
    },
  }
  try {
    await write(boss, db)
    return true
  } catch (e) {
    if (reachedDatabase) throw e
    console.error(`[jobs] could not enqueue ${name} with its transaction: ${(e as Error).message}`)
    return false
  }
}
