import type { Server } from 'socket.io'

export interface RedisAdapterOptions {
  /** Separates deployments (and parallel test runs) sharing one Redis: stream, channels and session keys. */
  prefix?: string
  log?: (message: string) => void
}

export interface RedisLink {
  /** false while Redis is unreachable: callers then work on this process's sockets alone. */
  readonly ready: boolean
  close(): Promise<void>
}

/**
 * Several processes share rooms through Redis streams. A Redis outage only pauses cross-process fan-out:
 * nothing here is awaited by a request, startup does not wait for Redis, and while it is away broadcasts
 * reach this process's sockets at once instead of queueing behind a command that cannot be sent.
 */
export async function attachRedisAdapter(io: Server, url: string, options: RedisAdapterOptions = {}): Promise<RedisLink> {
  // Loaded only when REDIS_URL is set: a process without Redis does not carry the client (some 30 MB).
  const [{ createAdapter }, { createClient }] = await Promise.all([import('@socket.io/redis-streams-adapter'), import('redis')])
  const log = options.log ?? ((m: string) => console.error(m))
  const prefix = options.prefix ?? 'birlikte'
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000) } })
  // One line per outage, not one per reconnection attempt.
  let down = false
  client.on('error', (e: Error) => {
    if (!down) log(`[redis] unavailable, live updates stay within this process: ${e.message}`)
    down = true
  })
  client.on('ready', () => {
    if (down) log('[redis] reconnected, live updates are shared again')
    down = false
  })
  // connect() keeps retrying (and never settles) while Redis is down; the adapter's commands wait in the
  // client's offline queue meanwhile.
  client.connect().catch((e: Error) => log(`[redis] ${e.message}`))

  io.adapter(
    createAdapter(client, {
      streamName: `${prefix}:socket.io`,
      channelPrefix: `${prefix}:socket.io`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
    }),
  )

  // ClusterAdapter.broadcast awaits the XADD before delivering locally; with Redis gone that would hold
  // every local event until it returns. Deliver locally straight away instead.
  const adapter = io.of('/').adapter
  const broadcast = adapter.broadcast.bind(adapter)
  adapter.broadcast = (packet, opts) => {
    if (client.isReady) return broadcast(packet, opts)
    return broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } })
  }

  // Likewise a reconnecting client's session lookup would hang its handshake: without Redis it starts a
  // fresh session (and catches up from the database); sessions are not stored while Redis is away.
  const restoreSession = adapter.restoreSession.bind(adapter)
  adapter.restoreSession = (pid, offset) => (client.isReady ? restoreSession(pid, offset) : Promise.reject(new Error('redis unavailable')))
  const persistSession = adapter.persistSession.bind(adapter)
  adapter.persistSession = (session) => {
    if (client.isReady) persistSession(session)
  }

  return {
    get ready() {
      return client.isReady
    },
    async close() {
      // Graceful while connected (pending replies arrive first); with Redis away there is nobody to say goodbye to.
      if (client.isReady) await client.close().catch(() => client.destroy())
      else if (client.isOpen) client.destroy()
    },
  }
}
