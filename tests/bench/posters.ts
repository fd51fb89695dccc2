/**
 * 200 concurrent posters for 30 s against the real app with its normal rate limits: each a distinct
 * signed-in person replying to one thread through the page's form, some submits sent twice with the
 * same clientKey at once (a double click). Afterwards the database must hold exactly one row per
 * accepted key, no duplicates, and every refusal must be a rate limit.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { BenchUser } from './discussion-data.ts'
import { accepted, submitReply, type ReplyForm } from './forms.ts'

export interface PostersResult {
  posters: number
  seconds: number
  submits: number
  doubleClicks: number
  acceptedKeys: number
  rows: number
  duplicates: number
  rateLimited: number
  errors: Record<string, number>
}

export async function posters(o: {
  app: string
  databaseUrl: string
  threadId: string
  form: ReplyForm
  users: BenchUser[]
  seconds: number
  log: (m: string) => void
}): Promise<PostersResult> {
  o.log(`posters: ${o.users.length} people posting for ${o.seconds} s (rate limits on) …`)
  const acceptedKeys = new Set<string>()
  const errors: Record<string, number> = {}
  let submits = 0
  let doubleClicks = 0
  let rateLimited = 0
  const deadline = performance.now() + o.seconds * 1000

  const record = (status: number | string, key: string) => {
    if (typeof status === 'number' && accepted(status)) acceptedKeys.add(key)
    else if (status === 429) rateLimited++
    else errors[String(status)] = (errors[String(status)] ?? 0) + 1
  }
  const once = (user: BenchUser, key: string) =>
    submitReply(o.app, o.form, user.cookie, `Yük testi yanıtı ${key}: **deneme** metni.`, key).then(
      (s) => record(s, key),
      (e: Error) => record(`network: ${e.message}`, key),
    )

  await Promise.all(
    o.users.map(async (user, u) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const key = randomUUID()
        submits++
        // Every fifth submit is a double click: two identical requests at once, then a late retry.
        if ((u + i) % 5 === 0) {
          doubleClicks++
          await Promise.all([once(user, key), once(user, key)])
          await once(user, key)
        } else await once(user, key)
      }
    }),
  )

  const client = new pg.Client({ connectionString: o.databaseUrl })
  await client.connect()
  try {
    const ids = o.users.map((u) => u.id)
    const {
      rows: [r],
    } = await client.query<{ rows: number; keys: number; bodies: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT ("authorId", "clientKey"))::int AS keys, count(DISTINCT "body")::int AS bodies
       FROM "Post" WHERE "threadId" = $1 AND "authorId" = ANY($2::text[])`,
      [o.threadId, ids],
    )
    return {
      posters: o.users.length,
      seconds: o.seconds,
      submits,
      doubleClicks,
      acceptedKeys: acceptedKeys.size,
      rows: r.rows,
      duplicates: r.rows - Math.min(r.keys, r.bodies),
      rateLimited,
      errors,
    }
  } finally {
    await client.end()
  }
}
