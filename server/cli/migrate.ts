/**
 * npm run db:migrate                      apply pending migrations to DATABASE_URL (or the embedded DB)
 * npm run db:migrate:create -- <name>     write the SQL that brings the migrations up to schema.prisma
 * npm run db:status                       compare the migrations folder with the database
 */
import { mkdir, writeFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import { FILTERS, MIGRATIONS_DIR, SCHEMA_PATH, applyMigrations, readMigrations, withEngine } from '../db/schema-engine.ts'
import { withDatabase } from '../db/db-boot.ts'

const [command = 'deploy', ...rest] = process.argv.slice(2)

function stamp(d = new Date()) {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

async function create(name: string, url: string) {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'migration'
  const migrationsList = await readMigrations()
  const content = await readFile(SCHEMA_PATH, 'utf8')
  const sql = await withEngine(url, async (engine) => {
    const out = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content }] },
      script: true,
      exitCode: true,
      filters: FILTERS,
    })
    // exitCode 0 means "no difference"; otherwise stdout holds the SQL script.
    return out.exitCode === 0 ? '' : (out.stdout ?? '')
  })
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log('schema.prisma and the migrations agree; nothing to create.')
    return
  }
  const dir = path.join(MIGRATIONS_DIR, `${stamp()}_${slug}`)
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'migration.sql'), sql)
  console.log(`created ${path.relative(process.cwd(), dir)}/migration.sql`)
}

async function status(url: string) {
  const migrationsList = await readMigrations()
  const out = await withEngine(url, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: FILTERS }),
  )
  const h = out.history
  if (!h && out.failedMigrationNames.length === 0) {
    console.log(`database is up to date (${migrationsList.migrationDirectories.length} migrations)`)
    return 0
  }
  console.log(JSON.stringify(out, null, 2))
  return 1
}

await withDatabase(async (url) => {
  if (command === 'deploy') {
    const applied = await applyMigrations(url)
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations')
  } else if (command === 'create') {
    if (!rest[0]) throw new Error('usage: npm run db:migrate:create -- <name>')
    await create(rest[0], url)
  } else if (command === 'status') {
    process.exitCode = await status(url)
  } else {
    throw new Error(`unknown command ${command}; use deploy, create or status`)
  }
})
