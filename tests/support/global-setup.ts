/**
 * One PostgreSQL per test run (embedded, or TEST_DATABASE_URL's server): migrate a template database
 * once, then every test file clones it (database-per-file.ts) — real isolation without re-migrating.
 */
import path from 'node:path'
import { rm } from 'node:fs/promises'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startEmbedded, type Database } from '../../server/db/db-boot.ts'
import { applyMigrations } from '../../server/db/schema-engine.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    dbAdminUrl: string
    dbTemplate: string
    dbPrefix: string
  }
}

let embedded: Database | undefined
let dataDir = ''
let adminUrl = ''
let prefix = ''

function withDatabase(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function setup(project: TestProject) {
  prefix = `bt_${process.pid}_${Date.now().toString(36)}`
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = withDatabase(process.env.TEST_DATABASE_URL, 'postgres')
  } else {
    // A cluster per run: concurrent runs never share (or stop) each other's server.
    dataDir = path.resolve(`data/test/run-${process.pid}`)
    embedded = await startEmbedded({ dataDir, database: 'postgres', log: () => {} })
    adminUrl = embedded.url
  }
  const template = `${prefix}_template`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${template}"`)
  await admin.end()
  const templateUrl = withDatabase(adminUrl, template)
  await applyMigrations(templateUrl)
  // pg-boss installs its schema on first start; do it once here so every clone has it.
  process.env.DATABASE_URL = templateUrl
  const { getBoss, stopBoss } = await import('../../app/modules/jobs/queue.server.ts')
  await getBoss()
  await stopBoss()
  delete process.env.DATABASE_URL
  // A template must have no open connections when it is cloned.
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [template])
  await c.end()
  project.provide('dbAdminUrl', adminUrl)
  project.provide('dbTemplate', template)
  project.provide('dbPrefix', prefix)
}

export async function teardown() {
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`])
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    await admin.end()
  }
  await embedded?.stop()
  if (embedded) await rm(dataDir, { recursive: true, force: true })
}
