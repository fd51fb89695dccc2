/**
 * Stops an embedded PostgreSQL that a killed e2e or benchmark run left behind on its data directory,
 * so the next run starts from a clean slate instead of silently reusing (or fighting) it.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function stopLeftoverCluster(dataDir: string, timeoutMs = 10_000) {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid')
  if (!existsSync(pidFile)) return false
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (!pid || !alive(pid)) return false
  process.kill(pid, 'SIGINT') // PostgreSQL's "fast" shutdown: ends sessions, checkpoints, exits
  const deadline = Date.now() + timeoutMs
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  return true
}
