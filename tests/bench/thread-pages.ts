/**
 * Page requests/s against a running production server: the first page of the 1,001-post thread signed
 * in, signed out uncached (a dummy cookie, which the page cache never serves), signed out cached, the
 * home page signed in, and a page deep inside the 10,000-post thread; each with p50/p99, the server's
 * CPU time per request (from /proc, so the load generator's own CPU is not counted), the page's size
 * raw and gzipped, and the server's resident memory after the run.
 */
import http from 'node:http'
import type { DiscussionData } from './discussion-data.ts'
import { processUsage } from './lib.ts'
import { BROWSER_HEADERS, measure, row, type Throughput, type ThroughputOptions } from './throughput.ts'

export interface PageThroughput extends Throughput {
  cpuMsPerRequest: number
  rawBytes: number
  gzipBytes: number
  rssMb: number
}

/** A cookie that is no session: the page cache leaves the request alone, and the page renders signed out. */
export const DUMMY_COOKIE = 'bench-uncached=1'

/** Bytes on the wire with and without gzip (node:http, which does not decompress). */
export async function pageBytes(url: string, headers: Record<string, string>) {
  const get = (encoding: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(url, { headers: { ...BROWSER_HEADERS, ...headers, 'accept-encoding': encoding } }, (res) => {
          let n = 0
          res.on('data', (c: Buffer) => (n += c.length))
          res.on('end', () => resolve(n))
          res.on('error', reject)
        })
        .on('error', reject)
    })
  return { rawBytes: await get('identity'), gzipBytes: await get('gzip') }
}

export async function threadPages(
  app: string,
  data: DiscussionData,
  baseline: number,
  options: ThroughputOptions & { serverPid?: number },
): Promise<PageThroughput[]> {
  const log = options.log ?? console.log
  const deep = Math.max(1, Math.round(data.large.pages * 0.7))
  // Signed in, `/threads/:id` without a page jumps to the first unread post (a redirect once the reader
  // has read page 1), so the signed-in runs name their page.
  const small = `/threads/${data.small.id}?page=1`
  const targets: [name: string, path: string, cookie?: string][] = [
    [`thread 1,001 posts, page 1 (signed in)`, small, data.reader.cookie],
    [`thread 1,001 posts, page 1 (signed out, uncached)`, small, DUMMY_COOKIE],
    [`thread 1,001 posts, page 1 (signed out, cached)`, small],
    [`home page (signed in)`, `/`, data.reader.cookie],
    [`thread 10,000 posts, page ${deep}/${data.large.pages} (signed in)`, `/threads/${data.large.id}?page=${deep}`, data.reader.cookie],
  ]
  const rows: PageThroughput[] = []
  for (const [name, path, cookie] of targets) {
    const headers: Record<string, string> = cookie ? { cookie } : {}
    const check = await fetch(app + path, { headers, redirect: 'manual' })
    await check.arrayBuffer()
    if (check.status !== 200) throw new Error(`GET ${path} answered ${check.status}, not 200: is the page there?`)
    const bytes = await pageBytes(app + path, headers)
    log(`throughput: ${name} …`)
    let before = processUsage(options.serverPid)
    const result = await measure(app + path, options, headers, () => (before = processUsage(options.serverPid)))
    const after = processUsage(options.serverPid)
    const r = row(`GET ${name}`, result, baseline)
    rows.push({ ...r, ...bytes, cpuMsPerRequest: r.requests ? (after.cpuMs - before.cpuMs) / r.requests : 0, rssMb: after.rssMb })
  }
  return rows
}

if (import.meta.main) {
  // `npx tsx tests/bench/thread-pages.ts`: this part alone, on the bench database.
  const { createDiscussionData } = await import('./discussion-data.ts')
  const { freePort, openBenchDatabase, productionEnv, spawnServer, stopAll, table, waitFor200 } = await import('./lib.ts')
  const database = await openBenchDatabase()
  try {
    const data = await createDiscussionData(database.url)
    const port = await freePort()
    const server = spawnServer(productionEnv(port))
    const app = `http://127.0.0.1:${port}`
    await waitFor200(`${app}/healthz`, server)
    const durationSec = Number(process.env.BENCH_DURATION ?? 10)
    const rows = await threadPages(app, data, 0, {
      durationSec,
      connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
      serverPid: server.child.pid,
    })
    console.log(pagesTable(rows, table))
  } finally {
    await stopAll()
    await database.stop()
  }
}

export function pagesTable(rows: PageThroughput[], table: (h: string[], r: (string | number)[][], a: ('l' | 'r')[]) => string) {
  return table(
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'raw kB', 'gzip kB', 'RSS MB', 'requests', 'non-2xx/errors'],
    rows.map((r) => [
      r.name,
      Math.round(r.reqPerSec),
      r.p50,
      r.p99,
      r.cpuMsPerRequest.toFixed(1),
      (r.rawBytes / 1000).toFixed(1),
      (r.gzipBytes / 1000).toFixed(1),
      r.rssMb,
      r.requests,
      r.bad,
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  )
}
