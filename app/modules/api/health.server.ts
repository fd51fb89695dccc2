import { db } from '~/lib/db.server'
import pkg from '../../../package.json'

export const APP_VERSION: string = pkg.version

export async function checkHealth() {
  let database: 'up' | 'down' = 'up'
  try {
    await db.$queryRaw`SELECT 1`
  } catch {
    database = 'down'
  }
  return { status: database === 'up' ? ('ok' as const) : ('degraded' as const), database, version: APP_VERSION }
}
