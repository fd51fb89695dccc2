/**
 * The two Socket.io pieces a worker of a WEB_CONCURRENCY cluster needs (server/cluster.ts has the
 * primary's side): rooms shared with the other workers through the primary, and connections received
 * from the primary instead of a port of its own.
 */
import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/cluster-adapter'
import { setupWorker } from '@socket.io/sticky'
import type { Server } from 'socket.io'

export const clusterAdapter = () => createAdapter()

/** Names the process on each response (and WebSocket upgrade), for operators following a request through the cluster. */
export const WORKER_HEADER = 'x-birlikte-worker'

export function receiveConnections(io: Server, server: HttpServer, name: string) {
  setupWorker(io)
  server.prependListener('request', (_req, res) => res.setHeader(WORKER_HEADER, name))
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers[WORKER_HEADER] = name
  })
}
