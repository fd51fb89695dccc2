/**
 * Fixed-window rate limits kept in PostgreSQL, so every process shares them and no Redis is needed
 * (docs/decisions/007-rate-limits.md).
 */
import { db } from '~/lib/db.server'
import { env } from '~/lib/env.server'

export interface Limit {
  /** requests allowed per window */
  limit: number
  windowSeconds: number
}

export const LIMITS = {
  signInIp: { limit: 30, windowSeconds: 15 * 60 },
  signInAccount: { limit: 8, windowSeconds: 15 * 60 },
  signUpIp: { limit: 6, windowSeconds: 60 * 60 },
  resetIp: { limit: 10, windowSeconds: 60 * 60 },
  resetAccount: { limit: 3, windowSeconds: 60 * 60 },
  verifyResendAccount: { limit: 3, windowSeconds: 60 * 60 },
  apiIp: { limit: 600, windowSeconds: 60 },
} satisfies Record<string, Limit>

export interface RateResult {
  allowed: boolean
  remaining: number
  retryAfterSeconds: number
}

/** Counts one attempt against `key`; `allowed` is false once the window's limit is passed. */
export async function hit(key: string, { limit, windowSeconds }: Limit): Promise<RateResult> {
  const factor = env().RATE_LIMIT_FACTOR
  if (factor === 0) return { allowed: true, remaining: limit, retryAfterSeconds: 0 }
  const max = Math.max(1, Math.round(limit * factor))
  const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now()
                       THEN now() + make_interval(secs => ${windowSeconds}) ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`
  const { count, resetAt } = rows[0]
  return {
    allowed: count <= max,
    remaining: Math.max(0, max - count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
  }
}

/** Checks several limits at once (e.g. per IP and per account); the strictest answer wins. */
export async function hitAll(entries: [key: string, limit: Limit][]): Promise<RateResult> {
  const results = await Promise.all(entries.map(([k, l]) => hit(k, l)))
  const blocked = results.filter((r) => !r.allowed)
  if (blocked.length) return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(...blocked.map((r) => r.retryAfterSeconds)) }
  return { allowed: true, remaining: Math.min(...results.map((r) => r.remaining)), retryAfterSeconds: 0 }
}

export async function clearLimit(key: string) {
  await db.rateLimitBucket.deleteMany({ where: { key } })
}

export async function sweepExpiredBuckets() {
  await db.rateLimitBucket.deleteMany({ where: { resetAt: { lt: new Date() } } })
}
