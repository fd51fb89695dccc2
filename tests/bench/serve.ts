/**
 * The production server on the bench database, kept running for manual measurements:
 * `npx tsx tests/bench/serve.ts [port]` (Ctrl-C stops both). Run `npx tsx tests/bench/discussion-data.ts` first.
 */
import { openBenchDatabase, productionEnv, spawnServer, stopAll, waitFor200 } from './lib.ts'

const port = Number(process.argv[2] ?? 4390)
const database = await openBenchDatabase(console.error)
const server = spawnServer({ ...productionEnv(port), RATE_LIMIT_FACTOR: process.env.RATE_LIMIT_FACTOR ?? '0' })
await waitFor200(`http://127.0.0.1:${port}/healthz`, server)
console.error(`serving on http://127.0.0.1:${port} (database ${database.url})`)
const stop = async () => {
  await stopAll()
  await database.stop()
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
