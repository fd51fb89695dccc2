import type { PgBoss } from 'pg-boss'
import { QUEUES } from '~/modules/jobs/queue.server'
import { deliverMail, pendingMailIds } from './deliver.server'

type Job = { id: string; data: { id: string }; retryCount?: number; retryLimit?: number }

export async function registerMailJobs(boss: PgBoss) {
  await boss.work<{ id: string }>(QUEUES.mailSend, { batchSize: 5, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs as unknown as Job[]) {
      const finalAttempt = job.retryLimit !== undefined && (job.retryCount ?? 0) >= job.retryLimit
      await deliverMail(job.data.id, { finalAttempt })
    }
  })
  await boss.work(QUEUES.mailSweep, async () => {
    for (const id of await pendingMailIds()) await boss.send(QUEUES.mailSend, { id }, { singletonKey: id })
  })
  await boss.schedule(QUEUES.mailSweep, '* * * * *')
}
