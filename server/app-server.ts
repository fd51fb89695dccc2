/**
 * Boots birlikte in this process: database (embedded or external), migrations, demo data (embedded
 * database, or SEED=1), HTTP + Socket.io on one port, the event relay and the job worker. `close()`
 * shuts it down in reverse order. In a WEB_CONCURRENCY cluster (server/cluster.ts) the primary prepares
 * the database and starts the workers; each worker runs this with `clusterWorker`.
 */
import { readdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import pg from 'pg'
import { resolveDatabase, type Database } from './db/db-boot.ts'
import { applyMigrations, MIGRATIONS_DIR } from './db/schema-engine.ts'
import { createEventRelay } from './event-relay.ts'
import { createHttpApp } from './http.ts'
import { createRealtime, type RealtimeServer } from './realtime.ts'
import { ROOT } from './root.ts'

export { ROOT }

export interface StartOptions {
  port?: number
  host?: string
  log?: (message: string) => void
  worker?: boolean
  seed?: boolean
  /** the Remix build of this module graph (the bundle passes its own); read from $BUILD_DIR otherwise */
  build?: ServerBuild
  /** a database the caller prepared (migrated, seeded) and will stop itself */
  database?: Database
  /**
   * A worker of a WEB_CONCURRENCY cluster: it listens on the cluster's shared port, takes live connections
   * over WebSocket only (no sticky sessions: see server/cluster.ts) and shares rooms through the cluster
   * adapter unless Redis does.
   */
  clusterWorker?: boolean
  /**
   * Test-only: how the job worker fetches link previews (e.g. `{ allow: ['127.0.0.1:4321'] }` for a
   * local page server in the e2e harness). Code only, never an environment variable: production always
   * fetches public addresses only.
   */
  linkPreviews?: import('../app/modules/previews/fetch.server.ts').FetchOptions
}

export interface RunningServer {
  url: string
  port: number
  server: Server
  database: Database
  io: RealtimeServer
  close: (reason?: string) => Promise<void>
}

/**
 * Demo data (accounts with the README's public password) goes only into the embedded database, which
 * exists for trying birlikte out; a database someone provides gets it only when SEED=1 asks for it.
 */
async function seedDemoData(database: Database, explicit: boolean | undefined, log: (m: string) => void) {
  const setting = process.env.SEED
  const wanted = explicit ?? (setting === '1' ? true : setting === '0' ? false : database.embedded)
  if (wanted) {
    const { seedIfEmpty } = await import('../prisma/seed.ts')
    await seedIfEmpty({ url: database.url, log })
    return
  }
  if (explicit !== undefined || setting === '0') return
  const { db } = await import('../app/lib/db.server.ts')
  if ((await db.user.count()) === 0) {
    log(
      'The database at DATABASE_URL is empty; demo data is not loaded into a database you provide (its accounts share a public password): set SEED=1 to load it.',
    )
  }
}

/**
 * Whether every migration folder is recorded as applied. Checked first because the schema engine is a
 * large WebAssembly module: loading it on every start would cost most of a restart's time.
 */
async function migrationsApplied(url: string) {
  const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    const { rows } = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    const applied = new Set(rows.map((r) => r.name))
    return folders.every((name) => applied.has(name))
  } catch {
    return false // no table yet, or anything unusual: the engine decides
  } finally {
    await client.end().catch(() => {})
  }
}

/** The database this deployment uses, migrated and (see seedDemoData) seeded: done once per start. */
export async function prepareDatabase(options: { seed?: boolean; log: (m: string) => void }): Promise<Database> {
  const { log } = options
  const database = await resolveDatabase({ log })
  try {
    const applied = (await migrationsApplied(database.url)) ? [] : await applyMigrations(database.url)
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`)
    await seedDemoData(database, options.seed, log)
    return database
  } catch (e) {
    await database.stop().catch(() => {})
    throw e
  }
}

export async function startApp(options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((m: string) => console.log(m))
  const t0 = performance.now()
  const database = options.database ?? (await prepareDatabase({ seed: options.seed, log }))
  const stops: (() => Promise<unknown>)[] = options.database ? [] : [() => database.stop()]
  try {
    const buildDir = process.env.BUILD_DIR || 'build'
    const build = options.build ?? ((await import(pathToFileURL(path.join(ROOT, buildDir, 'index.js')).href)) as ServerBuild)
    const relay = createEventRelay({ databaseUrl: database.url, redisUrl: process.env.REDIS_URL, redisPrefix: process.env.REDIS_PREFIX })
    stops.unshift(() => relay.close())
    let io: unknown
    const http = createHttpApp({
      build,
      databaseUrl: database.url,
      trustProxy: process.env.TRUST_PROXY === '1',
      publicDir: path.join(ROOT, 'public'),
      assetsDir: path.join(ROOT, 'public', buildDir),
      getIo: () => io,
      // PAGE_CACHE_TTL_MS: how long a signed-out page may be served without an event (decision 010)
      pageCache: { subscribe: relay.subscribe, ttlMs: Number(process.env.PAGE_CACHE_TTL_MS) || undefined },
    })
    const server = createServer(http.app)
    server.keepAliveTimeout = 65_000
    const cluster = options.clusterWorker ? await import('./cluster-worker.ts') : null
    const realtime = await createRealtime(server, {
      redisUrl: process.env.REDIS_URL,
      clusterAdapter: cluster?.clusterAdapter(),
      websocketOnly: !!cluster,
      socketless: relay.subscribeSocketless,
    })
    io = realtime.io

    const { disconnectDb } = await import('../app/lib/db.server.ts')
    stops.unshift(
      () => disconnectDb(),
      () => http.close(),
    )

    const port = options.port ?? Number(process.env.PORT ?? 3000)
    const host = options.host ?? process.env.HOST ?? '0.0.0.0'
    if (cluster) cluster.nameResponses(realtime.io, server, String(Number(process.env.BIRLIKTE_WORKER_INDEX ?? 0) + 1))
    // In a cluster, the port is shared: node:cluster gives each new connection to a worker in turn.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    const actualPort = (server.address() as { port: number }).port
    const url = `http://localhost:${actualPort}`
    if (!cluster) log(`birlikte is listening on ${url} (ready in ${Math.round(performance.now() - t0)} ms)`)

    // After the port opens: pages are served while pg-boss starts (its jobs wait in PostgreSQL meanwhile).
    if (options.worker ?? process.env.WORKER !== '0') {
      const { startWorker } = await import('./worker.ts')
      const worker = await startWorker({ log, linkPreviews: options.linkPreviews }).catch((e: unknown) => {
        server.close()
        throw e
      })
      stops.unshift(() => worker.stop())
    }

    let closing: Promise<void> | undefined
    const close = (reason = 'shutdown') =>
      (closing ??= (async () => {
        log(`Shutting down (${reason}) …`)
        // 1. stop accepting; let in-flight requests finish (10 s at most); drop idle keep-alive sockets
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        const timer = setTimeout(() => server.closeAllConnections(), 10_000)
        // 2. close live sockets so they reconnect elsewhere
        await realtime.close()
        await closed
        clearTimeout(timer)
        // 3. worker, database client, embedded database — in that order
        for (const stop of stops) await stop().catch((e) => log(`shutdown step failed: ${(e as Error).message}`))
        log('Stopped cleanly.')
      })())
    return { url, port: actualPort, server, database, io: realtime.io, close }
  } catch (e) {
    for (const stop of stops) await stop().catch(() => {})
    throw e
  }
}
