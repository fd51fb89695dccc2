/**
 * Durable jobs in PostgreSQL through pg-boss (docs/decisions/005-jobs.md). Every process can enqueue;
 * only processes with WORKER=1 (the default) run handlers.
 */
import { PgBoss } from 'pg-boss'
import { singleton } from '~/lib/singleton.server'

export const QUEUES = {
  mailSend: 'mail.send',
  mailSweep: 'mail.sweep',
  maintenance: 'maintenance',
  notificationsDigest: 'notifications.digest',
} as const

const QUEUE_OPTIONS: Record<string, { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number }> = {
  [QUEUES.mailSend]: { retryLimit: 6, retryDelay: 15, retryBackoff: true, expireInSeconds: 120 },
  [QUEUES.mailSweep]: { retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 120 },
  [QUEUES.maintenance]: { retryLimit: 1, retryDelay: 60, retryBackoff: false, expireInSeconds: 300 },
  // A failed run is simply repeated: each person's digest is its own transaction, so nothing is sent twice.
  [QUEUES.notificationsDigest]: { retryLimit: 2, retryDelay: 120, retryBackoff: false, expireInSeconds: 1800 },
}

async function create(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set')
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4 })
  boss.on('error', (e: Error) => console.error(`[jobs] ${e.message}`))
  await boss.start()
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, options)
  }
  return boss
}

export function getBoss(): Promise<PgBoss> {
  const p = singleton('boss', () => create())
  return p
}

export async function stopBoss() {
  const g = globalThis as unknown as { __birlikte?: { boss?: Promise<PgBoss> } }
  const p = g.__birlikte?.boss
  if (!p) return
  delete g.__birlikte!.boss
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
