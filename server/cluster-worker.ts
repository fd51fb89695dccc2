/**
 * What a worker of a WEB_CONCURRENCY cluster adds to the app (server/cluster.ts has the primary's side):
 * rooms shared with the other workers through the primary, and its name on every response. Its port is
 * the cluster's: node:cluster hands each new connection to a worker in turn, and the connection stays
 * with it (keep-alive included).
 */
import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/cluster-adapter'
import type { Server } from 'socket.io'

export const clusterAdapter = () => createAdapter()

/** Names the process on each response (and WebSocket upgrade), for operators following a request through the cluster. */
export const WORKER_HEADER = 'x-birlikte-worker'

export function nameResponses(io: Server, server: HttpServer, name: string) {
  server.prependListener('request', (_req, res) => res.setHeader(WORKER_HEADER, name))
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers[WORKER_HEADER] = name
  })
}
