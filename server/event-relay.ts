/**
 * Carries this process's discussion events to the other processes of the deployment — the workers of
 * WEB_CONCURRENCY, other machines on the same database — so each one's page cache drops what changed
 * (docs/decisions/010-page-cache.md, 015-runtime-and-cluster.md). PostgreSQL LISTEN/NOTIFY by default,
 * Redis pub/sub when REDIS_URL is set.
 *
 * Relayed events reach only those who subscribe through the relay: the bus itself stays process-local.
 * Socket.io rooms are shared by the adapter already, so realtime (which subscribes to the bus) must not
 * also hear another process's events, or every reader would get each one twice — with one exception:
 * a process without a Socket.io server (the job worker run apart, `npm run worker`) has no rooms to emit
 * to, so it also sends what its jobs publish for live pages (`SOCKET_EVENTS`: a bell's count, a post's
 * link previews), and every web process pushes those to its own connections only (server/realtime.ts).
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { subscribe as subscribeLocal, type DomainEvents } from '../app/modules/events/bus.server.ts'

/** What a process keeps for itself and must hear from the others: the page cache's invalidations. */
export const RELAYED_EVENTS = ['post.created', 'post.changed', 'thread.created', 'thread.changed'] as const
export type RelayedEvent = (typeof RELAYED_EVENTS)[number]
export type RelayedSubscribe = <K extends RelayedEvent>(name: K, fn: (payload: DomainEvents[K]) => void) => () => void

/** What jobs publish for live pages: sent by a process without sockets, for the web processes to push. */
export const SOCKET_EVENTS = ['notifications.changed', 'post.created', 'post.changed'] as const
export type SocketEvent = (typeof SOCKET_EVENTS)[number]
export type SocketlessSubscribe = <K extends SocketEvent>(name: K, fn: (payload: DomainEvents[K]) => void) => () => void

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
  /** this process runs no Socket.io server (the job worker alone): its SOCKET_EVENTS go out too */
  socketless?: boolean
}

export interface EventRelay {
  /** The bus's `subscribe` for the events of every process: this one's at once, the others' as they arrive. */
  subscribe: RelayedSubscribe
  /** SOCKET_EVENTS from processes without sockets, for this one to push to its own connections */
  subscribeSocketless: SocketlessSubscribe
  close(): Promise<void>
}

export function createEventRelay(options: EventRelayOptions): EventRelay {
  const log = options.log ?? ((m: string) => console.error(m))
  const origin = randomUUID()
  const remote = new Map<string, Set<(payload: never) => void>>()
  const fromSocketless = new Map<string, Set<(payload: never) => void>>()

  function deliver(listeners: Set<(payload: never) => void> | undefined, name: string, payload: unknown) {
    for (const fn of listeners ?? []) {
      try {
        fn(payload as never)
      } catch (e) {
        log(`[relay] ${name} listener failed: ${(e as Error).message}`)
      }
    }
  }

  function receive(raw: string) {
    let message: { from?: unknown; name?: unknown; payload?: unknown; socketless?: unknown }
    try {
      message = JSON.parse(raw)
    } catch {
      return
    }
    // Our own messages come back (PostgreSQL notifies the sender's session too); they were delivered locally.
    if (message.from === origin || typeof message.payload !== 'object' || message.payload === null) return
    const name = String(message.name)
    if (RELAYED_EVENTS.includes(name as RelayedEvent)) deliver(remote.get(name), name, message.payload)
    if (message.socketless === true && SOCKET_EVENTS.includes(name as SocketEvent)) deliver(fromSocketless.get(name), name, message.payload)
  }

  const transport = options.redisUrl
    ? redisTransport(options.redisUrl, `${options.redisPrefix ?? 'birlikte'}:events`, receive, log)
    : postgresTransport(options.databaseUrl, receive, log)

  const socketless = options.socketless === true
  const sent = new Set<keyof DomainEvents>([...RELAYED_EVENTS, ...(socketless ? SOCKET_EVENTS : [])])
  const outgoing = [...sent].map((name) =>
    subscribeLocal(name, (payload) =>
      transport.send(JSON.stringify({ from: origin, name, payload, ...(socketless ? { socketless } : {}) })),
    ),
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
    subscribeSocketless(name, fn) {
      let set = fromSocketless.get(name)
      if (!set) fromSocketless.set(name, (set = new Set()))
      set.add(fn as (payload: never) => void)
      return () => void set.delete(fn as (payload: never) => void)
    },
    async close() {
      for (const off of outgoing) off()
      remote.clear()
      fromSocketless.clear()
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

/**
 * Redis pub/sub: a publishing client and its duplicate in subscriber mode; both reconnect on their own.
 * The client is loaded when the transport starts, so a deployment without Redis never loads it.
 */
function redisTransport(url: string, channel: string, receive: (raw: string) => void, log: (m: string) => void): Transport {
  const reconnectStrategy = (retries: number) => Math.min(retries * 200, RECONNECT_MAX_MS)
  let closed = false
  let publisher: { isReady: boolean; publish(channel: string, message: string): Promise<unknown> } | null = null
  const started = import('redis').then(({ createClient }) => {
    const pub = createClient({ url, socket: { reconnectStrategy } })
    const sub = pub.duplicate()
    let down = false
    for (const c of [pub, sub]) {
      c.on('error', (e: Error) => {
        if (!down) log(`[relay] Redis unavailable, page-cache invalidations stay in this process: ${e.message}`)
        down = true
      })
      c.on('ready', () => (down = false))
      if (!closed) c.connect().catch(() => {})
    }
    if (!closed) sub.subscribe(channel, (message) => receive(message)).catch(() => {})
    publisher = pub
    return [pub, sub]
  })
  return {
    send(message) {
      if (publisher?.isReady) publisher.publish(channel, message).catch(() => {})
    },
    async close() {
      closed = true
      for (const c of (await started).reverse()) {
        if (c.isReady) await c.close().catch(() => c.destroy())
        else if (c.isOpen) c.destroy()
      }
    },
  }
}
