/**
 * `npm run bench`: cold start and requests/s of the production build on loopback, printed as a
 * compact table. Bounded in time; stops every process it started. Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { coldStart } from './cold-start.ts'
import { ROOT, stopAll, table } from './lib.ts'
import { throughput } from './throughput.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 10 * 60_000)

const log = (m: string) => console.error(`· ${m}`)

async function abort(reason: string) {
  console.error(`\n✖ ${reason}; stopping the servers …`)
  await stopAll()
  process.exit(1)
}

const limit = setTimeout(() => void abort(`the benchmarks took longer than ${LIMIT_MS / 1000} s`), LIMIT_MS)
process.once('SIGINT', () => void abort('interrupted'))
process.once('SIGTERM', () => void abort('terminated'))

try {
  const buildDir = process.env.BUILD_DIR || 'build'
  if (!existsSync(path.join(ROOT, buildDir, 'index.js'))) {
    log(`no ${buildDir}/ yet: building …`)
    if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('the build failed')
  }

  const cold = await coldStart(RUNS, log)
  const rates = await throughput({ durationSec: DURATION, connections: CONNECTIONS, log })

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU'
  console.log(`\nbirlikte benchmarks · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} · Node ${process.version} · ${os.availableParallelism()} × ${cpu} · loopback\n`)
  console.log(`Cold start, process start → first 200 on / (database already initialised; warm-up run ${Math.round(cold.warmUpMs)} ms)`)
  console.log(table(['runs (ms)', 'median (ms)'], [[cold.runsMs.map(Math.round).join(', '), Math.round(cold.medianMs)]], ['l', 'r']))
  console.log(`\nThroughput, autocannon, ${CONNECTIONS} connections × ${DURATION} s each`)
  console.log(
    table(
      ['target', 'req/s', '× bare node', 'p50 ms', 'p99 ms', 'requests', 'non-2xx/errors'],
      rates.map((r) => [r.name, Math.round(r.reqPerSec), r.ratio.toFixed(3), r.p50, r.p99, r.requests, r.bad]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  )
  if (rates.some((r) => r.bad > 0)) {
    console.error('\n✖ some requests failed or were not 2xx; the figures above are not trustworthy')
    process.exitCode = 1
  }
} catch (e) {
  console.error(e)
  await stopAll()
  process.exitCode = 1
} finally {
  clearTimeout(limit)
}
