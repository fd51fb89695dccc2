/**
 * `npm run build`: the Prisma client, then the Remix build — the app and, bundled with it, the server
 * (remix.config.js `server`) — into $BUILD_DIR (default build/). `--if-changed` (`npm start`) skips all
 * of it when the sources are the ones the build was made from: a hash of their contents is kept beside
 * the build, so a second start begins at once and a `git checkout` that changes nothing rebuilds nothing.
 * Plain JavaScript, so starting needs no TypeScript tooling.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const BUILD_DIR = process.env.BUILD_DIR || 'build'
const STAMP = path.join(ROOT, BUILD_DIR, '.sources')
/** what the build is made from */
const INPUTS = ['app', 'server', 'prisma', 'remix.config.js', 'postcss.config.js', 'tsconfig.json', 'package.json', 'package-lock.json']
/** made by the build itself (from prisma/), or not part of it */
const SKIPPED = [/^app\/generated\//, /\.test\.tsx?$/]

function files(rel) {
  const abs = path.join(ROOT, rel)
  if (!existsSync(abs)) return []
  if (
    !readdirSync(path.dirname(abs), { withFileTypes: true })
      .find((d) => d.name === path.basename(abs))
      ?.isDirectory()
  )
    return [rel]
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
}

function sourcesHash() {
  const hash = createHash('sha256')
  const all = INPUTS.flatMap(files)
    .filter((f) => !SKIPPED.some((re) => re.test(f)))
    .sort()
  for (const f of all)
    hash
      .update(`${f}\0`)
      .update(readFileSync(path.join(ROOT, f)))
      .update('\0')
  return hash.digest('hex')
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed${r.error ? `: ${r.error.message}` : ''}\n`)
    process.exit(r.status || 1)
  }
}

const hash = sourcesHash()
const built = existsSync(path.join(ROOT, BUILD_DIR, 'index.js')) && existsSync(path.join(ROOT, 'public', BUILD_DIR))
if (process.argv.includes('--if-changed') && built && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) {
  console.log(`${BUILD_DIR}/ is up to date with the sources: not rebuilding.`)
} else {
  run('npm', ['run', '--silent', 'db:generate'])
  run(path.join(ROOT, 'node_modules', '.bin', 'remix'), ['build'])
  writeFileSync(STAMP, hash)
}
