/**
 * Demo data (an admin with the README's public password) goes into the embedded database only: an empty
 * database given by DATABASE_URL stays empty, with a line saying so, unless SEED=1 asks for it.
 * (The embedded default is checked in process.test.ts: "Demo data loaded".)
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterEach, describe, expect, it, inject } from 'vitest'
import { startApp } from '../../../server/app-server.ts'

const adminUrl = inject('dbAdminUrl')
const original = { url: process.env.DATABASE_URL, seed: process.env.SEED }

afterEach(() => {
  process.env.DATABASE_URL = original.url
  if (original.seed === undefined) delete process.env.SEED
  else process.env.SEED = original.seed
})

/** A migrated database without a single row of data, as an operator's new server would be. */
async function emptyDatabase() {
  const name = `${inject('dbPrefix')}_seed_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('dbTemplate')}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function count(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0].n)
  } finally {
    await c.end()
  }
}

async function boot(url: string, seed: string | undefined) {
  process.env.DATABASE_URL = url
  if (seed === undefined) delete process.env.SEED
  else process.env.SEED = seed
  const lines: string[] = []
  const app = await startApp({ port: 0, host: '127.0.0.1', worker: false, log: (m) => lines.push(m) })
  await app.close('test')
  expect(app.database.embedded).toBe(false)
  return lines.join('\n')
}

describe('demo data and DATABASE_URL', () => {
  it('leaves an empty database of DATABASE_URL empty and says how to load the demo', async () => {
    const url = await emptyDatabase()
    const log = await boot(url, undefined)
    expect(await count(url, 'select count(*) as n from "User"')).toBe(0)
    expect(log).toContain(
      'The database at DATABASE_URL is empty; demo data is not loaded into a database you provide (its accounts share a public password): set SEED=1 to load it.',
    )
    expect(log).not.toContain('Demo data loaded')
  })

  it('loads it there with SEED=1', async () => {
    const url = await emptyDatabase()
    const log = await boot(url, '1')
    expect(await count(url, `select count(*) as n from "User" where email = 'admin@birlikte.local'`)).toBe(1)
    expect(log).toContain('Demo data loaded')
    // Every date of the demo is in the past (issue 10, item 8.12): no "last activity" tomorrow.
    expect(await count(url, 'select count(*) as n from "Post"')).toBeGreaterThan(10)
    const future = (table: string, column: string) =>
      count(url, `select count(*) as n from "${table}" where "${column}" > (now() at time zone 'utc')`)
    for (const [table, column] of [
      ['Post', 'createdAt'],
      ['Thread', 'createdAt'],
      ['Thread', 'lastPostAt'],
      ['Space', 'lastActivityAt'],
      ['SpaceMember', 'rulesAcceptedAt'],
    ])
      expect(await future(table, column), `${table}.${column}`).toBe(0)
  }, 60_000)

  it('says nothing and loads nothing with SEED=0', async () => {
    const url = await emptyDatabase()
    const log = await boot(url, '0')
    expect(await count(url, 'select count(*) as n from "User"')).toBe(0)
    expect(log).not.toContain('demo data')
  })
})
