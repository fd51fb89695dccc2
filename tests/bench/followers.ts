/**
 * Posting into a space with 5 followers and into one with 5,000 (issue 9, item 3): p50/p99 of the POST
 * for replies and for new threads (a new thread is what every follower hears of). The notifications
 * and mails are written by the job worker from the outbox after the answer (decision 014), so both
 * spaces should answer alike; the time the worker then takes to tell everyone is printed beside.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { BenchUser } from './discussion-data.ts'
import { accepted, discoverReplyForm, submitReply, type ReplyForm } from './forms.ts'
import { percentile } from './lib.ts'

const EMAIL_DOMAIN = 'followers.bench.birlikte.local'
const SIZES = [5, 5_000] as const

export interface FollowersRow {
  followers: number
  what: 'reply' | 'new thread'
  posts: number
  p50: number
  p99: number
  max: number
  /** new threads: POST answered → every follower's notification written (the outbox handled), ms */
  fanoutP50?: number
  notifications?: number
}

/** Two public spaces with a thread each, one with 5 followers and one with 5,000 (verified, mail at once). */
async function followerSpaces(databaseUrl: string, authorId: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query(`DELETE FROM "Space" WHERE "slug" LIKE 'bench-takip-%'`)
    // An earlier run's followers: their mail and notifications first, in bulk (deleting the users alone
    // would null OutboxMail.userId, which has no index, one user at a time).
    await client.query(`DELETE FROM "OutboxMail" WHERE "to" LIKE $1`, [`%@${EMAIL_DOMAIN}`])
    await client.query(`DELETE FROM "Notification" WHERE "userId" IN (SELECT "id" FROM "User" WHERE "email" LIKE $1)`, [
      `%@${EMAIL_DOMAIN}`,
    ])
    await client.query(`DELETE FROM "User" WHERE "email" LIKE $1`, [`%@${EMAIL_DOMAIN}`])
    const spaces = []
    for (const size of SIZES) {
      const slug = `bench-takip-${size}`
      const {
        rows: [space],
      } = await client.query<{ id: string }>(
        `INSERT INTO "Space" ("id", "slug", "nameTr", "nameEn", "visibility", "updatedAt")
         VALUES ('c' || substr(md5(random()::text), 1, 24), $1, $2, $3, 'PUBLIC', now()) RETURNING "id"`,
        [slug, `${size} takipçili alan`, `Space with ${size} followers`],
      )
      await client.query(
        `WITH u AS (
           INSERT INTO "User" ("id", "email", "name", "passwordHash", "emailVerifiedAt", "locale", "discussionEmail", "updatedAt")
           SELECT 'c' || substr(md5($2 || ':' || i), 1, 24), $2 || '-' || i || '@${EMAIL_DOMAIN}', 'Takipçi ' || i,
                  '!bench: sign-in disabled', now(), CASE WHEN i % 2 = 0 THEN 'tr' ELSE 'en' END, 'IMMEDIATE', now()
           FROM generate_series(1, $3::int) AS i RETURNING "id")
         INSERT INTO "SpaceMember" ("spaceId", "userId", "following") SELECT $1, "id", true FROM u`,
        [space.id, slug, size],
      )
      const {
        rows: [thread],
      } = await client.query<{ id: string }>(
        `INSERT INTO "Thread" ("id", "spaceId", "authorId", "title", "lastPostNumber", "postCount", "lastPostAt", "updatedAt")
         VALUES ('c' || substr(md5(random()::text), 1, 24), $1, $2, 'Takipçiler ölçümü', 1, 1, now(), now()) RETURNING "id"`,
        [space.id, authorId],
      )
      await client.query(
        `INSERT INTO "Post" ("id", "threadId", "number", "path", "depth", "authorId", "body", "html", "updatedAt")
         VALUES ('c' || substr(md5(random()::text), 1, 24), $1, 1, '0000001', 0, $2, 'Açılış', '<p>Açılış</p>', now())`,
        [thread.id, authorId],
      )
      spaces.push({ size, slug, spaceId: space.id, threadId: thread.id })
    }
    await client.query('COMMIT')
    await client.query('ANALYZE "SpaceMember"; ANALYZE "User"')
    return spaces
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {})
    throw e
  } finally {
    await client.end()
  }
}

