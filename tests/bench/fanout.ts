/**
 * Fan-out: N Socket.io clients in a separate process (fanout-clients.ts) joined to one thread room;
 * this process POSTs R replies one after another and times each from the start of its POST to its
 * receipt by every client (the app's `thread:posts`: the reply itself, rendered for the readers'
 * audience). The same against a bare Socket.io server that only broadcasts a payload of the same shape
 * and size on an HTTP POST (bare-socket-server.ts), in the same run.
 */
import type { ChildProcess } from 'node:child_process'
import { forkTs, freePort, percentile, spawnTs, waitFor200 } from './lib.ts'

export interface FanoutResult {
  name: string
  deliveries: number
  missing: number
  p50: number
  p99: number
  max: number
}

interface Options {
  url: string
  room: string
  /** the event every client waits for (default `thread:event`) */
  event?: string
  clients: number
  rounds: number
  /** sends round i's message; resolves when its HTTP response is in */
  post: (i: number) => Promise<void>
  log: (m: string) => void
}

const clock = () => performance.timeOrigin + performance.now()

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the fan-out clients sent no "${type}" within ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === type) done(null, m as T)
      else if (m.type === 'error') done(new Error(`fan-out clients: ${m.message}`))
    }
    const onExit = (code: number | null) => done(new Error(`the fan-out clients exited (code ${code})`))
    function done(err: Error | null, value?: T) {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (err) reject(err)
      else resolve(value as T)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

export async function measureFanout(name: string, o: Options): Promise<FanoutResult> {
  o.log(`fan-out (${name}): connecting ${o.clients} clients to ${o.room} …`)
  const child = forkTs('tests/bench/fanout-clients.ts', {
    FANOUT_URL: o.url,
    FANOUT_ROOM: o.room,
    FANOUT_CLIENTS: String(o.clients),
    FANOUT_EVENT: o.event ?? 'thread:event',
  })
  try {
    await nextMessage(child, 'ready', 180_000)
    o.log(`fan-out (${name}): ${o.rounds} messages …`)
    const latencies: number[] = []
    let missing = 0
    // The first rounds warm up the JIT on both sides and are not counted.
    const warmUp = Math.min(10, Math.ceil(o.rounds / 10))
    for (let i = -warmUp; i < o.rounds; i++) {
      child.send({ type: 'round', round: i })
      // Let the child arm the round before anything can arrive.
      await new Promise((r) => setTimeout(r, 5))
      const result = nextMessage<{ round: number; times: number[]; missing: number }>(child, 'round', 30_000)
      const t0 = clock()
      await o.post(i + warmUp)
      const { times, missing: m } = await result
      if (i < 0) continue
      missing += m
      for (const t of times) latencies.push(t - t0)
    }
    return {
      name,
      deliveries: latencies.length,
      missing,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.reduce((m, x) => Math.max(m, x), 0),
    }
  } finally {
    child.send({ type: 'stop' })
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
  }
}

/** The bare baseline: its own server process, same clients, same payload shape. */
export async function bareFanout(o: Omit<Options, 'url' | 'post' | 'room'> & { payload: (i: number) => unknown }): Promise<FanoutResult> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = spawnTs('tests/bench/bare-socket-server.ts', { PORT: String(port) })
  try {
    await waitFor200(url + '/', server)
    const room = 'thread:bare'
    return await measureFanout('bare Socket.io', {
      ...o,
      url,
      room,
      post: async (i) => {
        const res = await fetch(`${url}/broadcast?room=${encodeURIComponent(room)}`, { method: 'POST', body: JSON.stringify(o.payload(i)) })
        await res.arrayBuffer()
      },
    })
  } finally {
    await server.stop()
  }
}
