/**
 * Whose CPU a page costs under load: `npx tsx tests/bench/cpu-split.ts [seconds]`. Serves page 1 of the
 * 1,001-post thread (signed in, then signed out uncached) with autocannon at 50 connections from the
 * production server on the bench database, and prints requests/s and CPU ms per request of the server
 * process and of the bench database's PostgreSQL apart (from /proc: both share the machine's cores).
 */
import { execSync } from 'node:child_process'
import autocannon from 'autocannon'
import { createDiscussionData } from './discussion-data.ts'
import { freePort, openBenchDatabase, processUsage, productionEnv, spawnServer, stopAll, waitFor200 } from './lib.ts'
import { DUMMY_COOKIE } from './thread-pages.ts'
import { BROWSER_HEADERS } from './throughput.ts'

const seconds = Number(process.argv[2] ?? 8)
/** The bench database's postmaster (a child of this process) and its backends: PostgreSQL's whole CPU. */
function postgresMs() {
  const postmaster = Number(execSync(`pgrep -x postgres -P ${process.pid} || true`).toString().trim().split('\n')[0])
  return processUsage(postmaster || undefined).cpuMs
}

const database = await openBenchDatabase()
try {
  const data = await createDiscussionData(database.url)
  const port = await freePort()
  const server = spawnServer({ ...productionEnv(port), DATABASE_URL: database.url })
  const app = `http://127.0.0.1:${port}`
  await waitFor200(`${app}/healthz`, server)
  const url = `${app}/threads/${data.small.id}?page=1`
  for (const [name, cookie] of [
    ['signed in', data.reader.cookie],
    ['signed out, uncached', DUMMY_COOKIE],
  ] as const) {
    const headers = { ...BROWSER_HEADERS, cookie }
    await autocannon({ url, connections: 50, duration: 2, headers })
    const [pg0, app0] = [postgresMs(), processUsage(server.child.pid).cpuMs]
    const r = await autocannon({ url, connections: 50, duration: seconds, headers })
    const [pg1, app1] = [postgresMs(), processUsage(server.child.pid).cpuMs]
    const n = r.requests.total
    console.log(
      `thread page ${name}: ${Math.round(n / seconds)} req/s, p99 ${r.latency.p99} ms · CPU per request: server ${((app1 - app0) / n).toFixed(2)} ms, PostgreSQL ${((pg1 - pg0) / n).toFixed(2)} ms`,
    )
  }
  await server.stop()
} finally {
  await stopAll()
  await database.stop()
}
