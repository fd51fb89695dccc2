import type { PgBoss } from 'pg-boss'
import { QUEUES } from '~/modules/jobs/queue.server'
import { runDigests } from './digest.server'

/** Hourly, a few minutes past: each run sends the digests that have come due (digest.server.ts). */
export async function registerNotificationJobs(boss: PgBoss) {
  await boss.work(QUEUES.notificationsDigest, async () => {
    await runDigests()
  })
  await boss.schedule(QUEUES.notificationsDigest, '5 * * * *')
}
