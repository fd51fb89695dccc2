/**
 * Live readers: N signed-in readers of one thread, behaving as the thread page does (socket joined to the
 * thread room; a pushed post goes into the page's data with no request; the read position reported over
 * the socket once a burst settles), and R replies posted one after another through the page's reply form.
 * Times each reply from the start of its POST until it is in every reader's data (p50/p99 over replies),
 * and the server's CPU per reply (the app's process group plus its PostgreSQL) with N readers and with
 * none. The readers live in a child process: this file forked with READERS_CHILD=1.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { accepted, submitReply, type ReplyForm } from './forms.ts'
import { BENCH_DATA_DIR, forkTs, percentile, ROOT } from './lib.ts'

export interface ReadersResult {
  readers: number
  replies: number
  /** POST start → the reply in every reader's data */
  p50: number
  p99: number
  /** server CPU ms per reply (app + PostgreSQL) */
  cpuIdle: number
  cpuReaders: number
}

const clock = () => performance.timeOrigin + performance.now()
/** as the thread page (useLivePosts): a burst of pushed posts is one read report */
const READ_REPORT_MS = 2000

// --- CPU of the server under test ---------------------------------------------------------------------

const TICK_MS = 1000 / 100

function statOf(pid: number) {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ')
    // fields after the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14)
    return { ppid: Number(f[1]), pgrp: Number(f[2]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) }
  } catch {
    return null
  }
}

/** CPU ms of the app's process group and of the bench PostgreSQL (postmaster and its backends). */
export function serverCpuMs(appGroup: number) {
  const pidFile = path.join(ROOT, BENCH_DATA_DIR, 'pg', 'postmaster.pid')
  let postmaster = 0
  try {
    postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  } catch {
    // no PostgreSQL of the bench's own: the app's figure alone
  }
  let ticks = 0
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const pid = Number(name)
    const s = statOf(pid)
    if (!s) continue
    if (s.pgrp === appGroup || pid === postmaster || (postmaster && s.ppid === postmaster)) ticks += s.ticks
  }
  return ticks * TICK_MS
}

// --- the parent -------------------------------------------------------------------------------------

interface Options {
  url: string
  threadId: string
  /** the server's process group (its pid: spawnServer starts it detached) */
  appGroup: number
  form: ReplyForm
  poster: string
  cookies: string[]
  readers: number
  replies: number
  log: (m: string) => void
}

async function post(o: Options, label: string) {
  const status = await submitReply(o.url, o.form, o.poster, `${label}: okuyanlar görüyor mu?`, randomUUID())
  if (!accepted(status)) throw new Error(`a reply was refused with ${status}`)
}

export async function measureReaders(o: Options): Promise<ReadersResult> {
  // Without readers: the cost of a reply alone.
  o.log(`readers: ${o.replies} replies with nobody reading …`)
  for (let i = 0; i < 5; i++) await post(o, `Isınma ${i}`)
  let cpu0 = serverCpuMs(o.appGroup)
  for (let i = 0; i < o.replies; i++) await post(o, `Okuyucusuz ${i}`)
  await new Promise((r) => setTimeout(r, READ_REPORT_MS + 1500))
  const cpuIdle = (serverCpuMs(o.appGroup) - cpu0) / o.replies

  o.log(`readers: connecting ${o.readers} signed-in readers …`)
  const child = forkTs('tests/bench/readers.ts', {
    READERS_CHILD: '1',
    READERS_URL: o.url,
    READERS_THREAD: o.threadId,
    READERS_COUNT: String(o.readers),
    READERS_COOKIES: JSON.stringify(o.cookies),
  })
  const got = new Map<number, number>()
  let failed: Error | null = null
  child.on('message', (m: { type: string; number?: number; at?: number; message?: string }) => {
    if (m.type === 'got' && m.number !== undefined) {
      got.set(m.number, m.at!)
    } else if (m.type === 'error') failed = new Error(`readers: ${m.message}`)
  })
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the readers did not connect within 180 s')), 180_000)
      child.on('message', (m: { type: string; message?: string }) => {
        if (m.type !== 'ready' && m.type !== 'error') return
        clearTimeout(timer)
        if (m.type === 'ready') resolve()
        else reject(new Error(m.message))
      })
    })
    o.log(`readers: ${o.replies} replies with ${o.readers} reading …`)
    const latencies: number[] = []
    cpu0 = serverCpuMs(o.appGroup)
    for (let i = 0; i < o.replies; i++) {
      if (failed) throw failed
      const before = new Set(got.keys())
      const t0 = clock()
      let check = () => {}
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reply ${i + 1} did not reach every reader within 30 s`)), 30_000)
        check = () => {
          const fresh = [...got.keys()].find((n) => !before.has(n))
          if (fresh === undefined) return
          clearTimeout(timer)
          resolve(got.get(fresh)!)
        }
        child.on('message', check)
      }).finally(() => child.off('message', check))
      await post(o, `Canlı okuma ${i + 1}`)
      latencies.push((await arrived) - t0)
    }
    // The last read reports and their flush belong to these replies too.
    await new Promise((r) => setTimeout(r, READ_REPORT_MS + 1500))
    const cpuReaders = (serverCpuMs(o.appGroup) - cpu0) / o.replies
    return { readers: o.readers, replies: o.replies, p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuIdle, cpuReaders }
  } finally {
    child.send({ type: 'stop' })
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
  }
}

// --- the readers (child process) ----------------------------------------------------------------------

async function runReaders() {
  const url = process.env.READERS_URL!
  const threadId = process.env.READERS_THREAD!
  const count = Number(process.env.READERS_COUNT)
  const cookies = JSON.parse(process.env.READERS_COOKIES!) as string[]
  const send = (m: unknown) => process.send!(m)
  /** post number → how many readers have it */
  const have = new Map<number, number>()
  const sockets: Socket[] = []

  function reader(index: number) {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
      extraHeaders: { cookie: cookies[index % cookies.length], origin: url },
    })
    // The page's data: the posts it holds, by number; its read report, debounced.
    const page = new Map<number, unknown>()
    let highest = 0
    let timer: NodeJS.Timeout | undefined
    socket.on('thread:posts', (payload: { posts: { number: number }[] }) => {
      for (const p of payload.posts) {
        if (page.has(p.number)) continue
        page.set(p.number, p)
        highest = Math.max(highest, p.number)
        const n = (have.get(p.number) ?? 0) + 1
        have.set(p.number, n)
        if (n === count) {
          send({ type: 'got', number: p.number, at: clock() })
          have.delete(p.number)
        }
      }
      clearTimeout(timer)
      timer = setTimeout(() => socket.emit('read', { threadId, number: highest }), READ_REPORT_MS)
    })
    return new Promise<Socket>((resolve, reject) => {
      socket.once('connect_error', reject)
      socket.once('connect', async () => {
        const ack = await socket.timeout(20_000).emitWithAck('join', `thread:${threadId}`)
        if (!ack?.ok) reject(new Error(`joining the thread was refused: ${JSON.stringify(ack)}`))
        else resolve(socket)
      })
    })
  }

  try {
    for (let i = 0; i < count; i += 50)
      sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => reader(i + j)))))
    send({ type: 'ready' })
  } catch (e) {
    send({ type: 'error', message: (e as Error).message })
  }
  process.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return
    for (const s of sockets) s.close()
    process.exit(0)
  })
  process.on('disconnect', () => process.exit(0))
}

if (process.env.READERS_CHILD) void runReaders()
