/**
 * Requests per second on loopback with autocannon: the signed-out home page and /healthz of the
 * production server, each as a ratio to a bare Node `http` hello-world measured in the same run.
 */
import autocannon, { type Result } from 'autocannon'
import { freePort, productionEnv, spawnServer, spawnTs, waitFor200, type Spawned } from './lib.ts'

export interface Throughput {
  name: string
  reqPerSec: number
  ratio: number
  p50: number
  p99: number
  requests: number
  bad: number
}

export interface ThroughputOptions {
  durationSec: number
  connections: number
  log?: (m: string) => void
}

// What a browser sends for a page, so compression and language negotiation are part of the cost.
export const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'tr-TR,tr;q=0.9,en;q=0.8',
}

export async function measure(
  url: string,
  { durationSec, connections }: ThroughputOptions,
  extraHeaders: Record<string, string> = {},
  /** called between the warm-up and the measured run (e.g. to read the server's CPU time) */
  onWarm?: () => void,
): Promise<Result> {
  const headers = { ...BROWSER_HEADERS, ...extraHeaders }
  // A short, discarded run first: JIT, connection pools and caches warm up before the clock starts.
  await autocannon({ url, connections, duration: Math.min(2, durationSec), headers })
  onWarm?.()
  return autocannon({ url, connections, duration: durationSec, headers, timeout: 10 })
}

async function withServer<T>(spawned: Spawned, url: string, fn: () => Promise<T>): Promise<T> {
  try {
    await waitFor200(url, spawned)
    return await fn()
  } finally {
    await spawned.stop()
  }
}

export const row = (name: string, r: Result, baseline: number): Throughput => ({
  name,
  reqPerSec: r.requests.average,
  ratio: baseline ? r.requests.average / baseline : 0,
  p50: r.latency.p50,
  p99: r.latency.p99,
  requests: r.requests.total,
  bad: r.non2xx + r.errors + r.timeouts,
})

export async function throughput(options: ThroughputOptions): Promise<Throughput[]> {
  const log = options.log ?? console.log
  const barePort = await freePort()
  const bareUrl = `http://127.0.0.1:${barePort}/`
  log(`throughput: bare Node http, ${options.connections} connections, ${options.durationSec} s …`)
  const bare = await withServer(spawnTs('tests/bench/hello-server.ts', { PORT: String(barePort) }), bareUrl, () =>
    measure(bareUrl, options),
  )

  const appPort = await freePort()
  const app = `http://127.0.0.1:${appPort}`
  const results = await withServer(spawnServer(productionEnv(appPort)), `${app}/`, async () => {
    log(`throughput: GET / (signed out) …`)
    const home = await measure(`${app}/`, options)
    log(`throughput: GET /healthz …`)
    const health = await measure(`${app}/healthz`, options)
    return { home, health }
  })
  // The same page with WEB_CONCURRENCY=2: a primary hands connections to two workers (server/cluster.ts).
  const clusterPort = await freePort()
  const cluster = `http://127.0.0.1:${clusterPort}`
  const home2 = await withServer(spawnServer({ ...productionEnv(clusterPort), WEB_CONCURRENCY: '2' }), `${cluster}/`, () => {
    log(`throughput: GET / (signed out), WEB_CONCURRENCY=2 …`)
    return measure(`${cluster}/`, options)
  })
  const base = bare.requests.average
  return [
    row('bare Node http', bare, base),
    row('GET / (signed out)', results.home, base),
    row('GET / (signed out), 2 processes', home2, base),
    row('GET /healthz', results.health, base),
  ]
}

if (import.meta.main) {
  console.table(await throughput({ durationSec: 10, connections: 50 }))
}
