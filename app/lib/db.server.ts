import { createHash } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { serializeTransactionQueries } from './pg-serial.server'
import { singleton, resetSingleton } from './singleton.server'

export type { Prisma } from '~/generated/prisma/client'
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

/** the statements each connection keeps prepared: the app's own are a few hundred */
const MAX_PREPARED = 2_000
const statementNames = new Map<string, string>()

/**
 * Named, so each connection prepares a statement once and PostgreSQL can keep its plan: planning the
 * session and thread-page queries cost more than running them (1.5 ms against 0.1 ms for the session).
 * Named by the text's digest; past MAX_PREPARED distinct texts (e.g. IN lists of every length) the
 * rest go unnamed, so no connection keeps an unbounded set. DB_PREPARED_STATEMENTS=0 turns it off (a
 * pooler in transaction mode that does not carry prepared statements).
 */
function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql)
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED) return ''
    name = `b_${createHash('sha1').update(query.sql).digest('base64url')}`
    statementNames.set(query.sql, name)
  }
  return name
}

function create() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set; start through server/index.ts or set it.')
  const prepared = process.env.DB_PREPARED_STATEMENTS !== '0'
  const adapter = new PrismaPg({ connectionString: url, max: 20 }, prepared ? { statementNameGenerator: statementName } : {})
  const connect = adapter.connect.bind(adapter)
  adapter.connect = async () => {
    const connected = await connect()
    serializeTransactionQueries(connected)
    return connected
  }
  return new PrismaClient({ adapter })
}

/** The one Prisma client of the process (created on first use, after the database is known). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = singleton('prisma', create)
    const value = Reflect.get(client, prop, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

export async function disconnectDb() {
  const g = globalThis as unknown as { __birlikte?: { prisma?: PrismaClient } }
  const client = g.__birlikte?.prisma
  resetSingleton('prisma')
  await client?.$disconnect()
}
