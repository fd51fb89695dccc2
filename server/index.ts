/**
 * The production server's entry. The Remix compiler bundles it together with the app (remix.config.js
 * `server`), so `$BUILD_DIR/index.js` is one module graph — the server and the routes share one Prisma
 * client, one event bus — that plain `node` runs: server/start.js imports it and calls `main()`.
 * It is still a Remix server build too (the re-export below), which is what the tests load.
 *
 *   main('web')     npm start / npm run serve: one process, or WEB_CONCURRENCY of them (server/cluster.ts)
 *   main('worker')  npm run worker: the job worker alone
 *
 * Nothing runs on import: the bundle is also imported by the tests and by the cluster's workers.
 */
import cluster from 'node:cluster'
import * as remixBuild from '@remix-run/dev/server-build'
import type { ServerBuild } from '@remix-run/node'
import closeWithGrace from 'close-with-grace'
import { DatabaseUnreachableError } from './db/db-boot.ts'
import { checkAppUrl } from '../app/lib/origin.server.ts'
import { startApp } from './app-server.ts'
import { startClusterWorker, startPrimary, webConcurrency, type Running } from './cluster.ts'

export * from '@remix-run/dev/server-build'
export { startApp } from './app-server.ts'

export const build = remixBuild as unknown as ServerBuild

async function start(role: string): Promise<Running | null> {
  if (role === 'worker') {
    const { runStandaloneWorker } = await import('./worker.ts')
    await runStandaloneWorker()
    return null
  }
  if (role !== 'web') throw new Error(`Unknown role "${role}": use web (the default) or worker.`)
  if (cluster.isWorker) return startClusterWorker(build)
  const processes = webConcurrency()
  return processes > 1 ? startPrimary(processes) : startApp({ build })
}

export async function main(role: string = 'web') {
  // Before anything starts (decision 019): a deployment without APP_URL would mail links to the wrong place.
  const appUrl = checkAppUrl()
  if (appUrl && 'error' in appUrl) {
    console.error(`\n✖ ${appUrl.error}\n`)
    process.exit(1)
  }
  if (appUrl && !cluster.isWorker) console.log(`ℹ ${appUrl.notice}`)
  const running = start(role)
  // Before anything starts: a signal during start-up waits for it, then shuts down what it started
  // (an embedded database included) instead of killing the process around it.
  if (role === 'web')
    closeWithGrace({ delay: 25_000 }, async ({ signal, err }) => {
      if (err) console.error(err)
      const r = await running.catch(() => null)
      await r?.close(signal ?? (err ? 'error' : 'exit'))
    })
  try {
    await running
  } catch (e) {
    if (e instanceof DatabaseUnreachableError) console.error(`\n✖ ${e.message}\n`)
    else console.error(e)
    process.exit(1)
  }
}
