/**
 * `npm run bench`: cold start and requests/s of the production build on loopback, printed as a
 * compact table. Bounded in time; stops every process it started. Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { coldStart } from './cold-start.ts'
import { randomUUID } from 'node:crypto'
import { createDiscussionData, type DiscussionData } from './discussion-data.ts'
import { bareFanout, measureFanout, type FanoutResult } from './fanout.ts'
import { discoverReplyForm, submitReply, accepted } from './forms.ts'
import { freePort, openBenchDatabase, productionEnv, ROOT, spawnServer, stopAll, table, waitFor200 } from './lib.ts'
import { posters, type PostersResult } from './posters.ts'
import { measureReaders, type ReadersResult } from './readers.ts'
import { pagesTable, threadPages, type PageThroughput } from './thread-pages.ts'
import { followers, type FollowersRow } from './followers.ts'
import { throughput } from './throughput.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 10 * 60_000)
const FANOUT_CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 1000)
const FANOUT_ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 200)
const POSTERS_SECONDS = Number(process.env.BENCH_POSTERS_SECONDS ?? 30)
const READERS = Number(process.env.BENCH_READERS ?? 500)
const READERS_REPLIES = Number(process.env.BENCH_READERS_REPLIES ?? 100)
const FOLLOWERS_ROUNDS = Number(process.env.BENCH_FOLLOWERS_ROUNDS ?? 10)
/** where the job worker runs: in the web process (`inline`, the default deployment), its own (`separate`), or `both` */
const FOLLOWERS_WORKER = process.env.BENCH_FOLLOWERS_WORKER ?? 'both'
/**
 * which parts to run, e.g. `BENCH_PARTS=discussions` while working on them (ratios then read 0);
 * `pages`, `fanout`, `readers` and `posters` pick one of the discussion parts
 */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'cold,throughput,discussions').split(','))
const DISCUSSION_PARTS = ['pages', 'fanout', 'readers', 'posters', 'followers'] as const
const wants = (part: (typeof DISCUSSION_PARTS)[number]) => PARTS.has('discussions') || PARTS.has(part)

const log = (m: string) => console.error(`· ${m}`)

async function abort(reason: string) {
  console.error(`\n✖ ${reason}; stopping the servers …`)
  await stopAll()
  process.exit(1)
}

const limit = setTimeout(() => void abort(`the benchmarks took longer than ${LIMIT_MS / 1000} s`), LIMIT_MS)
process.once('SIGINT', () => void abort('interrupted'))
process.once('SIGTERM', () => void abort('terminated'))

