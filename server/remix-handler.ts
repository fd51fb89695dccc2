/**
 * Remix behind Express, like @remix-run/express's handler — except that the Request is built from the
 * body server/body.ts already read and capped, never from the socket. Handing Remix the live request
 * stream would let any route (request.formData(), the multipart parser) read a body of any size.
 */
import type { NextFunction, Request as Req, Response as Res } from 'express'
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import { bufferedBody, carriesBody } from './body.ts'
import { inRequestScope } from '../app/lib/request-scope.server.ts'
import type { PageI18n } from '../app/lib/i18n-routes.ts'
import { pageNamespaces, partitionRoutes, requestSegment } from './route-partitions.ts'

export interface RemixHandlerOptions {
  build: ServerBuild
  mode?: string
  getLoadContext: (req: Req, res: Res) => AppLoadContext
}

export function createRemixHandler({ build, mode, getLoadContext }: RemixHandlerOptions) {
  // One handler per part of the route table (server/route-partitions.ts), made once. Route discovery
  // (/__manifest, asked for any paths at once) needs the whole table.
  type Part = { handle: ReturnType<typeof createRequestHandler>; namespaces?: (pathname: string) => PageI18n }
  const whole: Part = { handle: createRequestHandler(build, mode) }
  const parts = new Map<string, Part>()
  for (const [segment, routes] of partitionRoutes(build.routes)) {
    // The browser's manifest too: the render builds a route tree from it on every request. The browser
    // learns routes outside its part through /__manifest (lazy route discovery), as it does anyway.
    const assets = { ...build.assets, routes: Object.fromEntries(Object.keys(routes).map((id) => [id, build.assets.routes[id]])) }
    parts.set(segment, { handle: createRequestHandler({ ...build, routes, assets }, mode), namespaces: pageNamespaces(routes) })
  }
  const partFor = (path: string) => (path === '/__manifest' ? whole : (parts.get(requestSegment(path)) ?? parts.get('')!))
  return async (req: Req, res: Res, next: NextFunction) => {
    try {
      const part = partFor(req.path)
      const context = { ...getLoadContext(req, res), i18n: part.namespaces?.(req.path) }
      const response = await inRequestScope(() => part.handle(toWebRequest(req, res), context))
      await sendResponse(res, response)
    } catch (e) {
      next(e)
    }
  }
}

/** The origin the request names: scheme and host as Express reads them (proxy-aware), with the port. */
export function namedOrigin(req: Req) {
  // req.hostname honours "trust proxy" but drops the port, which X-Forwarded-Host or Host still carry.
  const portOf = (host: string | undefined) => Number.parseInt(/:(\d+)$/.exec(host ?? '')?.[1] ?? '', 10)
  const port = [portOf(req.get('x-forwarded-host')), portOf(req.get('host'))].find(Number.isSafeInteger)
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ''}`
}

function toWebRequest(req: Req, res: Res) {
  const url = new URL(`${namedOrigin(req)}${req.originalUrl}`)

  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of [value].flat()) headers.append(name, v)
  }

  // Loaders and actions stop once nobody can receive the answer: `close` without `finish` first.
  const controller = new AbortController()
  let finished = false
  res.on('finish', () => (finished = true))
  res.on('close', () => finished || controller.abort())

  const init: RequestInit = { method: req.method, headers, signal: controller.signal }
  if (carriesBody(req.method)) {
    const body = bufferedBody(req) ?? Buffer.alloc(0)
    // The body now has a known length however it was sent.
    headers.delete('transfer-encoding')
    headers.set('content-length', String(body.length))
    // A view, not a copy; Buffer.concat never hands out a SharedArrayBuffer.
    init.body = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength)
  }
  return new Request(url.href, init)
}

async function sendResponse(res: Res, response: globalThis.Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  // Headers#entries yields every Set-Cookie on its own; append keeps them all.
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (/text\/event-stream/i.test(response.headers.get('content-type') ?? '')) res.flushHeaders()
  // A body of known length (a page, rendered whole by entry.server.tsx) goes out in one write, one gzip call.
  if (response.body && response.headers.has('content-length')) res.end(Buffer.from(await response.arrayBuffer()))
  else if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
