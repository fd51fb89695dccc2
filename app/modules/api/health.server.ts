/**
 * The platform's health, for people (/status) and programs (GET /api/v1/health) alike: the app, the
 * database, the durable jobs (the event outbox), the mail queue and search — read in one query, and
 * nothing in it a stranger could misuse (counts and ages, never names, hosts or errors).
 */
import { db } from '~/lib/db.server'
import pkg from '../../../package.json'

export const APP_VERSION: string = pkg.version

/** Work waiting longer than this is "behind" (a worker stopped, SMTP unreachable). */
export const JOBS_BEHIND_SECONDS = 5 * 60
export const MAIL_BEHIND_SECONDS = 15 * 60

export type PartState = 'up' | 'behind' | 'down'

export interface Health {
  status: 'ok' | 'degraded'
  database: 'up' | 'down'
  version: string
  checkedAt: string
  jobs: { state: PartState; waiting: number; failing: number; oldestWaitingSeconds: number | null }
  mail: { state: PartState; waiting: number; failedLastDay: number; oldestWaitingSeconds: number | null }
  search: { state: PartState; engine: 'postgres' }
}

interface Row {
  events_waiting: bigint
  events_failing: bigint
  events_oldest: number | null
  mail_waiting: bigint
  mail_failed: bigint
  mail_oldest: number | null
}

export async function checkHealth(): Promise<Health> {
  const checkedAt = new Date().toISOString()
  let row: Row
  try {
    ;[row] = await db.$queryRaw<Row[]>`
      SELECT
        (SELECT count(*) FROM "DomainEvent" WHERE "processedAt" IS NULL) AS events_waiting,
        (SELECT count(*) FROM "DomainEvent" WHERE "processedAt" IS NULL AND attempts > 0) AS events_failing,
        (SELECT extract(epoch FROM now() AT TIME ZONE 'utc' - min("createdAt"))::float8 FROM "DomainEvent" WHERE "processedAt" IS NULL) AS events_oldest,
        (SELECT count(*) FROM "OutboxMail" WHERE status = 'PENDING') AS mail_waiting,
        (SELECT count(*) FROM "OutboxMail" WHERE status = 'FAILED' AND "createdAt" > now() AT TIME ZONE 'utc' - interval '1 day') AS mail_failed,
        (SELECT extract(epoch FROM now() AT TIME ZONE 'utc' - min("createdAt"))::float8 FROM "OutboxMail" WHERE status = 'PENDING') AS mail_oldest`
  } catch {
    return {
      status: 'degraded',
      database: 'down',
      version: APP_VERSION,
      checkedAt,
      // Everything below keeps its work in the database: with it down, none of it moves.
      jobs: { state: 'down', waiting: 0, failing: 0, oldestWaitingSeconds: null },
      mail: { state: 'down', waiting: 0, failedLastDay: 0, oldestWaitingSeconds: null },
      search: { state: 'down', engine: 'postgres' },
    }
  }
  const seconds = (v: number | null) => (v === null ? null : Math.max(0, Math.round(v)))
  const jobsOldest = seconds(row.events_oldest)
  const mailOldest = seconds(row.mail_oldest)
  const failing = Number(row.events_failing)
  return {
    status: 'ok',
    database: 'up',
    version: APP_VERSION,
    checkedAt,
    jobs: {
      state: failing > 0 || (jobsOldest ?? 0) > JOBS_BEHIND_SECONDS ? 'behind' : 'up',
      waiting: Number(row.events_waiting),
      failing,
      oldestWaitingSeconds: jobsOldest,
    },
    mail: {
      state: (mailOldest ?? 0) > MAIL_BEHIND_SECONDS ? 'behind' : 'up',
      waiting: Number(row.mail_waiting),
      failedLastDay: Number(row.mail_failed),
      oldestWaitingSeconds: mailOldest,
    },
    // PostgreSQL full-text search lives in the same database (Meilisearch is not wired in yet).
    search: { state: 'up', engine: 'postgres' },
  }
}
