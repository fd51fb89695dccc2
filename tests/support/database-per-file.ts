/** Gives this test file its own database, cloned from the migrated template, and drops it afterwards. */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'

const adminUrl = inject('dbAdminUrl')
const name = `${inject('dbPrefix')}_${randomBytes(5).toString('hex')}`

const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('dbTemplate')}"`)
await admin.end()

const url = new URL(adminUrl)
url.pathname = `/${name}`
process.env.DATABASE_URL = url.toString()
process.env.NODE_ENV = 'test'
process.env.LOG_LEVEL ??= 'silent'
process.env.DATA_DIR = `data/test/files/${name}`

afterAll(async () => {
  const { disconnectDb } = await import('../../app/lib/db.server.ts')
  const { stopBoss } = await import('../../app/modules/jobs/queue.server.ts')
  await stopBoss()
  await disconnectDb()
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await c.end()
})
