/**
 * Issue 9, item 3: the event outbox (docs/decisions/014-event-outbox.md). A write commits its change and
 * its DomainEvent together; notifications and mail follow in the job worker exactly once, in order per
 * thread, even when the writing process is killed between the commit and the fan-out.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import { createReply, makePostVisible } from '~/modules/discussions/posting.server'
import { drainOutbox, MAX_ATTEMPTS } from '~/modules/events/dispatcher.server'
import { HANDLERS } from '~/modules/events/handlers.server'
import { recordEvent, threadStream } from '~/modules/events/outbox.server'
import { startWorker } from '../../../server/worker.ts'
import { settleOutbox } from '../../support/outbox.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { createSpace, person, reply, thread } from '../discussions/helpers.ts'

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
beforeAll(async () => {
  smtp = await startSmtpCatcher()
  process.env.SMTP_URL = smtp.url
})
afterAll(() => smtp.close())

const eventsOf = (threadId: string) => db.domainEvent.findMany({ where: { stream: threadStream(threadId) }, orderBy: { id: 'asc' } })

async function follow(spaceId: string, userIds: string[]) {
  await db.spaceMember.createMany({ data: userIds.map((userId) => ({ spaceId, userId, following: true })) })
}

/** Runs the crash child: it posts, prints what it wrote, and is killed with SIGKILL straight after. */
function postAndDie(plan: object): Promise<{ threadId: string; replies: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/outbox-crash-child.ts', JSON.stringify(plan)], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      try {
        resolve({ ...JSON.parse(out.trim()), signal })
      } catch {
        reject(new Error(`the child wrote no result: ${out}`))
      }
    })
  })
}

