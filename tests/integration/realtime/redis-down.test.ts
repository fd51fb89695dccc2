/**
 * REDIS_URL set and Redis goes away: posting still works and lands in the database, readers on the same
 * process still hear about it, and events cross between processes again once Redis is back.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import { startTestApp } from '../../support/app.ts'
import { createSpace, person, reply, thread } from '../discussions/helpers.ts'
import { cleanup, connect, cookieFor, join, next, presence, startRedis, startServerProcess, untilShared } from './helpers.ts'

function hasRedisServer() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const available = hasRedisServer()
if (!available) console.warn('[realtime] Redis outage test skipped: redis-server is not installed')

describe.skipIf(!available)('Redis outage', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let a: Awaited<ReturnType<typeof startTestApp>>
  let b: Awaited<ReturnType<typeof startServerProcess>>

  beforeAll(async () => {
    redis = await startRedis()
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: `birlikte-test-${randomBytes(6).toString('hex')}` }
    ;[a, b] = await Promise.all([startTestApp({ env }), startServerProcess(env)])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([a?.close(), b?.stop()])
    cleanup()
  })

  it('keeps posting working while Redis is down and shares events again when it returns', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person({ name: 'Elif' })
    const t = await thread(author.actor, space.id)
    const room = `thread:${t.threadId}`
    const [x, y] = [await person(), await person()]
    const onA = await connect(a.url, await cookieFor(x.user.id))
    const onB = await connect(b.url, await cookieFor(y.user.id))
    // Reconnects on its own, and has seen broadcasts (so it will ask to recover its session).
    const dropper = await connect(b.url, await cookieFor(y.user.id), { reconnection: true })
    await Promise.all([join(onA, room), join(onB, room), join(dropper, room)])
    await untilShared(t.threadId, space.id, onB)

    await redis.stop()
    await new Promise((r) => setTimeout(r, 300))

    // Posting does not wait for Redis: it answers promptly and the row is there.
    type Pushed = { posts: { number: number }[] }
    const local = next<Pushed>(onA, 'thread:posts', (e) => e.posts[0]?.number === 2)
    const started = Date.now()
    const posted = await reply(author.actor, t.threadId, 'Redis yokken yazıldı')
    expect(Date.now() - started).toBeLessThan(3000)
    expect(await db.post.findUnique({ where: { id: posted.postId }, select: { number: true, body: true } })).toEqual({
      number: 2,
      body: 'Redis yokken yazıldı',
    })
    // Readers on the same process still hear about it.
    expect((await local).posts[0].number).toBe(2)
    // Joins and presence keep working within this process (no cluster query left hanging).
    const late = await connect(a.url, await cookieFor((await person()).user.id))
    const two = presence(late, t.threadId, 2)
    expect(await join(late, room)).toEqual({ ok: true })
    await two

    // A connection that drops meanwhile gets back in at once, as a fresh session, instead of hanging.
    const back = new Promise<void>((resolve) => dropper.io.once('reconnect', () => resolve()))
    const dropped = Date.now()
    dropper.io.engine.close()
    await back
    expect(Date.now() - dropped).toBeLessThan(3000)
    expect(dropper.recovered).toBe(false)
    expect(await join(dropper, room)).toEqual({ ok: true })

    redis = await startRedis(redis.port)
    await untilShared(t.threadId, space.id, onB, 30_000)
    const crossed = next<Pushed>(onB, 'thread:posts', (e) => e.posts[0]?.number === 3)
    await reply(author.actor, t.threadId, 'Redis döndükten sonra')
    expect((await crossed).posts[0].number).toBe(3)
  }, 90_000)
})
