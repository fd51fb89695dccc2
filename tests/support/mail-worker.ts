/**
 * For a test file whose mail goes out for real: a local SMTP catcher and the job worker that delivers
 * the outbox to it, started before the file's tests and stopped after. Read `smtp` of what it returns inside a test.
 */
import { afterAll, beforeAll } from 'vitest'
import { startWorker } from '../../server/worker.ts'
import { startSmtpCatcher } from './smtp.ts'

export function mailWorkerForFile() {
  const mail = {} as { smtp: Awaited<ReturnType<typeof startSmtpCatcher>> }
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined
  beforeAll(async () => {
    mail.smtp = await startSmtpCatcher()
    process.env.SMTP_URL = mail.smtp.url
    worker = await startWorker({ log: () => {} })
  })
  afterAll(async () => {
    await worker?.stop()
    await mail.smtp?.close()
  })
  return mail
}
