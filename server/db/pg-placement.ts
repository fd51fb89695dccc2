/**
 * Where the embedded PostgreSQL's binaries and data live when we run as root. PostgreSQL refuses to run
 * as root, so it runs as a `postgres` user, and that user must be able to enter every folder above its
 * binaries and its data. A clone in root's home (mode 0700, the usual place in a container) is out of its
 * reach; then the binaries run from a copy (hardlinks where possible) and a new cluster lives under
 * /var/lib/birlikte, with $DATA_DIR/pg a symlink to it so every tool still finds it at the usual place.
 * See docs/decisions/002-embedded-postgres.md.
 */
import { execFile, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, realpathSync } from 'node:fs'
import {
  chmod,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  rmdir,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { EmbeddedDatabaseError } from './errors.ts'

const run = promisify(execFile)

/** Outside any home folder, kept across reboots (unlike /tmp), and enterable by everyone on a normal system. */
export const RELOCATION_BASE = '/var/lib/birlikte'

export interface PgUser {
  uid: number
  gid: number
}

export const runningAsRoot = () => process.getuid?.() === 0

async function lookupUser(name: string): Promise<PgUser | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])])
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  } catch {
    return null
  }
}

/** The `postgres` user the cluster runs as, created (as a system user without a home) when missing. */
export async function ensurePostgresUser(): Promise<PgUser> {
  const found = await lookupUser('postgres')
  if (found) return found
  try {
    // exit code 9: the group exists already (e.g. left behind by a removed package)
    await run('groupadd', ['-r', 'postgres']).catch((e: { code?: number }) => {
      if (e.code !== 9) throw e
    })
    await run('useradd', ['-r', '-g', 'postgres', '-M', 'postgres'])
  } catch (e) {
    throw new EmbeddedDatabaseError(
      `Running as root, the embedded PostgreSQL must run as a "postgres" user, and creating it failed (${firstLine(e)}): ` +
        'create that user (useradd -r postgres), run as an ordinary user, or set DATABASE_URL to a PostgreSQL server.',
    )
  }
  const created = await lookupUser('postgres')
  if (!created)
    throw new EmbeddedDatabaseError('The "postgres" user was created but cannot be found: check /etc/passwd, or set DATABASE_URL.')
  return created
}

const firstLine = (e: unknown) =>
  String((e as { stderr?: string }).stderr || (e as Error).message || e)
    .trim()
    .split('\n')[0]

/**
 * Asks the system, as that user, instead of reading modes: ACLs, group membership and mount options
 * all count. Node drops supplementary groups when it switches uid, exactly as it will for PostgreSQL.
 */
function canEnter(user: PgUser, dir: string) {
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'probe', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore', timeout: 10_000 })
  return !r.error && r.status === 0
}

function canRun(user: PgUser, file: string) {
  const r = spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore', timeout: 10_000 })
  return !r.error && r.status === 0
}

/** The outermost folder on the way to `dir` that the user cannot enter (what the person has to fix). */
function blocker(user: PgUser, dir: string) {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean)
  for (let i = 1; i <= parts.length; i++) {
    const p = path.sep + parts.slice(0, i).join(path.sep)
    if (!canEnter(user, p)) return p
  }
  return dir
}

async function ensureBase(user: PgUser, base: string) {
  await mkdir(base, { recursive: true })
  await chmod(base, 0o755)
  if (!canEnter(user, base)) {
    throw new EmbeddedDatabaseError(
      `The postgres user cannot enter ${blocker(user, base)} either, so the embedded PostgreSQL has nowhere to run: ` +
        'set DATA_DIR to a folder every user can enter, move the project out of private folders (e.g. to /srv or /opt), or set DATABASE_URL.',
    )
  }
}

/**
 * Mirrors the binary tree. Hardlinks cost nothing and stay valid when node_modules is reinstalled (the
 * old inodes live on); a file others may not read is copied with readable permissions instead, since
 * changing a hardlink's mode would change the original too.
 */
async function mirror(src: string, dst: string) {
  await mkdir(dst)
  await chmod(dst, 0o755)
  for (const entry of await readdir(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name)
    const to = path.join(dst, entry.name)
    if (entry.isSymbolicLink()) {
      const target = await readlink(from)
      if (!path.isAbsolute(target)) {
        await symlink(target, to)
        continue
      }
    } else if (entry.isDirectory()) {
      await mirror(from, to)
      continue
    }
    const { mode } = await stat(from)
    const executable = (mode & 0o100) !== 0
    const othersCanUse = (mode & 0o004) !== 0 && (!executable || (mode & 0o001) !== 0)
    if (othersCanUse) {
      try {
        await link(from, to)
        continue
      } catch {
        // another file system, or hardlinks not allowed: copy
      }
    }
    await copyFile(from, to)
    await chmod(to, executable ? 0o755 : 0o644)
  }
}

/**
 * The folder (bin, lib, share) PostgreSQL runs from: the installed one when the postgres user can run
 * it, else a copy under `base`, shared by every project using the same PostgreSQL build.
 */
