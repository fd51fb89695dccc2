/**
 * Boots birlikte in this process: database (embedded or external), migrations, demo data (embedded
 * database, or SEED=1), HTTP + Socket.io on one port, and the job worker. `close()` shuts it down in
 * reverse order.
 */
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { resolveDatabase, type Database } from './db/db-boot.ts'
import { applyMigrations } from './db/schema-engine.ts'
import { createHttpApp } from './http.ts'
import { createRealtime } from './realtime.ts'

export const ROOT = path.resolve(import.meta.dirname, '..')

export interface StartOptions {
  port?: number
  host?: string
  log?: (message: string) => void
  worker?: boolean
  seed?: boolean
}

export interface RunningServer {
  url: string
  port: number
  server: Server
  database: Database
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

export async function startApp(options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((m: string) => console.log(m))
  const t0 = performance.now()
  const database = await resolveDatabase({ log })
  const stops: (() => Promise<unknown>)[] = [() => database.stop()]
  try {
    const applied = await applyMigrations(database.url)
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`)

    await seedDemoData(database, options.seed, log)

    const buildDir = process.env.BUILD_DIR || 'build'
    const build = (await import(pathToFileURL(path.join(ROOT, buildDir, 'index.js')).href)) as ServerBuild
    let io: unknown
    const http = createHttpApp({
      build,
      databaseUrl: database.url,
      trustProxy: process.env.TRUST_PROXY === '1',
      publicDir: path.join(ROOT, 'public'),
      assetsDir: path.join(ROOT, 'public', buildDir),
      getIo: () => io,
    })
    const server = createServer(http.app)
    server.keepAliveTimeout = 65_000
    const realtime = await createRealtime(server, { redisUrl: process.env.REDIS_URL })
    io = realtime.io

    const { disconnectDb } = await import('../app/lib/db.server.ts')
    stops.unshift(
      () => disconnectDb(),
      () => http.close(),
    )

    if (options.worker ?? process.env.WORKER !== '0') {
      const { startWorker } = await import('./worker.ts')
      const worker = await startWorker({ log })
      stops.unshift(() => worker.stop())
    }

    const port = options.port ?? Number(process.env.PORT ?? 3000)
    const host = options.host ?? process.env.HOST ?? '0.0.0.0'
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    const actualPort = (server.address() as { port: number }).port
    const url = `http://localhost:${actualPort}`
    log(`birlikte is listening on ${url} (ready in ${Math.round(performance.now() - t0)} ms)`)

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
    return { url, port: actualPort, server, database, close }
  } catch (e) {
    for (const stop of stops) await stop().catch(() => {})
    throw e
  }
}
