/**
 * Two server processes sharing rooms through Redis (REDIS_URL): this test process runs one app, a child
 * process (the compiled server, server/start.js) the other; they share only Redis and the database.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../../support/app.ts'
import { createSpace, person, reply, thread } from '../discussions/helpers.ts'
import { canReach, cleanup, connect, cookieFor, join, next, presence, startServerProcess, untilShared } from './helpers.ts'

const redisUp = await canReach(6379)
if (!redisUp) console.warn('[realtime] two-process test skipped: no Redis answers at 127.0.0.1:6379')

describe.skipIf(!redisUp)('two processes sharing Redis', () => {
  let a: Awaited<ReturnType<typeof startTestApp>>
  let b: Awaited<ReturnType<typeof startServerProcess>>

  beforeAll(async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `birlikte-test-${randomBytes(6).toString('hex')}` }
    ;[a, b] = await Promise.all([startTestApp({ env }), startServerProcess(env)])
  }, 120_000)
  afterAll(async () => {
    cleanup()
    await Promise.all([a?.close(), b?.stop()])
  })

  it('delivers a reply posted through process A to a reader connected to process B', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person({ name: 'Mehmet Kaya' })
    const t = await thread(author.actor, space.id)
    const reader = await person()
    const onB = await connect(b.url, await cookieFor(reader.user.id))
    expect(await join(onB, `thread:${t.threadId}`)).toEqual({ ok: true })
    expect(await join(onB, `space:${space.id}`)).toEqual({ ok: true })
    await untilShared(t.threadId, space.id, onB)

    const inThread = next<{ events: Record<string, unknown>[] }>(onB, 'thread:posts', (p) => p.events[0]?.type === 'post.created')
    const inSpace = next<Record<string, unknown>>(onB, 'space:event', (e) => e.type === 'post.created')
    const posted = await reply(author.actor, t.threadId, 'Süreçler arası yanıt')
    expect((await inThread).events[0]).toEqual({
      type: 'post.created',
      threadId: t.threadId,
      postId: posted.postId,
      number: 2,
      authorName: 'Mehmet Kaya',
    })
    expect(await inSpace).toEqual({ type: 'post.created', spaceId: space.id, threadId: t.threadId })
  })

  it('counts readers on both processes and carries typing across', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const room = `thread:${t.threadId}`
    const [x, y] = [await person(), await person({ name: 'Zeynep' })]
    const onA = await connect(a.url, await cookieFor(x.user.id))
    const onB = await connect(b.url, await cookieFor(y.user.id))
    const guestOnB = await connect(b.url)
    await join(onB, room)
    await untilShared(t.threadId, space.id, onB)
    const threeOnA = presence(onA, t.threadId, 3, 10_000)
    const threeOnB = presence(onB, t.threadId, 3, 10_000)
    await Promise.all([join(onA, room), join(guestOnB, room)])
    await Promise.all([threeOnA, threeOnB])

    const typing = next<{ name: string | null }>(onA, 'thread:typing')
    onB.emit('typing', { threadId: t.threadId })
    expect(await typing).toEqual({ threadId: t.threadId, name: 'Zeynep' })

    const two = presence(onA, t.threadId, 2, 10_000)
    guestOnB.disconnect()
    await two
  })
})
