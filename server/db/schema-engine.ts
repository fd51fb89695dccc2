/**
 * Drives Prisma's WebAssembly schema engine directly, because the Prisma 7 CLI downloads a native engine
 * for every migrate command and this project must work without internet
 * (docs/decisions/001-offline-migrations.md).
 */
import { readFile, readdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg'
import { ROOT } from '../root.ts'
import { serializeTransactionQueries } from '../../app/lib/pg-serial.server.ts'

const require = createRequire(import.meta.url)

export const PRISMA_DIR = path.join(ROOT, 'prisma')
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma')
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations')
export const FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] }

const PG_CHAR_OID = 18
const PG_TEXT_OID = 25

type Queryable = { queryRaw(q: unknown): Promise<{ columnTypes: number[] }>; performIO(q: unknown): Promise<pg.QueryResult> }

/**
 * The engine's schema describer reads PostgreSQL's internal "char" type (OID 18, e.g. contype), which
 * adapter-pg 7.10 cannot map. Let the adapter see text, then tell the engine the column is a Character.
 * Patched on the shared prototype of the adapter and its transactions, in this CLI process only.
 */
function teachCharType(adapter: object) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable & { __charPatched?: boolean }
  if (proto.__charPatched) return
  const original = proto.queryRaw
  proto.queryRaw = async function (this: Queryable, query: unknown) {
    const charColumns: number[] = []
    const self = Object.create(this, {
      performIO: {
        value: async (q: unknown) => {
          const res = await this.performIO(q)
          res.fields.forEach((f, i) => {
            if (f.dataTypeID === PG_CHAR_OID) {
              f.dataTypeID = PG_TEXT_OID
              charColumns.push(i)
            }
          })
          return res
        },
      },
    })
    const out = await original.call(self, query)
    for (const i of charColumns) out.columnTypes[i] = ColumnTypeEnum.Character
    return out
  }
  proto.__charPatched = true
}

function poolConfig(url: string, database?: string): pg.PoolConfig {
  // Discrete fields, not a connection string: the shadow pool is derived by swapping the database name.
  const u = new URL(url)
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    max: 2,
  }
}

function adapterFactory(url: string, opened: { dispose(): Promise<void> }[]) {
  const main = new PrismaPg(poolConfig(url))
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      const adapter = await main.connect()
      teachCharType(adapter)
      serializeTransactionQueries(adapter)
      opened.push(adapter)
      return adapter
    },
    async connectToShadowDb() {
      const name = `prisma_shadow_${crypto.randomUUID().replaceAll('-', '')}`
      const admin = new pg.Client(poolConfig(url))
      await admin.connect()
      await admin.query(`CREATE DATABASE "${name}"`)
      const shadow = await new PrismaPg(poolConfig(url, name)).connect()
      teachCharType(shadow)
      serializeTransactionQueries(shadow)
      const dispose = shadow.dispose.bind(shadow)
      // End the shadow pool before dropping its database; the stock factory does it the other way round.
      shadow.dispose = async () => {
        await dispose()
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
      }
      return shadow
    },
  }
}

let runtimePromise: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined

function loadRuntime() {
  runtimePromise ??= (async () => {
    // The engine reports Rust panics through this global; without it a panic becomes a TypeError.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } }
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (m: string) => console.error(`schema engine panic: ${m}`),
    }
    const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm')
    const module = new WebAssembly.Module(await readFile(wasmPath))
    const instance = new WebAssembly.Instance(module, {
      './schema_engine_bg.js': runtime as unknown as WebAssembly.ModuleImports,
    })
    runtime.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return runtime
  })()
  return runtimePromise
}

export async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const runtime = await loadRuntime()
  const schema = await readFile(SCHEMA_PATH, 'utf8')
  const log = (message: string) => {
    if (process.env.PRISMA_ENGINE_LOG) console.error(message)
  }
  const opened: { dispose(): Promise<void> }[] = []
  const engine = await runtime.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url, opened) as unknown as PrismaPg),
  )
  try {
    return await fn(engine)
  } finally {
    engine.free()
    // The engine does not close its connections; leaving them open would block DROP/TEMPLATE.
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})))
  }
}

export async function readMigrations(): Promise<MigrationList> {
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml')
  const entries = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      entries.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(path.join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (e: Error) => ({ tag: 'error' as const, value: e.message }),
          ),
        },
      })),
    ),
  }
}

/** Applies every migration not yet in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const migrationsList = await readMigrations()
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: FILTERS })
    return out.appliedMigrationNames
  })
}