/** One POST through the form (other fields as given), timed; refused answers end the benchmark. */
async function submit(app: string, form: ReplyForm, cookie: string, body: string, fields: Record<string, string> = {}) {
  const withFields = { ...form, fields: [...form.fields.filter(([k]) => !(k in fields)), ...Object.entries(fields)] }
  const started = performance.now()
  const status = await submitReply(app, withFields, cookie, body, randomUUID())
  if (!accepted(status)) throw new Error(`POST ${form.action} answered ${status}`)
  return performance.now() - started
}

const summary = (ms: number[]) => ({ p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms) })

/** Waits until the outbox has nothing left (the worker told everyone), polling the table. */
async function outboxDrained(client: pg.Client, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "DomainEvent" WHERE "processedAt" IS NULL`)
    if (rows[0].n === 0) return
    if (Date.now() > deadline) throw new Error(`the outbox still held ${rows[0].n} events after ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function followers(o: {
  app: string
  databaseUrl: string
  /** signed-in people who post (one per POST in turn, so no one's own limits matter) */
  users: BenchUser[]
  rounds: number
  log: (m: string) => void
}): Promise<FollowersRow[]> {
  o.log(`followers: spaces with ${SIZES.join(' and ')} followers …`)
  const spaces = await followerSpaces(o.databaseUrl, o.users[0].id)
  const db = new pg.Client({ connectionString: o.databaseUrl })
  await db.connect()
  const rows: FollowersRow[] = []
  try {
    for (const s of spaces) {
      const replyForm = await discoverReplyForm(o.app, `/threads/${s.threadId}?page=1`, o.users[0].cookie)
      const threadForm = await discoverReplyForm(o.app, `/spaces/${s.slug}/new-thread`, o.users[0].cookie)
      const user = (i: number) => o.users[i % o.users.length].cookie
      await outboxDrained(db, 120_000)

      o.log(`followers: ${o.rounds} replies into the space with ${s.size} followers …`)
      // Two uncounted warm-up posts of each kind.
      for (let i = 0; i < 2; i++) await submit(o.app, replyForm, user(i), `Isınma yanıtı ${i}`)
      const replyMs: number[] = []
      for (let i = 0; i < o.rounds; i++) replyMs.push(await submit(o.app, replyForm, user(i), `Takipçili alanda yanıt ${i}`))
      rows.push({ followers: s.size, what: 'reply', posts: o.rounds, ...summary(replyMs) })
      await outboxDrained(db, 120_000)

      o.log(`followers: ${o.rounds} new threads in the space with ${s.size} followers …`)
      const threadMs: number[] = []
      const fanoutMs: number[] = []
      for (let i = 0; i < o.rounds; i++) {
        threadMs.push(await submit(o.app, threadForm, user(i), `Takipçilere duyuru ${i}`, { title: `Yeni konu ${i} (${s.size})` }))
        // The worker's side, after the answer: every follower told. It starts right after the commit, so
        // the POST above shares the machine with the start of its own fan-out.
        const t0 = performance.now()
        await outboxDrained(db, 300_000)
        fanoutMs.push(performance.now() - t0)
      }
      const {
        rows: [n],
      } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Notification" WHERE "kind" = 'thread.created' AND "data"->>'spaceSlug' = $1`,
        [s.slug],
      )
      rows.push({
        followers: s.size,
        what: 'new thread',
        posts: o.rounds,
        ...summary(threadMs),
        fanoutP50: percentile(fanoutMs, 50),
        notifications: n.n,
      })
    }
    return rows
  } finally {
    await db.end()
  }
}
