/**
 * The job worker. Runs inside the web process by default (WORKER=0 turns that off); `npm run worker`
 * (server/start.js worker) runs it alone so several web processes can share one.
 */
import { getBoss, stopBoss, QUEUES } from '../app/modules/jobs/queue.server.ts'
import { registerMailJobs } from '../app/modules/mail/jobs.server.ts'
import { sweepExpiredBuckets } from '../app/modules/rate-limit/rate-limit.server.ts'
import { lucia } from '../app/modules/auth/lucia.server.ts'
import { registerNotificationJobs } from '../app/modules/notifications/jobs.server.ts'

export async function startWorker({ log = console.log }: { log?: (m: string) => void } = {}) {
  const boss = await getBoss()
  await registerMailJobs(boss)
  await registerNotificationJobs(boss)
  await boss.work(QUEUES.maintenance, async () => {
    await sweepExpiredBuckets()
    await lucia.deleteExpiredSessions()
  })
  await boss.schedule(QUEUES.maintenance, '17 * * * *')
  log('Job worker started (mail, digests, maintenance).')
  return { stop: () => stopBoss() }
}

/** `npm run worker`: the job worker alone, until a signal; an embedded database is stopped afterwards. */
export async function runStandaloneWorker() {
  const { withDatabase } = await import('./db/db-boot.ts')
  const closeWithGrace = (await import('close-with-grace')).default
  await withDatabase(async () => {
    const worker = await startWorker()
    await new Promise<void>((resolve) =>
      closeWithGrace({ delay: 15_000 }, async () => {
        await worker.stop()
        resolve()
      }),
    )
  })
}

if (import.meta.main) await runStandaloneWorker()
