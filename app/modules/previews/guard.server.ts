/**
 * The SSRF guard of link previews: which URLs the server may fetch, and at which address. Modelled on
 * Discourse's FinalDestination / ssrf_filter and the npm `request-filtering-agent`, small enough to read:
 *
 * - a URL is http(s) on its default port, with no credentials in it;
 * - its host is resolved through an injectable resolver (tests never touch real DNS), and EVERY address it
 *   resolves to must be a public one (one private address among public ones refuses the host: a
 *   round-robin answer must not let a retry reach the inside);
 * - the connection goes to the address that was checked (`pinnedLookup`): nothing resolves the name a
 *   second time between the check and the connect, so DNS rebinding has no second answer to give.
 *
 * Public means: IPv4 outside the special-purpose ranges below, IPv6 inside global unicast 2000::/3 and
 * outside its special blocks. IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms are refused outright
 * rather than decoded (a public server has no reason to be reached that way).
 *
 * `allow` is for tests only and is never read from the environment: exact `address:port` pairs (a local
 * test server on 127.0.0.1) that pass although they are not public, and whose port may be any.
 */
import dns from 'node:dns'
import type { LookupAddress, LookupOptions } from 'node:dns'
import net from 'node:net'

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>

/** The system's resolver (getaddrinfo), every address, in the order the system prefers. */
export const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true })

export interface GuardOptions {
  resolver?: Resolver
  /** test-only: `address:port` pairs allowed although not public (e.g. `127.0.0.1:43121`) */
  allow?: readonly string[]
}

export type Refusal = 'url' | 'scheme' | 'credentials' | 'port' | 'address' | 'dns'

export class GuardRefusal extends Error {
  constructor(
    readonly reason: Refusal,
    detail: string,
  ) {
    super(`refused (${reason}): ${detail}`)
    this.name = 'GuardRefusal'
  }
}

const v4Blocked = new net.BlockList()
for (const [net4, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
] as const)
  v4Blocked.addSubnet(net4, prefix, 'ipv4')

const v6GlobalUnicast = new net.BlockList()
v6GlobalUnicast.addSubnet('2000::', 3, 'ipv6')
const v6Blocked = new net.BlockList()
for (const [net6, prefix] of [
  ['2001::', 32], // Teredo (tunnels to an IPv4 address)
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds an IPv4 address)
  ['3fff::', 20], // documentation
] as const)
  v6Blocked.addSubnet(net6, prefix, 'ipv6')

/**
 * Whether an address may be connected to. Everything not provably public is refused: loopback, private,
 * link-local, CGNAT, unspecified, multicast, unique-local (fc00::/7), IPv4-mapped forms of any of these
 * (::ffff:0:0/96 is outside 2000::/3), and anything that does not parse as an address.
 */
export function isPublicAddress(address: string): boolean {
  // A zone id (fe80::1%eth0) only ever names a link-local address.
  if (address.includes('%')) return false
  const family = net.isIP(address)
  if (family === 4) return !v4Blocked.check(address, 'ipv4')
  if (family === 6) return v6GlobalUnicast.check(address, 'ipv6') && !v6Blocked.check(address, 'ipv6')
  return false
}

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 }

/** The URL as the guard reads it, or a refusal: scheme, credentials and port, before any DNS. */
export function checkUrl(raw: string | URL, options: Pick<GuardOptions, 'allow'> = {}): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new GuardRefusal('url', 'not a URL')
  }
  if (!(url.protocol in DEFAULT_PORT)) throw new GuardRefusal('scheme', url.protocol)
  if (url.username || url.password) throw new GuardRefusal('credentials', 'user or password in the URL')
  if (!url.hostname) throw new GuardRefusal('url', 'no host')
  const port = portOf(url)
  if (port !== DEFAULT_PORT[url.protocol] && !options.allow?.some((a) => a.endsWith(`:${port}`)))
    throw new GuardRefusal('port', String(port))
  return url
}

export const portOf = (url: URL) => (url.port ? Number(url.port) : DEFAULT_PORT[url.protocol])

/** The bare host: URL keeps IPv6 literals in brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

export interface Destination {
  url: URL
  host: string
  port: number
  address: string
  family: 4 | 6
}

/**
 * Resolves the URL's host and checks every address it resolves to. Returns the one address to connect to
 * (pass it to `pinnedLookup`). Throws a GuardRefusal before anything is connected.
 */
export async function resolveDestination(raw: string | URL, options: GuardOptions = {}): Promise<Destination> {
  const url = checkUrl(raw, options)
  const host = bareHost(url)
  const port = portOf(url)
  let addresses: { address: string; family: number }[]
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }]
  else {
    try {
      addresses = await (options.resolver ?? systemResolver)(host)
    } catch (e) {
      throw new GuardRefusal('dns', `${host}: ${(e as Error).message}`)
    }
  }
  if (!addresses.length) throw new GuardRefusal('dns', `${host}: no address`)
  const allowed = (a: string) => isPublicAddress(a) || !!options.allow?.includes(`${a}:${port}`)
  const refused = addresses.find((a) => !allowed(a.address))
  if (refused) throw new GuardRefusal('address', `${host} → ${refused.address}`)
  // An allowed non-default port is only allowed with the address it was allowed for.
  if (port !== DEFAULT_PORT[url.protocol] && !addresses.every((a) => options.allow?.includes(`${a.address}:${port}`)))
    throw new GuardRefusal('port', String(port))
  const [first] = addresses
  return { url, host, port, address: first.address, family: first.family === 6 ? 6 : 4 }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for http(s).request that answers with the checked address only, whatever name it is asked:
 * the socket connects where the guard looked, and TLS still verifies the certificate for the host name.
 */
export function pinnedLookup(destination: Pick<Destination, 'address' | 'family'>) {
  return (_hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback) => {
    const cb = (typeof options === 'function' ? options : callback)!
    const all = typeof options === 'object' && options.all
    if (all) cb(null, [{ address: destination.address, family: destination.family }])
    else cb(null, destination.address, destination.family)
  }
}
