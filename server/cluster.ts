/**
 * WEB_CONCURRENCY=N (N > 1) runs N web processes on one machine with node:cluster
 * (docs/decisions/015-runtime-and-cluster.md). The primary prepares the database once (starts the
 * embedded one, migrates, seeds) and starts the workers; it renders nothing. The workers share the
 * port: node:cluster hands each new connection to the next worker, and keep-alive connections stay
 * where they are. Live connections are WebSocket only in a cluster, so no request of a Socket.io client
 * ever needs to reach one particular worker. Workers share rooms through @socket.io/cluster-adapter (or
 * Redis when REDIS_URL is set) and page-cache invalidations through the event relay. The first worker
 * also runs the job worker.
 */
import cluster, { type Worker } from 'node:cluster'
import { setupPrimary } from '@socket.io/cluster-adapter'
import type { ServerBuild } from '@remix-run/node'
import { prepareDatabase, startApp } from './app-server.ts'

const READY = 'birlikte:ready'
const SHUTDOWN = 'birlikte:shutdown'
/** how long workers get to finish in-flight requests and close before they are killed */
const GRACE_MS = 20_000
/** a worker that dies within this long of its start is not restarted (it would only crash again) */
const CRASH_LOOP_MS = 5_000

/** WEB_CONCURRENCY as a number of processes: 1 when unset; anything but a whole number 1–64 stops the start. */
export function webConcurrency(value = process.env.WEB_CONCURRENCY): number {
  if (value === undefined || value.trim() === '') return 1
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`WEB_CONCURRENCY must be a whole number of processes from 1 to 64, not "${value}".`)
  return n
}

export interface Running {
  close: (reason?: string) => Promise<void>
}

/** The primary: database, port, N workers; `close()` stops accepting, lets the workers finish, then the database. */
export async function startPrimary(workers: number, log: (m: string) => void = console.log): Promise<Running> {
  const t0 = performance.now()
  const database = await prepareDatabase({ log })
  // The seed may have opened a Prisma client here; the primary needs no database connection of its own.
  const { disconnectDb } = await import('../app/lib/db.server.ts')
  await disconnectDb()

  setupPrimary()
  // Round-robin over new connections (node's default on Linux; said here for every platform). The
  // adapter's messages between workers carry Buffers: structured clone, not JSON.
  cluster.schedulingPolicy = cluster.SCHED_RR
  cluster.setupPrimary({ serialization: 'advanced' })

  let closing: Promise<void> | undefined
  const exited = new Map<Worker, Promise<void>>()

  let port = 0
  function fork(index: number): Promise<Worker> {
    const worker = cluster.fork({
      DATABASE_URL: database.url,
      BIRLIKTE_WORKER_INDEX: String(index),
      // pg-boss coordinates through PostgreSQL, but one job worker per machine is plenty: the first.
      WORKER: index === 0 && process.env.WORKER !== '0' ? '1' : '0',
    })
    const startedAt = Date.now()
    exited.set(
      worker,
      new Promise<void>((resolve) =>
        worker.once('exit', (code, signal) => {
          exited.delete(worker)
          resolve()
          if (closing) return
          const why = signal ? `signal ${signal}` : `code ${code}`
          if (Date.now() - startedAt < CRASH_LOOP_MS) {
            log(`worker ${index + 1} exited (${why}) right after starting; not restarting it`)
            if (Object.keys(cluster.workers ?? {}).length === 0) void close('no workers left').then(() => process.exit(1))
            return
          }
          log(`worker ${index + 1} exited (${why}); starting a new one`)
          fork(index).catch((e: Error) => log(`worker ${index + 1} could not restart: ${e.message}`))
        }),
      ),
    )
    return new Promise<Worker>((resolve, reject) => {
      worker.on('message', (m: { type?: string; port?: number }) => {
        if (m?.type !== READY) return
        port = m.port ?? port
        resolve(worker)
      })
      worker.once('exit', (code) => reject(new Error(`worker ${index + 1} exited with code ${code} before it was ready`)))
    })
  }

  async function close(reason = 'shutdown') {
    return (closing ??= (async () => {
      log(`Shutting down (${reason}) …`)
      const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w)
      for (const w of all) if (w.isConnected()) w.send({ type: SHUTDOWN })
      const timer = setTimeout(() => {
        for (const w of all) w.process.kill('SIGKILL')
      }, GRACE_MS)
      await Promise.all(all.map((w) => exited.get(w)))
      clearTimeout(timer)
      await database.stop().catch((e: Error) => log(`shutdown step failed: ${e.message}`))
      log('Stopped cleanly.')
    })())
  }

  try {
    // Each worker opens the shared port as it becomes ready; the address is known once one has.
    await Promise.all(Array.from({ length: workers }, (_, i) => fork(i)))
    log(`birlikte is listening on http://localhost:${port} (${workers} processes, ready in ${Math.round(performance.now() - t0)} ms)`)
  } catch (e) {
    await close('start-up failed')
    throw e
  }
  return { close }
}

/** A worker: the app on the primary's database, on the shared port; stops when told or orphaned. */
export async function startClusterWorker(build: ServerBuild, log: (m: string) => void = console.log): Promise<Running> {
  const index = Number(process.env.BIRLIKTE_WORKER_INDEX ?? 0)
  const app = await startApp({
    build,
    clusterWorker: true,
    seed: false,
    database: { url: process.env.DATABASE_URL!, embedded: false, stop: async () => {} },
    log: (m) => log(`[worker ${index + 1}] ${m}`),
  })
  const close = async (reason?: string) => {
    await app.close(reason)
    process.exit(0)
  }
  process.on('message', (m: { type?: string }) => m?.type === SHUTDOWN && void close('asked by the primary'))
  // The primary is gone (killed): the cluster is over, and nobody would restart or stop this process.
  process.on('disconnect', () => void close('the primary went away'))
  process.send?.({ type: READY, port: Number(new URL(app.url).port) })
  return { close }
}
