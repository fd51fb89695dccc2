/**
 * The job worker. Runs inside the web process by default (WORKER=0 turns that off); `npm run worker`
 * (server/start.js worker) runs it alone so several web processes can share one.
 */
import { getBoss, stopBoss, QUEUES } from '../app/modules/jobs/queue.server.ts'
import { registerMailJobs } from '../app/modules/mail/jobs.server.ts'
import { sweepExpiredBuckets } from '../app/modules/rate-limit/rate-limit.server.ts'
import { lucia } from '../app/modules/auth/lucia.server.ts'
import { registerNotificationJobs } from '../app/modules/notifications/jobs.server.ts'
import { startDispatcher } from '../app/modules/events/dispatcher.server.ts'
import { pruneOutbox } from '../app/modules/events/outbox.server.ts'
import { registerPreviewJobs } from '../app/modules/previews/previews.server.ts'
import type { FetchOptions } from '../app/modules/previews/fetch.server.ts'
import { backfillHandles } from '../app/modules/content/mentions.server.ts'

export interface WorkerOptions {
  log?: (m: string) => void
  /** how link previews are fetched; tests and the e2e harness only (see app/modules/previews) */
  linkPreviews?: FetchOptions
}

export async function startWorker({ log = console.log, linkPreviews }: WorkerOptions = {}) {
  const boss = await getBoss()
  await registerMailJobs(boss)
  await registerNotificationJobs(boss)
  await registerPreviewJobs(boss, linkPreviews)
  await boss.work(QUEUES.maintenance, async () => {
    await sweepExpiredBuckets()
    await lucia.deleteExpiredSessions()
    await pruneOutbox()
    // Every person has a handle (their profile's address): accounts older than handles get one here.
    await backfillHandles()
  })
  await boss.schedule(QUEUES.maintenance, '17 * * * *')
  // The outbox: handled on every commit in this process, and polled for the others' (decision 014).
  const stopDispatcher = startDispatcher()
  log('Job worker started (outbox, mail, digests, link previews, maintenance).')
  return {
    stop: async () => {
      await stopDispatcher()
      await stopBoss()
    },
  }
}

/** `npm run worker`: the job worker alone, until a signal; an embedded database is stopped afterwards. */
export async function runStandaloneWorker() {
  const { withDatabase } = await import('./db/db-boot.ts')
  const closeWithGrace = (await import('close-with-grace')).default
  await withDatabase(async (databaseUrl) => {
    // No Socket.io here: what the jobs publish for live pages (bells, link previews) and for the page
    // caches goes to the web processes through the relay (server/event-relay.ts).
    const { createEventRelay } = await import('./event-relay.ts')
    const relay = createEventRelay({
      databaseUrl,
      redisUrl: process.env.REDIS_URL,
      redisPrefix: process.env.REDIS_PREFIX,
      socketless: true,
    })
    const worker = await startWorker()
    await new Promise<void>((resolve) =>
      closeWithGrace({ delay: 15_000 }, async () => {
        await worker.stop()
        await relay.close()
        resolve()
      }),
    )
  })
}

if (import.meta.main) await runStandaloneWorker()
