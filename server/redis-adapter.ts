import { createAdapter } from '@socket.io/redis-streams-adapter'
import { createClient } from 'redis'
import type { Server } from 'socket.io'

/** Several processes share rooms through Redis streams; a Redis outage only pauses cross-process fan-out. */
export async function attachRedisAdapter(io: Server, url: string) {
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000) } })
  client.on('error', (e) => console.error(`[redis] ${e.message}`))
  await client.connect()
  io.adapter(createAdapter(client))
  return client
}
