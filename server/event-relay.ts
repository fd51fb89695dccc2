/**
 * Carries this process's discussion events to the other processes of the deployment — the workers of
 * WEB_CONCURRENCY, other machines on the same database — so each one's page cache drops what changed
 * (docs/decisions/010-page-cache.md, 015-runtime-and-cluster.md). PostgreSQL LISTEN/NOTIFY by default,
 * Redis pub/sub when REDIS_URL is set.
 *
 * Relayed events reach only those who subscribe through the relay: the bus itself stays process-local.
 * Socket.io rooms are shared by the adapter already, so realtime (which subscribes to the bus) must not
 * also hear another process's events, or every reader would get each one twice.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createClient } from 'redis'
import { subscribe as subscribeLocal, type DomainEvents } from '../app/modules/events/bus.server.ts'

/** What a process keeps for itself and must hear from the others: the page cache's invalidations. */
export const RELAYED_EVENTS = ['post.created', 'post.changed', 'thread.created', 'thread.changed'] as const
export type RelayedEvent = (typeof RELAYED_EVENTS)[number]
export type RelayedSubscribe = <K extends RelayedEvent>(name: K, fn: (payload: DomainEvents[K]) => void) => () => void

/** PostgreSQL channel (one per database, so test databases never hear each other). */
export const PG_CHANNEL = 'birlikte_events'
const RECONNECT_MAX_MS = 5_000

interface Transport {
  send(message: string): void
  close(): Promise<void>
}

export interface EventRelayOptions {
  databaseUrl: string
  redisUrl?: string
  redisPrefix?: string
  log?: (message: string) => void
}

export interface EventRelay {
  /** The bus's `subscribe` for the events of every process: this one's at once, the others' as they arrive. */
  subscribe: RelayedSubscribe
  close(): Promise<void>
}

export function createEventRelay(options: EventRelayOptions): EventRelay {
  const log = options.log ?? ((m: string) => console.error(m))
  const origin = randomUUID()
  const remote = new Map<string, Set<(payload: never) => void>>()

  function receive(raw: string) {
    let message: { from?: unknown; name?: unknown; payload?: unknown }
    try {
      message = JSON.parse(raw)
    } catch {
      return
    }
    // Our own messages come back (PostgreSQL notifies the sender's session too); they were delivered locally.
    if (message.from === origin || typeof message.payload !== 'object' || message.payload === null) return
    if (!RELAYED_EVENTS.includes(message.name as RelayedEvent)) return
    for (const fn of remote.get(message.name as string) ?? []) {
      try {
        fn(message.payload as never)
      } catch (e) {
        log(`[relay] ${String(message.name)} listener failed: ${(e as Error).message}`)
      }
    }
  }

  const transport = options.redisUrl
    ? redisTransport(options.redisUrl, `${options.redisPrefix ?? 'birlikte'}:events`, receive, log)
    : postgresTransport(options.databaseUrl, receive, log)

  const outgoing = RELAYED_EVENTS.map((name) =>
    subscribeLocal(name, (payload) => transport.send(JSON.stringify({ from: origin, name, payload }))),
  )

  return {
    subscribe(name, fn) {
      const off = subscribeLocal(name, fn)
      let set = remote.get(name)
      if (!set) remote.set(name, (set = new Set()))
      set.add(fn as (payload: never) => void)
      return () => {
        off()
        set.delete(fn as (payload: never) => void)
      }
    },
    async close() {
      for (const off of outgoing) off()
      remote.clear()
      await transport.close()
    },
  }
}

/**
 * One connection per process that LISTENs and NOTIFYs. While it is down, events are not relayed (other
 * processes' cache entries then expire within their few seconds) and it reconnects with backoff.
 */
function postgresTransport(url: string, receive: (raw: string) => void, log: (m: string) => void): Transport {
  let client: pg.Client | null = null
  let ready = false
  let closed = false
  let down = false
  let attempt = 0
  let timer: NodeJS.Timeout | undefined

  async function connect() {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
    client = c
    c.on('notification', (n) => n.channel === PG_CHANNEL && n.payload && receive(n.payload))
    c.on('error', () => retry(c))
    c.on('end', () => retry(c))
    try {
      await c.connect()
      await c.query(`LISTEN ${PG_CHANNEL}`)
      if (closed) return void c.end().catch(() => {})
      ready = true
      attempt = 0
      if (down) log('[relay] reconnected: page-cache invalidations are shared again')
      down = false
    } catch (e) {
      if (!down && !closed) log(`[relay] PostgreSQL unavailable, page-cache invalidations stay in this process: ${(e as Error).message}`)
      down = true
      retry(c)
    }
  }

  function retry(c: pg.Client) {
    if (closed || client !== c || timer) return
    ready = false
    client = null
    c.end().catch(() => {})
    const delay = Math.min(100 * 2 ** attempt++, RECONNECT_MAX_MS)
    timer = setTimeout(() => {
      timer = undefined
      void connect()
    }, delay)
  }

  void connect()
  // One NOTIFY at a time on the connection, in publishing order.
  let queue: Promise<unknown> = Promise.resolve()
  return {
    send(message) {
      const c = client
      if (!ready || !c) return
      queue = queue.then(() => c.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, message])).catch(() => {})
    },
    async close() {
      closed = true
      clearTimeout(timer)
      const c = client
      client = null
      ready = false
      await c?.end().catch(() => {})
    },
  }
}

/** Redis pub/sub: a publishing client and its duplicate in subscriber mode; both reconnect on their own. */
function redisTransport(url: string, channel: string, receive: (raw: string) => void, log: (m: string) => void): Transport {
  const reconnectStrategy = (retries: number) => Math.min(retries * 200, RECONNECT_MAX_MS)
  const pub = createClient({ url, socket: { reconnectStrategy } })
  const sub = pub.duplicate()
  let down = false
  for (const c of [pub, sub]) {
    c.on('error', (e: Error) => {
      if (!down) log(`[relay] Redis unavailable, page-cache invalidations stay in this process: ${e.message}`)
      down = true
    })
    c.on('ready', () => (down = false))
    c.connect().catch(() => {})
  }
  sub.subscribe(channel, (message) => receive(message)).catch(() => {})
  return {
    send(message) {
      if (pub.isReady) pub.publish(channel, message).catch(() => {})
    },
    async close() {
      for (const c of [sub, pub]) {
        if (c.isReady) await c.close().catch(() => c.destroy())
        else if (c.isOpen) c.destroy()
      }
    },
  }
}
