/** Shared by the benchmarks: spawning and stopping servers, free ports, waiting for 200, figures. */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const BENCH_DATA_DIR = 'data/bench'
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')

const running = new Set<ChildProcess>()
/** Other things to stop when the benchmark ends early (the bench's own PostgreSQL). */
const cleanups = new Set<() => Promise<unknown>>()

export interface Spawned {
  child: ChildProcess
  /** Last lines of its output, for when it fails to start. */
  output: () => string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed). */
  stop: (graceMs?: number) => Promise<number | null>
}

/** Runs a TypeScript file with tsx in its own process group, so a stuck one can be killed whole. */
export function spawnTs(file: string, env: Record<string, string | undefined>): Spawned {
  return spawnDetached(TSX, [file], env)
}

/**
 * What package.json's start/serve/worker scripts give node (docs/decisions/015): a young generation of
 * 8 MB semi-spaces instead of the 64 MB V8 picks on a big machine, and two malloc arenas instead of one
 * per thread (zlib works on libuv's threads) — resident memory after load ~450 → ~280 MB.
 */
const RUNTIME_FLAGS = ['--max-semi-space-size=16']
const RUNTIME_ENV = { MALLOC_ARENA_MAX: '2' }

/**
 * The production server as `npm run serve` runs it: plain node on the compiled server (server/start.js,
 * $BUILD_DIR/index.js), in its own process group. WEB_CONCURRENCY in `env` makes it a cluster.
 */
export function spawnServer(env: Record<string, string | undefined>, mode: 'web' | 'worker' = 'web'): Spawned {
  return spawnDetached(process.execPath, [...RUNTIME_FLAGS, path.join('server', 'start.js'), mode], { ...RUNTIME_ENV, ...env })
}

function spawnDetached(command: string, args: string[], env: Record<string, string | undefined>): Spawned {
  const merged = { ...process.env }
  for (const [k, v] of Object.entries(env)) {
    // undefined removes an inherited variable (e.g. a DATABASE_URL that would bypass the embedded one)
    if (v === undefined) delete merged[k]
    else merged[k] = v
  }
  const child = spawn(command, args, { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  running.add(child)
  let tail: string[] = []
  const keep = (chunk: Buffer) => {
    tail = [...tail, ...chunk.toString().split('\n')].slice(-40)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  // BENCH_SERVER_LOG=<file>: the spawned processes' whole output, for finding out why requests failed.
  if (process.env.BENCH_SERVER_LOG) {
    const log = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' })
    child.stdout?.pipe(log)
    child.stderr?.pipe(log)
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  exited.then(() => running.delete(child))
  return {
    child,
    output: () => tail.join('\n'),
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => killGroup(child), graceMs)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}

/** Like spawnTs, with an IPC channel (`process.send`) to the child. */
export function forkTs(file: string, env: Record<string, string>): ChildProcess {
  const child = fork(path.join(ROOT, file), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

function killGroup(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Stops whatever is still running when the benchmark ends early (an error, Ctrl-C, the time limit). */
export async function stopAll() {
  await stopChildren()
  for (const fn of [...cleanups]) await fn().catch(() => {})
}

async function stopChildren() {
  await Promise.all(
    [...running].map((child) => {
      child.kill('SIGTERM')
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          killGroup(child)
          resolve()
        }, 15_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }),
  )
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** Polls `url` until it answers 200; resolves with the time it happened (performance.now()). */
export async function waitFor200(url: string, spawned: Spawned, timeoutMs = 120_000, intervalMs = 10): Promise<number> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    if (spawned.child.exitCode !== null)
      throw new Error(`the server exited (code ${spawned.child.exitCode}) before answering:\n${spawned.output()}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      await res.arrayBuffer()
      if (res.status === 200) return performance.now()
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`no 200 from ${url} within ${timeoutMs} ms:\n${spawned.output()}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/**
 * Holds the bench's embedded PostgreSQL (migrated) open in this process, so the data scripts can write
 * to it and every server spawned meanwhile reuses it instead of starting and stopping its own.
 */
export async function openBenchDatabase(log: (m: string) => void = () => {}) {
  const { startEmbedded } = await import('../../server/db/db-boot.ts')
  const { applyMigrations } = await import('../../server/db/schema-engine.ts')
  const database = await startEmbedded({ dataDir: path.join(ROOT, BENCH_DATA_DIR), log })
  const stop = async () => {
    cleanups.delete(stop)
    await database.stop()
  }
  cleanups.add(stop)
  await applyMigrations(database.url)
  return { url: database.url, stop }
}

/** The production server on the benchmark's own embedded database, with nothing external. */
export function productionEnv(port: number): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: BENCH_DATA_DIR,
    DATABASE_URL: undefined,
    SMTP_URL: undefined,
    REDIS_URL: undefined,
    MEILI_URL: undefined,
    // production needs APP_URL when DATABASE_URL is set (docs/decisions/019-mail-links.md)
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'error',
    RATE_LIMIT_FACTOR: '0',
  }
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(xs: number[], p: number) {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function table(headers: string[], rows: (string | number)[][], align: ('l' | 'r')[]) {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)))
  const fmt = (r: string[]) => r.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
  return [fmt(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => fmt(r.map(String)))].join('\n')
}

/** A process and its descendants (tsx runs the server in a child; a compiled server has none). */
function processTree(pid: number): number[] {
  const out = [pid]
  for (let i = 0; i < out.length; i++) {
    try {
      const tasks = readdirSync(`/proc/${out[i]}/task`)
      for (const t of tasks) {
        const children = readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim()
        if (children) out.push(...children.split(/\s+/).map(Number))
      }
    } catch {
      // gone meanwhile
    }
  }
  return out
}

const CLOCK_TICKS_PER_SECOND = 100

export interface ProcessUsage {
  /** user + system CPU time of the whole process tree, ms */
  cpuMs: number
  /** resident memory of the largest process of the tree (the server), MB */
  rssMb: number
  /** resident memory of the whole tree (the server plus e.g. tsx's wrapper), MB */
  treeRssMb: number
}

/** CPU time and resident memory from /proc (Linux); zeros elsewhere. */
export function processUsage(pid: number | undefined): ProcessUsage {
  if (!pid || !existsSync(`/proc/${pid}`)) return { cpuMs: 0, rssMb: 0, treeRssMb: 0 }
  let ticks = 0
  const rss: number[] = []
  for (const p of processTree(pid)) {
    try {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))
      if (m) rss.push(Number(m[1]) / 1024)
    } catch {
      // gone meanwhile
    }
  }
  return {
    cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    rssMb: Math.round(Math.max(0, ...rss)),
    treeRssMb: Math.round(rss.reduce((s, x) => s + x, 0)),
  }
}
