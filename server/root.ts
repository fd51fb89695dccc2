/**
 * The project folder (public/, prisma/, the build folders), found from this module's own place: it runs
 * from source (server/, under vitest and the CLIs) and bundled into the build folder (npm start).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

function findRoot(from: string) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) return process.cwd()
  }
}

export const ROOT = findRoot(import.meta.dirname)
