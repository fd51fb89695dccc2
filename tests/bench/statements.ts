/**
 * What the signed-in thread page asks of PostgreSQL: `npx tsx tests/bench/statements.ts [pages]`.
 * Restarts the bench database with pg_stat_statements (planning time tracked), serves page 1 of the
 * 1,001-post thread to a signed-in reader `pages` times (default 200, 10 at a time) and prints per
 * statement: calls, execution and planning ms per page, rows, and the statement's start. Then resets
 * the setting. (Decision 021: planning cost more than execution before statements stayed prepared.)
 */
import pg from 'pg'
import { createDiscussionData } from './discussion-data.ts'
import { freePort, openBenchDatabase, productionEnv, spawnServer, stopAll, table, waitFor200 } from './lib.ts'
import { BROWSER_HEADERS } from './throughput.ts'

const pages = Number(process.argv[2] ?? 200)
let database = await openBenchDatabase()
async function sql(url: string, fn: (c: pg.Client) => Promise<void>) {
  const c = new pg.Client(url)
  await c.connect()
  try {
    await fn(c)
  } finally {
    await c.end()
  }
}
await sql(database.url, async (c) => {
  await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`)
  await c.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`)
})
await database.stop()
database = await openBenchDatabase()
try {
  const data = await createDiscussionData(database.url)
  await sql(database.url, (c) => c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').then(() => {}))
  const port = await freePort()
  const server = spawnServer({ ...productionEnv(port), DATABASE_URL: database.url })
  const app = `http://127.0.0.1:${port}`
  await waitFor200(`${app}/healthz`, server)
  const get = () =>
    fetch(`${app}/threads/${data.small.id}?page=1`, { headers: { ...BROWSER_HEADERS, cookie: data.reader.cookie } }).then((r) =>
      r.arrayBuffer(),
    )
  for (let i = 0; i < 20; i++) await get()
  await sql(database.url, async (c) => {
    await c.query('SELECT pg_stat_statements_reset()')
  })
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = 0; i < pages / 10; i++) await get()
    }),
  )
  await new Promise((r) => setTimeout(r, 1_500))
  await sql(database.url, async (c) => {
    const { rows } = await c.query(
      `SELECT calls, total_exec_time / $1 AS exec, total_plan_time / $1 AS plan, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
        ORDER BY total_exec_time + total_plan_time DESC LIMIT 8`,
      [pages],
    )
    console.log(`Signed-in thread page, ${pages} pages, 10 at a time: PostgreSQL time per page by statement`)
    console.log(
      table(
        ['calls', 'exec ms/page', 'plan ms/page', 'rows', 'statement'],
        rows.map((r) => [String(r.calls), Number(r.exec).toFixed(3), Number(r.plan).toFixed(3), String(r.rows), r.q]),
        ['r', 'r', 'r', 'r', 'l'],
      ),
    )
    await c.query('ALTER SYSTEM RESET shared_preload_libraries')
    await c.query('ALTER SYSTEM RESET pg_stat_statements.track_planning')
  })
  await server.stop()
} finally {
  await stopAll()
  await database.stop()
}