try {
  const buildDir = process.env.BUILD_DIR || 'build'
  if (!existsSync(path.join(ROOT, buildDir, 'index.js'))) {
    log(`no ${buildDir}/ yet: building …`)
    if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('the build failed')
  }

  // Each table is printed as soon as its figures exist, so a run cut short still reports what it measured.
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU'
  console.log(
    `\nbirlikte benchmarks · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} · Node ${process.version} · ${os.availableParallelism()} × ${cpu} · loopback\n`,
  )
  const cold = PARTS.has('cold') ? await coldStart(RUNS, log) : null
  if (cold) {
    console.log(`Cold start, process start → first 200 on / (database already initialised; warm-up run ${Math.round(cold.warmUpMs)} ms)`)
    console.log(table(['runs (ms)', 'median (ms)'], [[cold.runsMs.map(Math.round).join(', '), Math.round(cold.medianMs)]], ['l', 'r']))
  }
  const rates = PARTS.has('throughput') ? await throughput({ durationSec: DURATION, connections: CONNECTIONS, log }) : []
  if (rates.length) {
    console.log(`\nThroughput, autocannon, ${CONNECTIONS} connections × ${DURATION} s each`)
    console.log(
      table(
        ['target', 'req/s', '× bare node', 'p50 ms', 'p99 ms', 'requests', 'non-2xx/errors'],
        rates.map((r) => [r.name, Math.round(r.reqPerSec), r.ratio.toFixed(3), r.p50, r.p99, r.requests, r.bad]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    )
  }
  const discussions = DISCUSSION_PARTS.some(wants)
    ? await discussionBenchmarks(rates[0]?.reqPerSec ?? 0)
    : { skipped: 'not asked for (BENCH_PARTS)' }
  if (discussions.skipped) printDiscussions(discussions)
  if ([...rates, ...(discussions.pages ?? [])].some((r) => r.bad > 0)) {
    console.error('\n✖ some requests failed or were not 2xx; the figures above are not trustworthy')
    process.exitCode = 1
  }
  if (
    discussions.posters &&
    (discussions.posters.duplicates > 0 ||
      Object.keys(discussions.posters.errors).length > 0 ||
      discussions.posters.acceptedKeys !== discussions.posters.rows)
  ) {
    console.error('\n✖ concurrent posting: duplicates, errors other than rate limits, or accepted ≠ rows')
    process.exitCode = 1
  }
} catch (e) {
  console.error(e)
  await stopAll()
  process.exitCode = 1
} finally {
  clearTimeout(limit)
}

interface Discussions {
  skipped?: string
  pages?: PageThroughput[]
  fanout?: FanoutResult[]
  readers?: ReadersResult
  posters?: PostersResult
  followers?: (FollowersRow & { worker: string })[]
}

/** Starts the production server on the bench database with extra environment; resolves when it answers. */
async function startServer(env: Record<string, string>) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = spawnServer({ ...productionEnv(port), ...env })
  await waitFor200(`${url}/healthz`, server)
  return { url, server, group: server.child.pid! }
}

/**
 * Thread pages, fan-out and concurrent posting, on the discussion data written into the bench
 * database (which stays open in this process meanwhile, so the servers share it).
 */
async function discussionBenchmarks(baseline: number): Promise<Discussions> {
  const database = await openBenchDatabase(log)
  try {
    log('discussion data: a public space, threads of 1,001 and 10,000 posts, 207 people with sessions …')
    const t0 = performance.now()
    const data = await createDiscussionData(database.url)
    log(`discussion data: written in ${Math.round(performance.now() - t0)} ms`)

    const out: Discussions = {}
    if (wants('pages') || wants('fanout') || wants('readers')) {
      const { url, server, group } = await startServer({ RATE_LIMIT_FACTOR: '0' })
      try {
        const probe = await fetch(`${url}/threads/${data.small.id}`, { redirect: 'manual' })
        await probe.arrayBuffer()
        if (probe.status === 404) return { skipped: 'the build has no thread page (/threads/:id answered 404); rebuild once it exists' }
        if (wants('pages')) {
          out.pages = await threadPages(url, data, baseline, {
            durationSec: DURATION,
            connections: CONNECTIONS,
            log,
            serverPid: server.child.pid,
          })
          printDiscussions({ pages: out.pages })
        }
        if (wants('fanout')) {
          out.fanout = await fanout(url, data)
          printDiscussions({ fanout: out.fanout })
        }
        if (wants('readers')) {
          out.readers = await measureReaders({
            url,
            threadId: data.small.id,
            appGroup: group,
            form: await discoverReplyForm(url, `/threads/${data.small.id}?page=1`, data.reader.cookie),
            poster: data.reader.cookie,
            cookies: data.posters.map((p) => p.cookie),
            readers: READERS,
            replies: READERS_REPLIES,
            log,
          })
          printDiscussions({ readers: out.readers })
        }
      } finally {
        await server.stop()
      }
    }
    if (wants('followers')) {
      out.followers = []
      for (const worker of FOLLOWERS_WORKER === 'both' ? (['inline', 'separate'] as const) : [FOLLOWERS_WORKER as 'inline' | 'separate']) {
        const { url, server } = await startServer({ RATE_LIMIT_FACTOR: '0', WORKER: worker === 'inline' ? '1' : '0' })
        const separate = worker === 'separate' ? spawnServer(productionEnv(0), 'worker') : null
        try {
          const rows = await followers({ app: url, databaseUrl: database.url, users: data.posters, rounds: FOLLOWERS_ROUNDS, log })
          out.followers.push(...rows.map((r) => ({ ...r, worker })))
        } finally {
          await separate?.stop()
          await server.stop()
        }
      }
      printDiscussions({ followers: out.followers })
    }
    if (!wants('posters')) return out
    const { url, server } = await startServer({ RATE_LIMIT_FACTOR: '1' })
    try {
      const form = await discoverReplyForm(url, `/threads/${data.large.id}?page=1`, data.posters[0].cookie)
      out.posters = await posters({
        app: url,
        databaseUrl: database.url,
        threadId: data.large.id,
        form,
        users: data.posters,
        seconds: POSTERS_SECONDS,
        log,
      })
      printDiscussions({ posters: out.posters })
    } finally {
      await server.stop()
    }
    return out
  } finally {
    await database.stop()
  }
}

async function fanout(url: string, data: DiscussionData): Promise<FanoutResult[]> {
  const threadPath = `/threads/${data.small.id}?page=1`
  const form = await discoverReplyForm(url, threadPath, data.reader.cookie)
  const since = new Date().toISOString()
  const app = await measureFanout('birlikte', {
    url,
    room: `thread:${data.small.id}`,
    event: 'thread:posts',
    clients: FANOUT_CLIENTS,
    rounds: FANOUT_ROUNDS,
    log,
    post: async (i) => {
      const status = await submitReply(url, form, data.reader.cookie, `Canlı yanıt ${i + 1}: herkes görüyor mu?`, randomUUID())
      if (!accepted(status)) throw new Error(`a fan-out reply was refused with ${status}`)
    },
  })
  // The payload the app pushed: one of its replies as the readers' audience got it (the catch-up answer
  // holds the same items), with the event behind it.
  const res = await fetch(`${url}/threads/${data.small.id}/live?${new URLSearchParams({ after: since })}`, {
    headers: { cookie: data.reader.cookie },
  })
  const sample = (await res.json()) as { threadId: string; at: string; postCount: number; posts: { id: string; number: number }[] }
  const post = sample.posts[0]
  if (!post) throw new Error(`the fan-out replies were not found for the bare payload (${res.status})`)
  const bare = await bareFanout({
    clients: FANOUT_CLIENTS,
    rounds: FANOUT_ROUNDS,
    log,
    payload: (i) => ({
      ...sample,
      posts: [{ ...post, id: randomUUID(), number: 1002 + i }],
      events: [{ type: 'post.created', threadId: data.small.id, postId: post.id, number: 1002 + i, authorName: 'Okur Kişi' }],
    }),
  })
  return [bare, app]
}

function printDiscussions(d: Discussions) {
  if (d.skipped) {
    console.log(`\nDiscussions: skipped — ${d.skipped}`)
    return
  }
  if (d.pages) {
    console.log(`\nPages, autocannon, ${CONNECTIONS} connections × ${DURATION} s each; server CPU per request, bytes per page, RSS after`)
    console.log(pagesTable(d.pages, table))
  }
  if (d.fanout) {
    const [bare, app] = d.fanout
    console.log(
      `\nFan-out: ${FANOUT_CLIENTS} Socket.io clients (separate process) in one thread room; POST start → receipt, ${FANOUT_ROUNDS} messages`,
    )
    console.log(
      table(
        ['server', 'deliveries', 'missing', 'p50 ms', 'p99 ms', 'max ms', 'p99 × bare'],
        d.fanout.map((r) => [
          r.name,
          r.deliveries,
          r.missing,
          r.p50.toFixed(1),
          r.p99.toFixed(1),
          r.max.toFixed(1),
          (r.p99 / bare.p99).toFixed(2),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    )
    console.log(`target: birlikte p99 ≤ 1.25 × bare p99 → ${app.p99 <= 1.25 * bare.p99 ? 'met' : 'NOT met'}`)
  }
  if (d.readers) {
    const r = d.readers
    console.log(
      `\nLive readers: ${r.readers} signed-in readers (socket joined, read position reported as the page does) × ${r.replies} replies; POST start → the reply in every reader's data`,
    )
    console.log(
      table(
        ['readers', 'p50 ms', 'p99 ms', 'CPU ms/reply, 0 readers', `CPU ms/reply, ${r.readers} readers`, 'ratio'],
        [
          [
            r.readers,
            r.p50.toFixed(1),
            r.p99.toFixed(1),
            r.cpuIdle.toFixed(1),
            r.cpuReaders.toFixed(1),
            (r.cpuReaders / r.cpuIdle).toFixed(2),
          ],
        ],
        ['r', 'r', 'r', 'r', 'r', 'r'],
      ),
    )
    console.log(`target: CPU per reply with readers ≤ 2 × without → ${r.cpuReaders <= 2 * r.cpuIdle ? 'met' : 'NOT met'}`)
  }
  if (d.followers) {
    console.log(`\nPosting into spaces with 5 and 5,000 followers, one POST at a time through the forms (fan-out: answer → outbox handled)`)
    console.log(
      table(
        ['worker', 'followers', 'what', 'posts', 'p50 ms', 'p99 ms', 'max ms', 'fan-out p50 ms', 'notifications'],
        d.followers.map((r) => [
          r.worker,
          r.followers,
          r.what,
          r.posts,
          r.p50.toFixed(1),
          r.p99.toFixed(1),
          r.max.toFixed(1),
          r.fanoutP50?.toFixed(0) ?? '',
          r.notifications ?? '',
        ]),
        ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    )
  }
  if (d.posters) {
    const p = d.posters
    console.log(
      `\nConcurrent posting: ${p.posters} people × ${p.seconds} s, normal rate limits, every fifth submit double-clicked (+ a late retry)`,
    )
    console.log(
      table(
        ['submits', 'double clicks', 'accepted', 'rows', 'duplicates', 'rate-limited', 'other errors'],
        [
          [
            p.submits,
            p.doubleClicks,
            p.acceptedKeys,
            p.rows,
            p.duplicates,
            p.rateLimited,
            Object.entries(p.errors)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ') || '0',
          ],
        ],
        ['r', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    )
  }
}
