/**
 * The event relay (server/event-relay.ts) over both transports. Two relays in this process stand for two
 * processes: each sends what the bus publishes, and each hands what the other sent to its own
 * subscribers — never to the bus, whose subscribers (realtime) must hear an event once.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { publish, subscribe } from '../../../app/modules/events/bus.server.ts'
import { createEventRelay, type EventRelay } from '../../../server/event-relay.ts'
import { cleanup, startRedis } from '../realtime/helpers.ts'

const relays: EventRelay[] = []
afterAll(async () => {
  for (const r of relays) await r.close()
  cleanup()
})

describe.each(['PostgreSQL', 'Redis'])('event relay over %s', (transport) => {
  it("delivers another process's events to relay subscribers, and nothing twice to the bus", async () => {
    const redis = transport === 'Redis' ? await startRedis() : null
    const options = { databaseUrl: process.env.DATABASE_URL!, redisUrl: redis?.url, redisPrefix: `test-${randomUUID()}`, log: () => {} }
    const [here, there] = [createEventRelay(options), createEventRelay(options)]
    relays.push(here, there)

    const viaRelay: string[] = []
    const viaBus: string[] = []
    const offRelay = here.subscribe('post.changed', (e) => viaRelay.push(e.postId))
    const offBus = subscribe('post.changed', (e) => viaBus.push(e.postId))

    // Connections come up in the background: publish until one event arrives both ways (this process
    // at once, the other one through the transport).
    const deadline = Date.now() + 15_000
    let postId = ''
    while (Date.now() < deadline) {
      postId = randomUUID()
      publish('post.changed', { spaceId: 's', threadId: 't', postId, number: 1, change: 'edited' })
      await new Promise((r) => setTimeout(r, 200))
      if (viaRelay.filter((id) => id === postId).length === 2) break
    }
    expect(viaRelay.filter((id) => id === postId)).toHaveLength(2)
    expect(viaBus.filter((id) => id === postId)).toHaveLength(1)

    offRelay()
    offBus()
    await Promise.all([here.close(), there.close()])
    await redis?.stop()
  }, 30_000)

  it('carries the live events of a process without sockets (a job worker run apart), and only of that one', async () => {
    const redis = transport === 'Redis' ? await startRedis() : null
    const options = { databaseUrl: process.env.DATABASE_URL!, redisUrl: redis?.url, redisPrefix: `test-${randomUUID()}`, log: () => {} }
    // Both in this process, so both send what the bus publishes: only the worker's messages say so.
    const [web, worker] = [createEventRelay(options), createEventRelay({ ...options, socketless: true })]
    relays.push(web, worker)
    const heard: string[] = []
    const off = web.subscribeSocketless('notifications.changed', (e) => heard.push(e.userId))
    const deadline = Date.now() + 15_000
    let userId = ''
    while (Date.now() < deadline) {
      userId = randomUUID()
      publish('notifications.changed', { userId })
      await new Promise((r) => setTimeout(r, 200))
      if (heard.includes(userId)) break
    }
    // Once: from the socketless relay; the web relay sends no notifications at all.
    expect(heard.filter((id) => id === userId)).toHaveLength(1)
    off()
    await Promise.all([web.close(), worker.close()])
    await redis?.stop()
  }, 30_000)
})
