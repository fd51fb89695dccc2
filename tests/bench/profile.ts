/**
 * CPU profile of one page under load: `npx tsx tests/bench/profile.ts /threads/<id> [seconds] [cookie]`,
 * or of the three pages issue 9 measures: `npx tsx tests/bench/profile.ts pages [seconds]`
 * against the bench database (run `npx tsx tests/bench/discussion-data.ts` first for the threads).
 * Starts the production server with `--cpu-prof`, loads the page with autocannon (50 connections),
 * stops the server and prints where the time went: self time by function and by package.
 * The raw .cpuprofile stays under data/bench/profiles for Chrome DevTools.
 */
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import autocannon from 'autocannon'
import { BROWSER_HEADERS } from './throughput.ts'
import { BENCH_DATA_DIR, freePort, openBenchDatabase, processUsage, productionEnv, ROOT, spawnServer, stopAll, waitFor200 } from './lib.ts'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount: number
}

function where(url: string) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]
  if (url.startsWith('node:') || !url) return url || '(native)'
  return path.relative(ROOT, url.replace('file://', ''))
}

export function summarize(profile: { nodes: Node[] }, top = 25) {
  const total = profile.nodes.reduce((s, n) => s + n.hitCount, 0)
  const byFn = new Map<string, number>()
  const byPkg = new Map<string, number>()
  for (const n of profile.nodes) {
    const f = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
    byFn.set(f, (byFn.get(f) ?? 0) + n.hitCount)
    const p = where(n.callFrame.url)
    byPkg.set(p, (byPkg.get(p) ?? 0) + n.hitCount)
  }
  const pct = (x: number) => `${((100 * x) / total).toFixed(1).padStart(5)} %`
  const lines = ['self time by package/file:']
  for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`)
  lines.push('self time by function:')
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`)
  return lines.join('\n')
}

/** Runs the production server under `--cpu-prof` while autocannon loads `target`; returns the summary. */
export async function profilePage(name: string, target: string, seconds: number, cookie?: string) {
  const dir = path.join(ROOT, BENCH_DATA_DIR, 'profiles', name)
  await rm(dir, { recursive: true, force: true })
  const port = await freePort()
  const server = spawnServer({ ...productionEnv(port), NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` })
  let figures: string
  try {
    const url = `http://127.0.0.1:${port}${target}`
    await waitFor200(`http://127.0.0.1:${port}/healthz`, server)
    const headers = { ...BROWSER_HEADERS, ...(cookie ? { cookie } : {}) }
    await autocannon({ url, connections: 50, duration: 2, headers })
    const before = processUsage(server.child.pid)
    const r = await autocannon({ url, connections: 50, duration: seconds, headers })
    const after = processUsage(server.child.pid)
    const cpu = (after.cpuMs - before.cpuMs) / r.requests.total
    figures = `${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, CPU ${cpu.toFixed(1)} ms/request (with --cpu-prof), RSS ${after.rssMb} MB`
  } finally {
    await server.stop()
  }
  // The server runs in a child process: the largest profile is the server's.
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))
  const profiles = await Promise.all(files.map(async (f) => ({ f, text: await readFile(path.join(dir, f), 'utf8') })))
  const biggest = profiles.sort((a, b) => b.text.length - a.text.length)[0]
  return { figures, file: path.join(dir, biggest.f), summary: summarize(JSON.parse(biggest.text)) }
}

if (import.meta.main) {
  // `profile.ts pages [seconds]`: the signed-in thread page, the signed-out uncached one and the signed-in
  // home page, on fresh discussion data; otherwise `profile.ts <path> [seconds] [cookie]`.
  const [target = '/', seconds = '10', cookie] = process.argv.slice(2)
  const database = await openBenchDatabase()
  try {
    const runs: [string, string, string | undefined][] = []
    if (target === 'pages') {
      const { createDiscussionData } = await import('./discussion-data.ts')
      const data = await createDiscussionData(database.url)
      const thread = `/threads/${data.small.id}?page=1`
      runs.push(
        ['thread-signed-in', thread, data.reader.cookie],
        ['thread-uncached', thread, 'bench-uncached=1'],
        ['home-signed-in', '/', data.reader.cookie],
      )
    } else runs.push(['page', target, cookie])
    for (const [name, path, c] of runs) {
      const { figures, file, summary } = await profilePage(name, path, Number(seconds), c)
      console.log(`${figures}\nprofile: ${file}\n${summary}\n`)
    }
  } finally {
    await stopAll()
    await database.stop()
  }
}
