/**
 * Mail jobs, with no worker running so every job stays where it was put: one job per mail, written in
 * the mail's own transaction and keyed by its id; account mail in its own queue; the sweep only for
 * mails left without a job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBoss, type JobWithMetadata } from 'pg-boss'
import { db } from '~/lib/db.server'
import { getBoss, JOBS_SCHEMA, QUEUES, stopBoss } from '~/modules/jobs/queue.server'
import { queueVerificationMail } from '~/modules/auth/mails.server'
import { mailsWithoutJob, SWEEP_AFTER_SECONDS } from '~/modules/mail/deliver.server'
import { deliverEach, sweepMail } from '~/modules/mail/jobs.server'
import { dispatchMail, queueMail, type QueueMailInput } from '~/modules/mail/outbox.server'
import { createUser } from '../../support/factories.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  process.env.SMTP_URL = smtp.url
  await getBoss() // as in a running server; a cold start is its own test below
})
afterAll(async () => {
  await smtp?.close()
})

let n = 0
const input = (template = 'discussion.post.replied'): QueueMailInput => ({
  to: `reader-${++n}@example.org`,
  locale: 'en',
  template,
  content: { subject: `Mail ${n}`, paragraphs: ['Hello'] },
})

interface JobRow {
  name: string
  state: string
}

function jobsOf(mailId: string) {
  return db.$queryRawUnsafe<JobRow[]>(
    `SELECT name, state::text AS state FROM ${JOBS_SCHEMA}.job WHERE singleton_key = $1 ORDER BY created_on`,
    mailId,
  )
}

const inTransaction = (i: QueueMailInput) => db.$transaction((tx) => queueMail(tx, i))

const age = (id: string, seconds: number) =>
  db.outboxMail.update({ where: { id }, data: { createdAt: new Date(Date.now() - seconds * 1000) } })

describe('one job per mail', () => {
  it('writes the job with the mail, in its transaction, keyed by the mail id', async () => {
    const { id } = await inTransaction(input())
    expect(await jobsOf(id)).toEqual([{ name: QUEUES.mailSend, state: 'created' }])
    const [job] = await db.$queryRawUnsafe<{ data: { id: string } }[]>(`SELECT data FROM ${JOBS_SCHEMA}.job WHERE singleton_key = $1`, id)
    expect(job.data).toEqual({ id })
  })

  it('leaves neither mail nor job when the transaction rolls back', async () => {
    let id = ''
    await expect(
      db.$transaction(async (tx) => {
        id = (await queueMail(tx, input())).id
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(id).not.toBe('')
    expect(await db.outboxMail.count({ where: { id } })).toBe(0)
    expect(await jobsOf(id)).toEqual([])
  })

  it('makes no second job when the same mail is enqueued again, one after another or at once', async () => {
    const { id } = await inTransaction(input())
    await dispatchMail(id)
    await dispatchMail(id)
    await Promise.all([dispatchMail(id), dispatchMail(id), dispatchMail(id)])
    expect(await jobsOf(id)).toHaveLength(1)

    // Written without a transaction: no job until dispatched, then exactly one however many dispatch.
    const loose = await queueMail(db, input())
    expect(await jobsOf(loose.id)).toEqual([])
    await Promise.all([dispatchMail(loose.id), dispatchMail(loose.id), dispatchMail(loose.id), dispatchMail(loose.id)])
    expect(await jobsOf(loose.id)).toHaveLength(1)
  })

  it('still makes one job, just after commit, when pg-boss was not started yet', async () => {
    await stopBoss()
    const { id } = await inTransaction(input())
    expect(await jobsOf(id)).toEqual([])
    await expect.poll(() => jobsOf(id), { timeout: 10_000 }).toEqual([{ name: QUEUES.mailSend, state: 'created' }])
    await dispatchMail(id)
    expect(await jobsOf(id)).toHaveLength(1)
    // Started again by then: the next mail's job goes in with it.
    expect((await jobsOf((await inTransaction(input())).id)).length).toBe(1)
  })

  it('queues no job for a mail that has already gone out', async () => {
    const { id } = await queueMail(db, input())
    await db.outboxMail.update({ where: { id }, data: { status: 'SENT', sentAt: new Date() } })
    await dispatchMail(id)
    expect(await jobsOf(id)).toEqual([])
  })
})

describe('upgrading', () => {
  it('re-creates a mail queue that an older version made with another policy', async () => {
    await stopBoss()
    const older = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: JOBS_SCHEMA })
    await older.start()
    await older.deleteQueue(QUEUES.mailSend)
    await older.createQueue(QUEUES.mailSend, { policy: 'standard' })
    await older.stop({ graceful: false })
    const boss = await getBoss()
    expect((await boss.getQueue(QUEUES.mailSend))?.policy).toBe('exclusive')
    const { id } = await inTransaction(input())
    await dispatchMail(id)
    expect(await jobsOf(id)).toHaveLength(1)
  })
})

describe('account mail first', () => {
  it('puts verification, reset, suspension and join-decision mail in their own queue, notification mail in the other', async () => {
    const user = await createUser({ verified: false })
    const verify = await db.$transaction((tx) => queueVerificationMail(tx, user, 'token', 'http://localhost'))
    expect(await jobsOf(verify.id)).toEqual([{ name: QUEUES.mailPriority, state: 'created' }])
    for (const template of ['auth.passwordReset', 'admin.suspended', 'orgs.membershipApproved']) {
      const { id } = await inTransaction(input(template))
      expect((await jobsOf(id))[0].name).toBe(QUEUES.mailPriority)
    }
    for (const template of ['discussion.post.replied', 'discussion.digest', 'orgs.membershipRequested']) {
      const { id } = await inTransaction(input(template))
      expect((await jobsOf(id))[0].name).toBe(QUEUES.mailSend)
    }
  })
})

describe('the sweep', () => {
  it('gives a job only to mails that waited a while without one, once', async () => {
    const old = SWEEP_AFTER_SECONDS + 60
    const recentWithoutJob = await queueMail(db, input())
    const oldWithJob = await inTransaction(input())
    await age(oldWithJob.id, old)
    const oldWithoutJob = await queueMail(db, input('auth.verify'))
    await age(oldWithoutJob.id, old)
    const oldSent = await queueMail(db, input())
    await age(oldSent.id, old)
    await db.outboxMail.update({ where: { id: oldSent.id }, data: { status: 'SENT' } })
    // Its job ran but the row was busy, so it is still waiting: a finished job is no job.
    const oldJobFinished = await inTransaction(input())
    await age(oldJobFinished.id, old)
    await db.$executeRawUnsafe(
      `UPDATE ${JOBS_SCHEMA}.job SET state = 'completed', completed_on = now() WHERE singleton_key = $1`,
      oldJobFinished.id,
    )

    const picked = (await mailsWithoutJob()).map((m) => m.id)
    expect(picked).toContain(oldWithoutJob.id)
    expect(picked).toContain(oldJobFinished.id)
    for (const id of [recentWithoutJob.id, oldWithJob.id, oldSent.id]) expect(picked).not.toContain(id)

    const boss = await getBoss()
    expect(await sweepMail(boss)).toBe(picked.length)
    expect(await sweepMail(boss)).toBe(0)
    expect(await jobsOf(oldWithoutJob.id)).toEqual([{ name: QUEUES.mailPriority, state: 'created' }])
    expect((await jobsOf(oldJobFinished.id)).map((j) => j.state)).toEqual(['completed', 'created'])
    expect(await jobsOf(oldWithJob.id)).toHaveLength(1)
    expect(await jobsOf(recentWithoutJob.id)).toEqual([])
  })
})

describe('the worker', () => {
  const job = (mailId: string, retryCount: number) =>
    ({ id: crypto.randomUUID(), data: { id: mailId }, retryCount, retryLimit: 6 }) as unknown as JobWithMetadata<{ id: string }>

  it('settles each job of a batch on its own, and marks a mail FAILED only on its job’s last try', async () => {
    const [early, last, fine] = await Promise.all([queueMail(db, input()), queueMail(db, input()), queueMail(db, input())])
    smtp.failNext(2)
    const results = await deliverEach([job(early.id, 0), job(last.id, 6), job(fine.id, 0)])
    expect(results.map((r) => r.status)).toEqual(['failed', 'completed', 'completed'])
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: early.id } })).status).toBe('PENDING')
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: last.id } })).status).toBe('FAILED')
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: fine.id } })).status).toBe('SENT')
  })
})
