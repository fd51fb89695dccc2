/**
 * What the thread page weighs and what rendering it costs: `npx tsx tests/bench/thread-markup.ts [requests]`.
 * Writes the discussion data into the bench database, starts the production server ($BUILD_DIR) with
 * `--cpu-prof`, and prints for page 1 of the 1,001-post thread, signed in and signed out (uncached: a dummy
 * cookie bypasses the page cache): bytes raw and gzip, how much of it is class attributes and the
 * hydration data, and the number of forms. Then it requests the signed-in page N times (default 200, one
 * at a time) and prints CPU ms per request from the profile: all of it, and React's share (react-dom's
 * and react's own time; the render itself).
 */
import { gzipSync } from 'node:zlib'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { createDiscussionData } from './discussion-data.ts'
import { BENCH_DATA_DIR, freePort, openBenchDatabase, productionEnv, ROOT, spawnServer, stopAll, table, waitFor200 } from './lib.ts'
import { BROWSER_HEADERS } from './throughput.ts'

interface ProfileNode {
  id: number
  callFrame: { url: string }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export function pageWeight(html: string) {
  const bytes = (s: string) => Buffer.byteLength(s)
  const sum = (re: RegExp) => [...html.matchAll(re)].reduce((s, m) => s + bytes(m[0]), 0)
  return {
    raw: bytes(html),
    gzip: gzipSync(html).length,
    classAttributes: sum(/ class="[^"]*"/g),
    // Remix's hydration data: the loaders' answers, streamed into the page as scripts.
    loaderData: sum(/<script[^>]*>window\.__remixContext\.streamController\.enqueue[\s\S]*?<\/script>/g),
    forms: html.match(/<form/g)?.length ?? 0,
  }
}

/** Self time in ms by package (node_modules name), from a V8 CPU profile. */
function selfTimeByPackage(profile: Profile) {
  const pkg = new Map(profile.nodes.map((n) => [n.id, /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(n.callFrame.url)?.[1] ?? n.callFrame.url]))
  const fn = new Map(profile.nodes.map((n) => [n.id, (n.callFrame as { functionName?: string }).functionName ?? '']))
  const ms = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000
    const name = pkg.get(id) || fn.get(id) || '(native)'
    ms.set(name, (ms.get(name) ?? 0) + dt)
    if (fn.get(id) !== '(idle)') busy += dt
  })
  return { ms, busy }
}

if (import.meta.main) {
  const requests = Number(process.argv[2] ?? 200)
  const dir = path.join(ROOT, BENCH_DATA_DIR, 'profiles-markup')
  await rm(dir, { recursive: true, force: true })
  const database = await openBenchDatabase()
  const data = await createDiscussionData(database.url)
  const port = await freePort()
  const server = spawnServer({ ...productionEnv(port), NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` })
  const app = `http://127.0.0.1:${port}`
  const page = `${app}/threads/${data.small.id}?page=1`
  const headers = { ...BROWSER_HEADERS, 'accept-encoding': 'identity' }
  try {
    await waitFor200(`${app}/healthz`, server)
    const rows: (string | number)[][] = []
    for (const [name, cookie] of [
      ['signed in', data.reader.cookie],
      ['signed out, uncached', 'bench=1'],
    ] as const) {
      const res = await fetch(page, { headers: { ...headers, cookie }, redirect: 'manual' })
      if (res.status !== 200) throw new Error(`GET ${page} (${name}) answered ${res.status}`)
      const w = pageWeight(await res.text())
      rows.push([name, w.raw, w.gzip, w.classAttributes, w.loaderData, w.forms])
    }
    console.log('Thread 1,001 posts, page 1 (20 posts): bytes')
    console.log(table(['page', 'raw', 'gzip', 'class attrs', 'loader data', 'forms'], rows, ['l', 'r', 'r', 'r', 'r', 'r']))
    for (let i = 0; i < requests; i++) {
      const res = await fetch(page, { headers: { ...BROWSER_HEADERS, cookie: data.reader.cookie }, redirect: 'manual' })
      await res.arrayBuffer()
    }
  } finally {
    await server.stop()
    await database.stop()
    await stopAll()
  }
  // The server is a child process: the largest profile is its own.
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))
  const profile = JSON.parse(texts.sort((a, b) => b.length - a.length)[0]) as Profile
  const { ms, busy } = selfTimeByPackage(profile)
  // Every page the profile saw: the two weight checks and the loop. Boot renders no page, so React's and
  // gzip's time is the pages'; the busy total includes boot and is printed only for scale.
  const n = requests + 2
  const per = (...names: string[]) => (names.reduce((s, k) => s + (ms.get(k) ?? 0), 0) / n).toFixed(2)
  console.log(`Signed-in page, ${requests} requests one at a time; server CPU profile, self time per request:`)
  console.log(`  React (react-dom + react) ${per('react-dom', 'react')} ms, gzip (node:zlib) ${per('node:zlib')} ms`)
  console.log(`  (whole profile, boot included: ${busy.toFixed(0)} ms busy)`)
}
