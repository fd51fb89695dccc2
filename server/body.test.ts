import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { bodyTextProblem, readCapped } from './body.ts'

/** An endless request body that counts what was pulled from it, like a socket feeding Node's parser. */
function endless(chunkBytes: number, headers: Record<string, string> = {}) {
  let pulled = 0
  const chunk = Buffer.alloc(chunkBytes, 'a')
  const stream = new Readable({
    read() {
      pulled += chunk.length
      this.push(chunk)
    },
  })
  return {
    req: Object.assign(stream, { headers }) as unknown as IncomingMessage,
    pulled: () => pulled,
    buffered: () => stream.readableHighWaterMark,
  }
}

describe('readCapped', () => {
  it('stops reading an endless body at the cap', async () => {
    const cap = 256 * 1024
    const chunk = 16 * 1024
    const body = endless(chunk)
    expect(await readCapped(body.req, cap)).toEqual({ ok: false, reason: 'too_large' })
    const atRefusal = body.pulled()
    await sleep(50)
    // Paused for good: nothing more is pulled after the refusal…
    expect(body.pulled()).toBe(atRefusal)
    // …and no more than one chunk past the cap went in, plus what a stream buffers ahead.
    expect(atRefusal).toBeLessThanOrEqual(cap + chunk + body.buffered())
  })

  it('refuses a declared length over the cap without reading', async () => {
    const body = endless(1024, { 'content-length': String(2048) })
    expect(await readCapped(body.req, 1024)).toEqual({ ok: false, reason: 'too_large' })
    expect(body.pulled()).toBe(0)
  })

  it('keeps a body under the cap whole', async () => {
    const req = Object.assign(Readable.from([Buffer.from('a=1&'), Buffer.from('b=2')]), { headers: {} }) as unknown as IncomingMessage
    const read = await readCapped(req, 1024)
    expect(read.ok && read.body.toString()).toBe('a=1&b=2')
  })
})

describe('bodyTextProblem', () => {
  const check = (type: string, body: string | Buffer) => bodyTextProblem(type, Buffer.isBuffer(body) ? body : Buffer.from(body))

  it('finds NUL in form fields, decoded or raw', async () => {
    expect(await check('application/x-www-form-urlencoded', 'a=1&b=x%00y')).toBe('nul')
    expect(await check('application/x-www-form-urlencoded; charset=utf-8', 'na%00me=1')).toBe('nul')
    expect(await check('application/x-www-form-urlencoded', 'a=1&b=%2500')).toBeNull()
    expect(await check('text/plain', Buffer.from([0x61, 0, 0x62]))).toBe('nul')
  })

  it('finds NUL and lone surrogates in JSON strings and keys, however deep', async () => {
    expect(await check('application/json', '{"a": ["x", {"b": "\\u0000"}]}')).toBe('nul')
    expect(await check('application/json', '{"a": "\\ud800"}')).toBe('surrogate')
    expect(await check('application/merge-patch+json', '{"\\udfff": 1}')).toBe('surrogate')
    expect(await check('application/json', '{"a": "\\ud83c\\udf3b"}')).toBeNull()
    const deep = `${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`
    expect(await check('application/json', deep)).toBe('surrogate')
  })

  it('lets what does not parse through, for the route to explain', async () => {
    expect(await check('application/json', '{"a": "\\u0000"')).toBeNull()
    expect(await check('application/json', Buffer.from([0x7b, 0xff, 0x7d]))).toBeNull()
    expect(await check('multipart/form-data; boundary=b', 'not multipart')).toBeNull()
  })

  it('reads multipart text fields, not file contents', async () => {
    const form = (field: string) => {
      const f = new FormData()
      f.set('name', field)
      f.set('logo', new Blob([new Uint8Array([0x89, 0, 0, 0x0d])], { type: 'image/png' }), 'logo.png')
      return f
    }
    const encode = async (f: FormData) => {
      const r = new Request('http://x/', { method: 'POST', body: f })
      return [r.headers.get('content-type')!, Buffer.from(await r.arrayBuffer())] as const
    }
    expect(await check(...(await encode(form('Ay\u0000şe'))))).toBe('nul')
    expect(await check(...(await encode(form('Ayşe'))))).toBeNull()
  })

  it('leaves binary bodies alone', async () => {
    expect(await check('application/octet-stream', Buffer.from([0, 0, 0]))).toBeNull()
  })
})
