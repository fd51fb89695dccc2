/**
 * A digest of every row of every table in this test file's database, to show that a batch of refused
 * requests changed nothing at all — not only the rows a test thought to look at.
 */
import pg from 'pg'

export async function databaseFingerprint(url = process.env.DATABASE_URL): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    )
    const out: Record<string, string> = {}
    for (const { schema, name } of tables.rows) {
      const q = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `SELECT count(*)::text AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest FROM ${q} t`,
      )
      out[`${schema}.${name}`] = `${rows[0].n}:${rows[0].digest ?? ''}`
    }
    return out
  } finally {
    await client.end()
  }
}
