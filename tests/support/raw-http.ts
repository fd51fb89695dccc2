/**
 * A raw node:http client for what fetch cannot show: a body sent in chunks without Content-Length,
 * written a little at a time, stopping as soon as the server answers — so a test can tell that the
 * server answered before the whole body was sent, i.e. without reading it.
 */
import { request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

export interface StreamedAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** bytes of body handed to the socket before the answer came */
  written: number
}

export interface StreamOptions {
  method?: string
  headers?: Record<string, string>
  /** the body's first bytes (e.g. a multipart header); filler follows */
  prefix?: string
  chunkBytes?: number
  /** stop writing (and end the body) after this many bytes if no answer came */
  maxBytes: number
}

/**
 * The server answers a refused body and closes without reading the rest; TCP may then reset the
 * connection before this client has read the answer (the kernel discards it with the reset). That race
 * is the network's, not a server that read on: a reset before any answer is tried again, a few times.
 */
export async function streamBody(baseUrl: string, path: string, options: StreamOptions): Promise<StreamedAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await streamOnce(baseUrl, path, options)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (attempt >= 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw e
    }
  }
}

function streamOnce(baseUrl: string, path: string, options: StreamOptions): Promise<StreamedAnswer> {
  const url = new URL(path, baseUrl)
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 'a')
  return new Promise((resolve, reject) => {
    let written = 0
    let answered = false
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: options.method ?? 'POST',
      headers: { ...options.headers, 'transfer-encoding': 'chunked' },
    })
    req.on('response', (res) => {
      answered = true
      const parts: Buffer[] = []
      res.on('data', (d: Buffer) => parts.push(d))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8'), written }),
      )
      res.on('error', reject)
    })
    // Once the server has answered and closed, writing on fails (EPIPE, ECONNRESET): that is the point.
    req.on('error', (e) => {
      if (!answered) reject(e)
    })
    void (async () => {
      if (options.prefix) {
        req.write(options.prefix)
        written += Buffer.byteLength(options.prefix)
      }
      while (!answered && written < options.maxBytes && !req.destroyed) {
        const flushed = req.write(chunk)
        written += chunk.length
        // Paced like a slow client, so an answer sent midway arrives before much more is written.
        if (!flushed) await Promise.race([new Promise((r) => req.once('drain', r)), sleep(50)])
        await sleep(1)
      }
      if (!answered && !req.destroyed) req.end()
    })().catch(reject)
  })
}
