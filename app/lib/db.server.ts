import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { singleton, resetSingleton } from './singleton.server'

export type { Prisma } from '~/generated/prisma/client'
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

function create() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set; start through server/index.ts or set it.')
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 20 }) })
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
