import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss'
import { QUEUES } from '~/modules/jobs/queue.server'
import { deliverMail, mailsWithoutJob } from './deliver.server'
import { mailQueue } from './outbox.server'

type MailJob = { id: string }

/**
 * Sends a batch one mail at a time and settles each job on its own: one SMTP failure retries that mail
 * only, not the ones sent beside it.
 */
export async function deliverEach(jobs: JobWithMetadata<MailJob>[]): Promise<JobResult[]> {
  const results: JobResult[] = []
  for (const job of jobs) {
    try {
      await deliverMail(job.data.id, { finalAttempt: job.retryCount >= job.retryLimit })
      results.push({ id: job.id, status: 'completed' })
    } catch (e) {
      results.push({ id: job.id, status: 'failed', output: { message: (e as Error).message } })
    }
  }
  return results
}

export async function registerMailJobs(boss: PgBoss) {
  // Account mail: small batches, polled twice a second, so a verification link goes out in about a
  // second however much notification mail is waiting (it is in another queue).
  await boss.work(
    QUEUES.mailPriority,
    { batchSize: 5, pollingIntervalSeconds: 0.5, includeMetadata: true, perJobResults: true },
    deliverEach,
  )
  // Notification mail: larger batches, two at a time, fetched back to back while batches come back full.
  await boss.work(
    QUEUES.mailSend,
    { batchSize: 10, pollingIntervalSeconds: 1, burstWhenBatchFull: true, localConcurrency: 2, includeMetadata: true, perJobResults: true },
    deliverEach,
  )
  await boss.work(QUEUES.mailSweep, async () => {
    await sweepMail(boss)
  })
  await boss.schedule(QUEUES.mailSweep, '* * * * *')
}

/**
 * The safety net, not the delivery path: a job for each mail that has waited a while with none at all
 * (keyed by the mail id like any other, so a sweep racing a dispatch still makes one). Returns how many
 * jobs it wrote.
 */
export async function sweepMail(boss: PgBoss) {
  const mails = await mailsWithoutJob()
  let written = 0
  for (const queue of [QUEUES.mailPriority, QUEUES.mailSend]) {
    const jobs = mails.filter((m) => mailQueue(m.template) === queue).map((m) => ({ data: { id: m.id }, singletonKey: m.id }))
    if (jobs.length) written += (await boss.insert(queue, jobs, { returnId: true }))?.length ?? 0
  }
  return written
}
