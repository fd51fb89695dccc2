/** npm run db:reset — drop the database, re-create it, apply migrations and load the demo data. */
import pg from 'pg'
import { withDatabase } from '../db/db-boot.ts'
import { applyMigrations } from '../db/schema-engine.ts'

await withDatabase(async (url) => {
  const name = decodeURIComponent(new URL(url).pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  console.log(`database ${name} dropped and re-created`)
  const applied = await applyMigrations(url)
  console.log(`applied ${applied.length} migrations`)
  if (!process.argv.includes('--no-seed')) {
    const { seed } = await import('../../prisma/seed.ts')
    await seed({ url, printCredentials: true })
  }
})
