/**
 * Finds the database the process should use: DATABASE_URL when set (and reachable), otherwise an
 * embedded PostgreSQL kept under $DATA_DIR/pg (docs/decisions/002-embedded-postgres.md; as root it may
 * live elsewhere, see pg-placement.ts).
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { clusterExists, initCluster, installedPostgres, newPassword, startCluster } from './embedded-pg.ts'
import { DatabaseUnreachableError } from './errors.ts'
import { ensurePostgresUser, reachableBinaries, reachableDataDir, RELOCATION_BASE, runningAsRoot, type PgUser } from './pg-placement.ts'

export { DatabaseUnreachableError, EmbeddedDatabaseError } from './errors.ts'

export const DATA_DIR = path.resolve(process.env.DATA_DIR ?? 'data')
export const APP_DATABASE = 'birlikte'

export interface Database {
  url: string
  /** Stops what this process started (the embedded server); a no-op for external databases. */
  stop: () => Promise<void>
  embedded: boolean
}

function describe(url: string) {
  const u = new URL(url)
  return `${u.hostname}:${u.port || 5432}${u.pathname}`
}

export async function checkReachable(url: string, timeoutMs = 5000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (e) {
    throw new DatabaseUnreachableError(
      `DATABASE_URL is set but the database at ${describe(url)} cannot be reached: ${(e as Error).message}. ` +
        'Start that server, fix DATABASE_URL, or unset it to use the embedded PostgreSQL.',
    )
  } finally {
    await client.end().catch(() => {})
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A cluster another process of ours already runs on this data directory (postmaster.pid says where). */
async function runningCluster(dir: string): Promise<number | null> {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const lines = (await readFile(pidFile, 'utf8')).split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  return pid && port && pidAlive(pid) ? port : null
}

async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
}

export interface EmbeddedOptions {
  dataDir?: string
  database?: string
  log?: (m: string) => void
  /** where a root process puts binaries and data the postgres user cannot reach in place (tests change it) */
  relocationBase?: string
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<Database> {
  const dataDir = path.resolve(options.dataDir ?? DATA_DIR)
  const database = options.database ?? APP_DATABASE
  const log = options.log ?? ((m: string) => console.log(m))
  const credFile = path.join(dataDir, 'pg-credentials.json')
  await mkdir(dataDir, { recursive: true })

  let creds: { user: string; password: string }
  if (existsSync(credFile)) creds = JSON.parse(await readFile(credFile, 'utf8'))
  else {
    creds = { user: 'postgres', password: newPassword() }
    await writeFile(credFile, JSON.stringify(creds), { mode: 0o600 })
  }
  const urlFor = (port: number, db: string) => `postgresql://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${db}`

  // PostgreSQL refuses to run as root: as root it runs as the postgres user, from places it can reach.
  let nativeDir = await installedPostgres()
  let dir = path.join(dataDir, 'pg')
  let user: PgUser | null = null
  if (runningAsRoot()) {
    const base = options.relocationBase ?? RELOCATION_BASE
    user = await ensurePostgresUser()
    nativeDir = await reachableBinaries(user, nativeDir, base, log)
    dir = await reachableDataDir(user, dataDir, base, log)
  }

  const existingPort = await runningCluster(dir)
  if (existingPort) {
    await ensureDatabase(urlFor(existingPort, 'postgres'), database)
    return { url: urlFor(existingPort, database), stop: async () => {}, embedded: true }
  }

  if (!clusterExists(dir)) {
    const shown = path.relative(process.cwd(), dir)
    log(`Creating the embedded PostgreSQL cluster in ${shown && !shown.startsWith('..') ? shown : dir} …`)
    await initCluster({ nativeDir, dir, user, superuser: creds.user, password: creds.password })
  }
  const port = await freePort()
  const server = await startCluster({
    nativeDir,
    dir,
    port,
    user,
    // Listen on loopback only; the defaults of a development cluster are fine otherwise.
    flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    log,
  })
  try {
    await ensureDatabase(urlFor(port, 'postgres'), database)
  } catch (e) {
    await server.stop()
    throw e
  }
  return {
    url: urlFor(port, database),
    embedded: true,
    stop: () => server.stop(),
  }
}

export async function resolveDatabase(options: { log?: (m: string) => void } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL
  if (url) {
    await checkReachable(url)
    return { url, stop: async () => {}, embedded: false }
  }
  const db = await startEmbedded(options)
  process.env.DATABASE_URL = db.url
  return db
}

/** For CLI commands: resolve the database, run, and stop what was started. */
export async function withDatabase(fn: (url: string) => Promise<void>) {
  let db: Database | undefined
  try {
    db = await resolveDatabase()
    await fn(db.url)
  } catch (e) {
    console.error(e instanceof DatabaseUnreachableError ? e.message : e)
    process.exitCode = 1
  } finally {
    await db?.stop()
  }
}
