/**
 * The SSRF guard and the preview fetch, without a packet beyond loopback: every name resolves through an
 * injected resolver (never the system's), the only server is a local one on 127.0.0.1 allowed through the
 * test-only allowlist, and a hook on net.Socket.prototype.connect fails the test on any other connect.
 */
import http from 'node:http'
import net from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FetchFailed, fetchPage, MAX_REDIRECTS, SIZE_LIMIT_BYTES, USER_AGENT, type FetchOptions } from './fetch.server'
import { checkUrl, isPublicAddress, resolveDestination, type Resolver } from './guard.server'
import { parseMeta } from './parse.server'

// ── the local page server ────────────────────────────────────────────────────────────────────────

let server: http.Server
let port = 0
let requests: { path: string; userAgent?: string; remote?: string }[] = []
let bytesSent = 0
let bigFinished: boolean | undefined

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<title>Fallback title</title>
<meta property="og:site_name" content="Yerel Dernek">
<meta property="og:title" content="Gönüllü &amp; Bağışçı Rehberi \u202Eevil">
<meta name="description" content="Sivil toplum için   kısa\n bir rehber.">
</head><body><h1>x</h1></body></html>`

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', userAgent: req.headers['user-agent'], remote: req.socket.remoteAddress })
    const path = req.url ?? '/'
    const redirect = (to: string) => res.writeHead(302, { location: to }).end()
    if (path === '/ok') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
    else if (path === '/to-private') redirect('http://internal.test/admin')
    else if (path === '/to-metadata') redirect('http://169.254.169.254/latest/meta-data/')
    else if (path === '/to-ipv6-local') redirect('http://[::1]/')
    else if (path === '/to-credentials') redirect('http://user:secret@example.org/')
    else if (path === '/to-port') redirect('http://example.org:8080/')
    else if (path === '/rebind-start') redirect(`http://rebind.test:${port}/rebind-page`)
    else if (path === '/rebind-page') res.writeHead(200, { 'content-type': 'text/html' }).end('<title>inside</title>')
    else if (path.startsWith('/loop')) redirect(`/loop${Number(path.slice(5) || 0) + 1}`)
    else if (path === '/json') res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"x"}')
    else if (path === '/missing') res.writeHead(404, { 'content-type': 'text/html' }).end('<title>404</title>')
    else if (path === '/slow') res.writeHead(200, { 'content-type': 'text/html' }).write('<html><head>')
    else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<html><head><title>Büyük sayfa</title></head><body>')
      const chunk = Buffer.from(`<p>${'x'.repeat(64 * 1024)}</p>`)
      let left = 64 * 1024 * 1024
      const pump = () => {
        while (left > 0) {
          left -= chunk.length
          bytesSent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('close', () => {
        bigFinished = res.writableFinished
        left = 0
      })
      pump()
    } else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as net.AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

// ── the connect hook: any connect but to the local server fails the test ─────────────────────────

const realConnect = net.Socket.prototype.connect
let connects: { host?: string; port?: number }[] = []
let strayConnects: unknown[] = []

beforeEach(() => {
  requests = []
  connects = []
  strayConnects = []
  bytesSent = 0
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // http.Agent calls it with the normalized arguments: [[options, callback]].
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as net.NetConnectOpts | number | string
    const target = typeof first === 'object' ? (first as { host?: string; port?: number }) : { port: Number(first) }
    connects.push({ host: target.host, port: target.port === undefined ? undefined : Number(target.port) })
    if (Number(target.port) !== port) {
      strayConnects.push(target)
      throw new Error(`connect hook: a socket to ${String(target.host)}:${String(target.port)} was attempted`)
    }
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args)
  } as typeof net.Socket.prototype.connect
})
afterEach(() => {
  net.Socket.prototype.connect = realConnect
  expect(strayConnects).toEqual([])
})

/** A resolver from a table; `calls` counts each name's lookups. Unknown names fail like NXDOMAIN. */
function resolverFor(table: Record<string, string[] | ((call: number) => string[])>) {
  const calls = new Map<string, number>()
  const resolver: Resolver = async (host) => {
    const n = (calls.get(host) ?? 0) + 1
    calls.set(host, n)
    const entry = table[host]
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    const addresses = typeof entry === 'function' ? entry(n) : entry
    return addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }))
  }
  return { resolver, calls }
}

const local = () => ({ allow: [`127.0.0.1:${port}`] })
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(FetchFailed)
  return (e as FetchFailed).reason
}

