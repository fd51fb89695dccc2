/**
 * Every SQL statement one reply sends, in order, with its time: `npx tsx tests/bench/reply-queries.ts [n]`
 * against the bench database (run `npx tsx tests/bench/discussion-data.ts` first). Calls `createReply`
 * itself as the bench reader, n times (default 3), and prints the last one: the statements on the way to
 * the commit are the latency a live reader waits for, those between the thread's UPDATE and COMMIT the
 * time the thread row is locked.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../../app/generated/prisma/client.ts'
import { openBenchDatabase } from './lib.ts'
import { BENCH_SPACE_SLUG } from './discussion-data.ts'

const runs = Number(process.argv[2] ?? 3)
const database = await openBenchDatabase()
process.env.DATABASE_URL = database.url
try {
  const statements: { at: number; ms: number; sql: string }[] = []
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: database.url, max: 20 }),
    log: [{ emit: 'event', level: 'query' }],
  })
  client.$on('query', (e) => statements.push({ at: performance.now(), ms: Number(e.duration), sql: e.query.replace(/\s+/g, ' ') }))
  // The app's modules take this client as theirs (see app/lib/singleton.server.ts).
  ;(globalThis as unknown as { __birlikte: Record<string, unknown> }).__birlikte = { prisma: client }
  const { createReply } = await import('../../app/modules/discussions/posting.server.ts')
  const { loadActor } = await import('../../app/modules/auth/session.server.ts')
  const raw = new pg.Client({ connectionString: database.url })
  await raw.connect()
  const {
    rows: [t],
  } = await raw.query<{ id: string; reader: string }>(
    `SELECT t."id", (SELECT "id" FROM "User" WHERE "email" LIKE 'bench-7@%') AS reader
     FROM "Thread" t JOIN "Space" s ON s."id" = t."spaceId" WHERE s."slug" = $1 ORDER BY t."postCount" ASC LIMIT 1`,
    [BENCH_SPACE_SLUG],
  )
  await raw.end()
  const actor = (await loadActor(t.reader))!
  let started = 0
  let ended = 0
  for (let i = 0; i < runs; i++) {
    statements.length = 0
    started = performance.now()
    await createReply(actor, { threadId: t.id, parentNumber: '5', body: `Ölçüm yanıtı ${i}`, clientKey: randomUUID() })
    ended = performance.now()
  }
  const lock = statements.findIndex((s) => s.sql.trim().startsWith('UPDATE "Thread"'))
  const commit = statements.findIndex((s) => s.sql === 'COMMIT')
  for (const [i, s] of statements.entries())
    console.log(
      `${String(Math.round(s.at - started)).padStart(5)} ms  ${String(s.ms).padStart(3)} ms  ${i >= lock && i <= commit ? 'L' : ' '} ${s.sql.slice(0, 150)}`,
    )
  console.log(
    `${statements.length} statements, ${commit - lock} while the thread row is locked; createReply took ${Math.round(ended - started)} ms`,
  )
  await client.$disconnect()
} finally {
  await database.stop()
}