export async function reachableBinaries(user: PgUser, nativeDir: string, base: string, log: (m: string) => void): Promise<string> {
  if (canRun(user, path.join(nativeDir, 'bin', 'postgres'))) return nativeDir
  const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }
  const target = path.join(base, `postgres-${version}`)
  const complete = path.join(target, '.complete')
  if (!existsSync(complete)) {
    const stuck = blocker(user, nativeDir)
    try {
      await ensureBase(user, base)
      // Built aside and renamed into place, so a crash or a concurrent start never leaves a half copy.
      const tmp = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`
      try {
        await mirror(nativeDir, tmp)
        await writeFile(path.join(tmp, '.complete'), `${nativeDir}\n`)
        if (existsSync(target) && !existsSync(complete)) await rm(target, { recursive: true, force: true })
        await rename(tmp, target).catch((e) => {
          if (!existsSync(complete)) throw e
        })
      } finally {
        await rm(tmp, { recursive: true, force: true })
      }
      log(`The postgres user cannot reach ${nativeDir} (${stuck} is private), so PostgreSQL runs from a copy in ${target}.`)
    } catch (e) {
      if (e instanceof EmbeddedDatabaseError) throw e
      throw new EmbeddedDatabaseError(
        `The postgres user cannot reach the embedded PostgreSQL in ${nativeDir} (${stuck} is private) and copying it to ${target} ` +
          `failed (${firstLine(e)}): move the project to a folder every user can enter (e.g. /srv or /opt), or set DATABASE_URL.`,
      )
    }
  }
  if (!canRun(user, path.join(target, 'bin', 'postgres'))) {
    throw new EmbeddedDatabaseError(
      `The postgres user cannot run PostgreSQL from ${target}: check that folder's permissions, or set DATABASE_URL.`,
    )
  }
  return target
}

/**
 * The cluster folder to use for `$DATA_DIR/pg`. Kept where it is when the postgres user can reach it
 * (every existing install); a new cluster whose DATA_DIR it cannot enter goes to `base`, and the link
 * at $DATA_DIR/pg records where. An existing cluster it cannot reach is never moved behind the
 * person's back: that is an error with what to do.
 */
export async function reachableDataDir(user: PgUser, dataDir: string, base: string, log: (m: string) => void): Promise<string> {
  const pgDir = path.join(dataDir, 'pg')
  const st = await lstat(pgDir).catch(() => null)
  if (st?.isSymbolicLink()) {
    const target = path.resolve(dataDir, await readlink(pgDir))
    await mkdir(path.dirname(target), { recursive: true })
    if (!canEnter(user, path.dirname(target))) {
      const stuck = blocker(user, target)
      throw new EmbeddedDatabaseError(
        `The embedded database ${pgDir} points to ${target}, which the postgres user cannot reach (${stuck} is private): ` +
          `make that folder enterable (chmod o+x ${stuck}), or set DATA_DIR elsewhere.`,
      )
    }
    return target
  }
  if (canEnter(user, dataDir)) return pgDir
  const stuck = blocker(user, dataDir)
  if (st && existsSync(path.join(pgDir, 'PG_VERSION'))) {
    throw new EmbeddedDatabaseError(
      `The embedded database in ${pgDir} cannot be reached by the postgres user it runs as (${stuck} is private): ` +
        `make that folder enterable (chmod o+x ${stuck}), or move ${dataDir} to a folder every user can enter and set DATA_DIR to it.`,
    )
  }

  const real = realpathSync(dataDir)
  const home = path.join(base, `data-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`)
  const target = path.join(home, 'pg')
  try {
    await ensureBase(user, base)
    await mkdir(home, { recursive: true })
    await chmod(home, 0o755)
    await writeFile(path.join(home, 'origin.txt'), `The embedded PostgreSQL cluster of ${real} (DATA_DIR), linked from ${pgDir}.\n`)
    if (existsSync(target)) {
      // A cluster whose link was deleted (e.g. `rm -rf data` to start over): keep it, but never reuse it
      // silently — its password went with the link's folder.
      const aside = `${target}.orphaned-${new Date().toISOString().replace(/[:.]/g, '-')}`
      await rename(target, aside)
      log(`An earlier embedded database for ${dataDir} was left in ${target}; it is kept as ${aside}.`)
    }
    if (st) await rmdir(pgDir) // an empty folder (a cluster would have PG_VERSION)
    await symlink(target, pgDir)
  } catch (e) {
    if (e instanceof EmbeddedDatabaseError) throw e
    const why = firstLine(e)
    throw new EmbeddedDatabaseError(
      `The postgres user cannot enter ${dataDir} (${stuck} is private) and moving the embedded database to ${target} failed (${why}): ` +
        `set DATA_DIR to a folder every user can enter, or make ${stuck} enterable (chmod o+x ${stuck}).`,
    )
  }
  log(`The postgres user cannot enter ${dataDir} (${stuck} is private), so the embedded database lives in ${target}; ${pgDir} links there.`)
  return target
}