// ── addresses ───────────────────────────────────────────────────────────────────────────────────

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.251',
    '239.255.255.250',
    '255.255.255.255',
    '198.18.0.1',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::1',
    '2001:db8::1',
    'not an address',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false))

  it.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])(
    'allows the public %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  )
})

describe('checkUrl', () => {
  it.each([
    ['ftp://example.org/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['gopher://example.org/', 'scheme'],
    ['http://user:pass@example.org/', 'credentials'],
    ['https://token@example.org/', 'credentials'],
    ['http://example.org:8080/', 'port'],
    ['https://example.org:22/', 'port'],
    ['not a url', 'url'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(() => checkUrl(url)).toThrow(expect.objectContaining({ reason }))
  })

  it('takes the default ports, written or not', () => {
    expect(checkUrl('https://example.org:443/a').href).toBe('https://example.org/a')
    expect(checkUrl('http://EXAMPLE.org:80/').href).toBe('http://example.org/')
  })
})

// ── SSRF: refused before any socket opens ───────────────────────────────────────────────────────

describe('names that resolve inside are refused before a socket opens', () => {
  const { resolver, calls } = resolverFor({
    'loopback.test': ['127.0.0.1'],
    'ten.test': ['10.1.2.3'],
    'metadata.test': ['169.254.169.254'],
    'ipv6-loopback.test': ['::1'],
    'ipv6-link-local.test': ['fe80::1'],
    'ipv6-unique-local.test': ['fd00::5'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'cgnat.test': ['100.64.1.1'],
    'zero.test': ['0.0.0.0'],
    // a round-robin answer with one inside address: refused, not "try the public one"
    'mixed.test': ['93.184.215.14', '10.0.0.7'],
  })

  it.each([
    'http://loopback.test/',
    'http://ten.test/',
    'http://metadata.test/latest/meta-data/',
    'https://ipv6-loopback.test/',
    'http://ipv6-link-local.test/',
    'http://ipv6-unique-local.test/',
    'http://mapped.test/',
    'http://cgnat.test/',
    'http://zero.test/',
    'https://mixed.test/',
  ])('%s', async (url) => {
    expect(await failure(fetchPage(url, { resolver }))).toBe('refused-address')
    expect(connects).toEqual([])
    expect(calls.get(new URL(url).hostname)).toBeGreaterThan(0)
  })

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/', // 127.0.0.1 as one number: the URL parser reads it as an address
    'http://0x7f.1/',
    'http://[::1]/',
    'http://[::ffff:a00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
  ])('the address written in the URL: %s', async (url) => {
    expect(await failure(fetchPage(url, { resolver }))).toBe('refused-address')
    expect(connects).toEqual([])
  })

  it('a name that does not resolve', async () => {
    expect(await failure(fetchPage('http://nowhere.test/', { resolver }))).toBe('refused-dns')
    expect(connects).toEqual([])
  })

  it('the allowlist lets exactly one address and port through', async () => {
    await expect(resolveDestination(`http://127.0.0.1:${port}/`, local())).resolves.toMatchObject({ address: '127.0.0.1' })
    // another loopback address on the allowed port, or the allowed address on the default port: refused
    expect(await failure(fetchPage(`http://127.0.0.2:${port}/`, local()))).toBe('refused-address')
    expect(await failure(fetchPage('http://127.0.0.1/', local()))).toBe('refused-address')
    expect(connects).toEqual([])
  })
})

// ── redirects, each hop checked again ───────────────────────────────────────────────────────────

describe('redirects', () => {
  it('to a name that resolves to 10/8: refused after the first hop, nothing sent there', async () => {
    const { resolver } = resolverFor({ 'page.test': ['127.0.0.1'], 'internal.test': ['10.0.0.5'] })
    expect(await failure(fetchPage(`http://page.test:${port}/to-private`, { resolver, ...local() }))).toBe('refused-address')
    expect(requests.map((r) => r.path)).toEqual(['/to-private'])
    expect(connects).toHaveLength(1)
  })

  it.each([
    ['/to-metadata', 'refused-address'],
    ['/to-ipv6-local', 'refused-address'],
    ['/to-credentials', 'refused-credentials'],
    ['/to-port', 'refused-port'],
  ])('%s → %s', async (path, reason) => {
    const { resolver } = resolverFor({ 'page.test': ['127.0.0.1'], 'example.org': ['93.184.215.14'] })
    expect(await failure(fetchPage(`http://page.test:${port}${path}`, { resolver, ...local() }))).toBe(reason)
    expect(connects).toHaveLength(1)
  })

  it('DNS rebinding through a redirect: the same name answering an inside address on the next hop is refused', async () => {
    // First answer: the (allowed) local server; every later answer: the cloud metadata address.
    const { resolver, calls } = resolverFor({ 'rebind.test': (n) => (n === 1 ? ['127.0.0.1'] : ['169.254.169.254']) })
    expect(await failure(fetchPage(`http://rebind.test:${port}/rebind-start`, { resolver, ...local() }))).toBe('refused-address')
    expect(calls.get('rebind.test')).toBe(2)
    expect(requests.map((r) => r.path)).toEqual(['/rebind-start'])
    expect(connects).toHaveLength(1)
  })

  it('the connection goes to the checked address: the name is resolved once per hop, never again by the socket', async () => {
    const { resolver, calls } = resolverFor({ 'pin.test': (n) => (n === 1 ? ['127.0.0.1'] : ['10.9.9.9']) })
    const page = await fetchPage(`http://pin.test:${port}/ok`, { resolver, ...local() })
    expect(page.html).toContain('og:title')
    expect(calls.get('pin.test')).toBe(1)
    expect(requests).toEqual([{ path: '/ok', userAgent: USER_AGENT, remote: '127.0.0.1' }])
  })

  it(`at most ${MAX_REDIRECTS} redirects`, async () => {
    const { resolver } = resolverFor({ 'page.test': ['127.0.0.1'] })
    expect(await failure(fetchPage(`http://page.test:${port}/loop`, { resolver, ...local() }))).toBe('too-many-redirects')
    expect(requests.map((r) => r.path)).toEqual(['/loop', '/loop1', '/loop2', '/loop3'])
  })
})

// ── what is read ────────────────────────────────────────────────────────────────────────────────

describe('reading the page', () => {
  const { resolver } = resolverFor({ 'page.test': ['127.0.0.1'] })
  const options = (): FetchOptions => ({ resolver, ...local() })

  it('a page: title, description and site name, sanitized, with the fixed User-Agent', async () => {
    const page = await fetchPage(`http://page.test:${port}/ok`, options())
    expect(page.truncated).toBe(false)
    expect(parseMeta(page.html)).toEqual({
      siteName: 'Yerel Dernek',
      title: 'Gönüllü & Bağışçı Rehberi evil',
      description: 'Sivil toplum için kısa bir rehber.',
    })
    expect(requests[0].userAgent).toBe(USER_AGENT)
  })

  it('not HTML: refused without reading it', async () => {
    expect(await failure(fetchPage(`http://page.test:${port}/json`, options()))).toBe('not-html')
  })

  it('an error status', async () => {
    expect(await failure(fetchPage(`http://page.test:${port}/missing`, options()))).toBe('status-404')
  })

  it(`reads ${SIZE_LIMIT_BYTES / 1024} kB at most, then drops the connection`, async () => {
    const page = await fetchPage(`http://page.test:${port}/big`, options())
    expect(page.truncated).toBe(true)
    expect(Buffer.byteLength(page.html)).toBeLessThanOrEqual(SIZE_LIMIT_BYTES)
    expect(parseMeta(page.html).title).toBe('Büyük sayfa')
    await new Promise((r) => setTimeout(r, 100))
    // The connection was dropped: the server never finished its 64 MB (socket buffers took a few MB more than was read).
    expect(bigFinished).toBe(false)
    expect(bytesSent).toBeLessThan(16 * 1024 * 1024)
  })

  it('a page that never ends: given up at the time limit', async () => {
    const started = Date.now()
    expect(await failure(fetchPage(`http://page.test:${port}/slow`, { ...options(), timeLimitMs: 300 }))).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('a resolver that never answers: the same time limit', async () => {
    const hanging: Resolver = () => new Promise(() => {})
    expect(await failure(fetchPage('http://hangs.test/', { resolver: hanging, timeLimitMs: 200 }))).toBe('timeout')
    expect(connects).toEqual([])
  })
})

describe('parseMeta', () => {
  it('falls back to Twitter tags, then <title>; caps lengths; ignores the body', () => {
    const long = 'kelime '.repeat(100)
    const meta = parseMeta(`<html><head><title> Başlık\u200B  </title><meta name="twitter:description" content="${long}"></head>
      <body><meta property="og:title" content="from the body"></body></html>`)
    expect(meta.title).toBe('Başlık')
    expect(meta.siteName).toBeNull()
    expect([...meta.description!].length).toBeLessThanOrEqual(300)
    expect(meta.description!.endsWith('…')).toBe(true)
  })

  it('keeps markup as text, never as HTML', () => {
    const meta = parseMeta(`<head><meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;"></head>`)
    expect(meta.title).toBe('<script>alert(1)</script>')
  })
})