describe('written with the change', () => {
  it('records one event per visible post in the posting transaction, and writes no notification there', async () => {
    const space = await createSpace()
    const [author, follower, replier] = await Promise.all([person(), person(), person()])
    await follow(space.id, [follower.user.id])
    const t = await thread(author.actor, space.id)
    const r = await reply(replier.actor, t.threadId, 'Bir yanıt')
    expect((await eventsOf(t.threadId)).map((e) => [e.name, e.payload, e.processedAt])).toEqual([
      ['thread.created', { postId: t.postId, threadId: t.threadId, spaceId: space.id }, null],
      ['post.created', { postId: r.postId, threadId: t.threadId, spaceId: space.id }, null],
    ])
    // The request answered before anyone was told: that is the job's.
    expect(await db.notification.count({ where: { postId: { in: [t.postId, r.postId] } } })).toBe(0)
    await settleOutbox()
    expect(
      await db.notification.findMany({ where: { postId: { in: [t.postId, r.postId] } }, select: { userId: true, kind: true } }),
    ).toEqual(
      expect.arrayContaining([
        { userId: follower.user.id, kind: 'thread.created' },
        { userId: author.user.id, kind: 'post.replied' },
      ]),
    )
  })

  it('leaves no event behind a rolled-back write', async () => {
    const space = await createSpace({ approveNewPosts: true })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, space.id)
    const { actor } = await person()
    const pending = await reply(actor, t.threadId, 'Onay bekliyor')
    expect(pending.status).toBe('PENDING')
    const before = await eventsOf(t.threadId)
    await expect(
      db.$transaction(async (tx) => {
        expect(await makePostVisible(tx, pending.postId)).toBe(true)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await eventsOf(t.threadId)).toEqual(before)
    expect((await db.post.findUniqueOrThrow({ where: { id: pending.postId } })).status).toBe('PENDING')

    // Two submits of one reply at once: the loser's transaction rolls back, with no event of its own.
    const clientKey = randomUUID()
    const [a, b] = await Promise.all([
      createReply(mod.actor, { threadId: t.threadId, body: 'Bir kez', clientKey }),
      createReply(mod.actor, { threadId: t.threadId, body: 'Bir kez', clientKey }),
    ])
    expect(a.postId).toBe(b.postId)
    expect((await eventsOf(t.threadId)).slice(before.length).map((e) => e.name)).toEqual(['post.created'])
  })
})

describe('a crash between commit and fan-out', () => {
  it('loses nothing: a worker started afterwards sends every notification and mail exactly once', { timeout: 120_000 }, async () => {
    const space = await createSpace()
    const author = await person({ name: 'Yazar' })
    const followers = await Promise.all(Array.from({ length: 12 }, () => person()))
    const [first, second] = await Promise.all([person(), person()])
    await follow(
      space.id,
      followers.map((f) => f.user.id),
    )
    const mentioned = followers[0].user
    const everyone = [author, ...followers, first, second].map((p) => p.user)
    const mine = { userId: { in: everyone.map((u) => u.id) } }
    const emails = new Set(everyone.map((u) => u.email))
    const caught = () => smtp.messages.filter((m) => m.to.some((to) => emails.has(to)))
    const crash = await postAndDie({
      spaceId: space.id,
      authorId: author.user.id,
      opening: 'Herkese merhaba',
      replies: [
        { userId: first.user.id, body: 'İlk yanıt' },
        { userId: second.user.id, body: `Katılıyorum @${mentioned.handle}` },
        { userId: author.user.id, body: 'Teşekkürler' },
      ],
    })
    expect(crash.signal).toBe('SIGKILL')
    // Committed, and nothing handled: no notification, no mail.
    const events = await eventsOf(crash.threadId)
    expect(events.map((e) => [e.name, e.processedAt])).toEqual([
      ['thread.created', null],
      ['post.created', null],
      ['post.created', null],
      ['post.created', null],
    ])
    expect(await db.notification.count({ where: mine })).toBe(0)
    expect(await db.outboxMail.count({ where: mine })).toBe(0)

    // 12 followers hear of the thread (the one mentioned later too: another post), the author of two
    // replies (not of their own), the mentioned follower of the mention.
    const expected = 12 + 2 + 1
    const worker = await startWorker({ log: () => {} })
    try {
      // The worker's own loops, two more drains and a settle, all at once.
      await Promise.all([drainOutbox(), drainOutbox(), settleOutbox()])
      await settleOutbox()
      expect(await db.domainEvent.count({ where: { stream: threadStream(crash.threadId), processedAt: null } })).toBe(0)
      const notifications = await db.notification.findMany({ where: mine, select: { userId: true, kind: true, postId: true } })
      expect(notifications).toHaveLength(expected)
      expect(notifications.filter((n) => n.kind === 'thread.created').map((n) => n.userId)).toEqual(
        expect.arrayContaining(followers.map((f) => f.user.id)),
      )
      expect(notifications.filter((n) => n.userId === author.user.id).map((n) => n.kind)).toEqual(['post.replied', 'post.replied'])
      expect(
        notifications
          .filter((n) => n.userId === mentioned.id)
          .map((n) => n.kind)
          .sort(),
      ).toEqual(['post.mentioned', 'thread.created'])

      await expect
        .poll(() => db.outboxMail.count({ where: { ...mine, status: 'SENT' } }), { timeout: 60_000, interval: 200 })
        .toBe(expected)
      expect(await db.outboxMail.count({ where: mine })).toBe(expected)
      expect(caught()).toHaveLength(expected)
      const mailsTo = (email: string) => caught().filter((m) => m.to.includes(email)).length
      for (const f of followers.slice(1)) expect(mailsTo(f.user.email)).toBe(1)
      expect(mailsTo(mentioned.email)).toBe(2)
      expect(mailsTo(author.user.email)).toBe(2)

      // The space counted the thread and its posts once.
      expect(await db.space.findUniqueOrThrow({ where: { id: space.id } })).toMatchObject({ threadCount: 1, postCount: 4 })

      // Handled events replayed (as by a worker that never learned its commit went through): nothing twice.
      await db.domainEvent.updateMany({ where: { stream: threadStream(crash.threadId) }, data: { processedAt: null } })
      await Promise.all([drainOutbox(), drainOutbox()])
      await settleOutbox()
      expect(await db.notification.count({ where: mine })).toBe(expected)
      expect(await db.outboxMail.count({ where: mine })).toBe(expected)
      expect(caught()).toHaveLength(expected)
    } finally {
      await worker.stop()
    }
  })
})

describe('order and failure', () => {
  it('handles the events of one thread in id order, whoever runs the dispatcher', async () => {
    const seen: { stream: string; n: number }[] = []
    const original = HANDLERS['post.changed']
    HANDLERS['post.changed'] = async (_tx, p) => {
      // A varying pause, so that concurrent dispatchers would overtake each other if the order allowed it.
      await new Promise((resolve) => setTimeout(resolve, Number(p.postId) % 3))
      seen.push({ stream: p.threadId, n: Number(p.postId) })
      return []
    }
    try {
      const streams = ['a', 'b', 'c'].map((s) => `order-${s}-${randomUUID()}`)
      for (let n = 0; n < 15; n++)
        for (const s of streams)
          await db.$transaction((tx) =>
            recordEvent(tx, 'post.changed', threadStream(s), { postId: String(n), threadId: s, change: 'edited' }),
          )
      await Promise.all([drainOutbox(), drainOutbox(), drainOutbox()])
      for (const s of streams) expect(seen.filter((x) => x.stream === s).map((x) => x.n)).toEqual(Array.from({ length: 15 }, (_, i) => i))
    } finally {
      HANDLERS['post.changed'] = original
    }
  })

  it('holds a thread’s later events while an earlier one fails, lets other threads through, and sets a hopeless one aside', async () => {
    const [held, other] = [`held-${randomUUID()}`, `other-${randomUUID()}`]
    await db.$transaction(async (tx) => {
      // A notice about a post that does not exist: its handler fails.
      await recordEvent(tx, 'moderation.decided', threadStream(held), {
        action: 'post.hide',
        notices: [{ userId: 'nobody', kind: 'moderation.postHidden', postId: 'missing-post' }],
      })
      await recordEvent(tx, 'post.changed', threadStream(held), { postId: 'p', threadId: held, change: 'edited' })
      await recordEvent(tx, 'post.changed', threadStream(other), { postId: 'q', threadId: other, change: 'edited' })
    })
    await drainOutbox()
    const [failed, waiting] = await eventsOf(held)
    expect(failed).toMatchObject({ processedAt: null, attempts: 1 })
    expect(failed.lastError).toBeTruthy()
    expect(failed.availableAt.getTime()).toBeGreaterThan(Date.now())
    expect(waiting.processedAt).toBeNull()
    expect((await eventsOf(other))[0].processedAt).not.toBeNull()

    // Its last try: set aside (handled, its error kept), and the thread moves on.
    await db.domainEvent.update({ where: { id: failed.id }, data: { attempts: MAX_ATTEMPTS - 1, availableAt: new Date() } })
    await drainOutbox()
    await drainOutbox()
    const [aside, next] = await eventsOf(held)
    expect(aside).toMatchObject({ attempts: MAX_ATTEMPTS })
    expect(aside.processedAt).not.toBeNull()
    expect(aside.lastError).toBeTruthy()
    expect(next.processedAt).not.toBeNull()
  })
})
