/**
 * CPU ms per request of one page, requests sent one after another (less sensitive to a busy machine than
 * throughput): `npx tsx tests/bench/cpu-ab.ts [requests] [buildDir…]`. For each build directory in turn
 * (default: $BUILD_DIR), starts the production server on the bench database and prints the server's CPU
 * time (user + system, from /proc) per signed-in thread page, signed-out uncached page and signed-in home page.
 * Runs the builds alternately twice, so a change in the machine's load shows as a spread, not a difference.
 */
import { createDiscussionData } from './discussion-data.ts'
import { freePort, openBenchDatabase, percentile, processUsage, productionEnv, spawnServer, stopAll, waitFor200 } from './lib.ts'
import { DUMMY_COOKIE } from './thread-pages.ts'
import { BROWSER_HEADERS } from './throughput.ts'

const [n = '300', ...dirs] = process.argv.slice(2)
const builds = dirs.length ? dirs : [process.env.BUILD_DIR || 'build']
const database = await openBenchDatabase()
try {
  const data = await createDiscussionData(database.url)
  const pages: [string, string, string][] = [
    ['thread signed in', `/threads/${data.small.id}?page=1`, data.reader.cookie],
    ['thread signed out uncached', `/threads/${data.small.id}?page=1`, DUMMY_COOKIE],
    ['home signed in', '/', data.reader.cookie],
  ]
  for (const round of [1, 2]) {
    for (const dir of builds) {
      const port = await freePort()
      const server = spawnServer({ ...productionEnv(port), BUILD_DIR: dir })
      const app = `http://127.0.0.1:${port}`
      await waitFor200(`${app}/healthz`, server)
      const out: string[] = []
      for (const [name, path, cookie] of pages) {
        const times: number[] = []
        const get = async () => {
          const t0 = performance.now()
          const r = await fetch(app + path, { headers: { ...BROWSER_HEADERS, cookie } })
          await r.arrayBuffer()
          times.push(performance.now() - t0)
          if (r.status !== 200) throw new Error(`${path}: ${r.status}`)
        }
        for (let i = 0; i < 50; i++) await get()
        times.length = 0
        const before = processUsage(server.child.pid)
        for (let i = 0; i < Number(n); i++) await get()
        const after = processUsage(server.child.pid)
        // The fastest tenth of the answers: what a request costs when nothing else took the CPU meanwhile.
        const fast = percentile(times, 10)
        out.push(`${name} CPU ${((after.cpuMs - before.cpuMs) / Number(n)).toFixed(2)} ms, p10 ${fast.toFixed(2)} ms`)
      }
      console.log(`round ${round} ${dir}: ${out.join(' · ')} · RSS ${processUsage(server.child.pid).rssMb} MB`)
      await server.stop()
    }
  }
} finally {
  await stopAll()
  await database.stop()
}
