/**
 * The job worker run apart (`npm run worker`, WORKER=0 on the web processes): it has no Socket.io
 * server, so what its jobs publish for live pages — here a bell's count, raised by the notification it
 * writes for a reply — reaches the readers of the web process through the event relay, once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnWorker, startTestApp, type ServerProcess } from '../../support/app.ts'
import { createSpace, person, reply, thread } from '../discussions/helpers.ts'
import { cleanup, connect, cookieFor } from '../realtime/helpers.ts'

describe('a job worker in its own process', () => {
  let web: Awaited<ReturnType<typeof startTestApp>>
  let worker: ServerProcess

  beforeAll(async () => {
    ;[web, worker] = await Promise.all([startTestApp({ worker: false }), spawnWorker()])
  }, 120_000)
  afterAll(async () => {
    cleanup()
    await Promise.all([web?.close(), worker?.stop()])
  })

  it("rings the bell of a reader on the web process when the worker's job notifies them", async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const other = await person({ name: 'Elif Demir' })
    const socket = await connect(web.url, await cookieFor(author.user.id))
    const counts: number[] = []
    // (the count on connecting is 0: only the worker's pushes count here)
    socket.on('notifications:count', (p: { count: number }) => p.count > 0 && counts.push(p.count))

    // The relay's connection comes up in the background: reply until a count arrives (each reply is one
    // more notification for the thread's author).
    const deadline = Date.now() + 30_000
    let replies = 0
    while (!counts.length && Date.now() < deadline) {
      await reply(other.actor, t.threadId, `Yanıt ${++replies}`)
      await new Promise((r) => setTimeout(r, 1_000))
    }
    expect(counts.length, worker.output()).toBeGreaterThan(0)
    expect(counts.at(-1)).toBeGreaterThan(0)
    // Once per event: the web process pushed it to its own connection, and nothing else did.
    await new Promise((r) => setTimeout(r, 1_500))
    expect(counts.length).toBeLessThanOrEqual(replies)
  }, 60_000)
})
