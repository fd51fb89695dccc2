/**
 * Cold start: from spawning the production server (`node server/start.js`, the compiled build) to its first HTTP 200 on
 * `/`, with the embedded database already initialised by a warm-up run — so it measures what a
 * restart costs (PostgreSQL start, migration check, loading the build), not initdb.
 */
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { stopLeftoverCluster } from '../support/leftover-cluster.ts'
import { BENCH_DATA_DIR, freePort, median, productionEnv, ROOT, spawnServer, waitFor200 } from './lib.ts'

export interface ColdStart {
  warmUpMs: number
  runsMs: number[]
  medianMs: number
}

async function startOnce(): Promise<{ ms: number; exitCode: number | null }> {
  const port = await freePort()
  const t0 = performance.now()
  const server = spawnServer(productionEnv(port))
  try {
    const ready = await waitFor200(`http://127.0.0.1:${port}/`, server)
    return { ms: ready - t0, exitCode: await server.stop() }
  } catch (e) {
    await server.stop()
    throw e
  }
}

export async function coldStart(runs = 5, log: (m: string) => void = console.log): Promise<ColdStart> {
  const dataDir = path.join(ROOT, BENCH_DATA_DIR)
  await stopLeftoverCluster(dataDir)
  await rm(dataDir, { recursive: true, force: true })

  log('cold start: warm-up run (creates the embedded database, migrates, loads demo data) …')
  const warmUp = await startOnce()
  const runsMs: number[] = []
  for (let i = 1; i <= runs; i++) {
    const { ms, exitCode } = await startOnce()
    if (exitCode !== 0) throw new Error(`the server exited with code ${exitCode} after SIGTERM; expected a clean 0`)
    runsMs.push(ms)
    log(`cold start: run ${i}/${runs}: ${Math.round(ms)} ms`)
  }
  return { warmUpMs: warmUp.ms, runsMs, medianMs: median(runsMs) }
}

if (import.meta.main) {
  const r = await coldStart()
  console.log(`cold start → first 200 on /: ${r.runsMs.map(Math.round).join(', ')} ms; median ${Math.round(r.medianMs)} ms`)
}
