/**
 * Playwright's webServer: the compiled server ($BUILD_DIR/index.js) on a fresh database (embedded under data/e2e, or a new database on
 * TEST_DATABASE_URL's server), a real SMTP catcher with a loopback JSON endpoint for the tests to read
 * mail from, and the built app in this process with demo data. data/e2e/env.json tells the tests
 * where everything is. SIGTERM/SIGINT stop it all, the database last.
 */
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { stopLeftoverCluster } from '../support/leftover-cluster.ts'
import { startSmtpCatcher } from '../support/smtp.ts'
import { E2E_DIR, ENV_FILE, type E2eEnv } from './env.ts'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const HOST = '127.0.0.1'
const log = (m: string) => console.log(`[e2e] ${m}`)

async function freshDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const name = `birlikte_e2e_${process.pid}_${randomBytes(3).toString('hex')}`
    const admin = new URL(process.env.TEST_DATABASE_URL)
    admin.pathname = '/postgres'
    const run = async (sql: string) => {
      const c = new pg.Client({ connectionString: admin.toString() })
      await c.connect()
      try {
        await c.query(sql)
      } finally {
        await c.end()
      }
    }
    await run(`CREATE DATABASE "${name}"`)
    const url = new URL(admin)
    url.pathname = `/${name}`
    return { url: url.toString(), stop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
  }
  const { startEmbedded } = await import('../../server/db/db-boot.ts')
  const db = await startEmbedded({ dataDir: E2E_DIR, database: 'birlikte', log })
  return { url: db.url, stop: db.stop }
}

/**
 * Pages to preview (issue 10, link previews): GET /<anything> → an HTML page with OpenGraph tags naming
 * it. The app may fetch it only because startApp is given this one address and port (`linkPreviews`),
 * which exists for tests; production previews public addresses only.
 */
function startPreviewPages() {
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(1)) || 'index'
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>${name}</title>
<meta property="og:site_name" content="STK Bilgi Merkezi">
<meta property="og:title" content="Gönüllü yönetimi rehberi: ${name}">
<meta property="og:description" content="Derneklerin gönüllüleri nasıl karşıladığı, eğittiği ve tuttuğu üzerine adım adım bir rehber.">
</head><body><h1>${name}</h1></body></html>`,
    )
  })
  return new Promise<Server>((resolve) => server.listen(0, HOST, () => resolve(server)))
}

/** GET /messages?to=addr → the mails caught so far (all of them without ?to). */
function startMailApi(messages: Awaited<ReturnType<typeof startSmtpCatcher>>['messages']) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method !== 'GET' || url.pathname !== '/messages') {
      res.writeHead(404).end()
      return
    }
    const to = url.searchParams.get('to')?.toLowerCase()
    const found = to ? messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : messages
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(found))
  })
  return new Promise<Server>((resolve) => server.listen(0, HOST, () => resolve(server)))
}

async function main() {
  const buildDir = process.env.BUILD_DIR || 'build'
  if (!existsSync(path.resolve(import.meta.dirname, '../..', buildDir, 'index.js'))) {
    console.error(`[e2e] ${buildDir}/index.js is missing: run \`npm run build\` first (npm test does it for you).`)
    process.exit(1)
  }
  // A cluster left running by a killed run would keep the wiped directory busy.
  await stopLeftoverCluster(E2E_DIR)
  await rm(E2E_DIR, { recursive: true, force: true })
  await mkdir(E2E_DIR, { recursive: true })

  const stops: (() => Promise<unknown>)[] = []
  let stopping: Promise<void> | undefined
  const shutdown = (reason: string, code = 0) =>
    (stopping ??= (async () => {
      log(`stopping (${reason}) …`)
      for (const stop of stops.reverse()) await stop().catch((e) => console.error(`[e2e] shutdown step failed:`, e))
      log('stopped')
      process.exit(code)
    })())
  // Playwright signals the whole process group and tsx relays it as well, so it may arrive twice.
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  try {
    const database = await freshDatabase()
    stops.push(database.stop)

    const smtp = await startSmtpCatcher()
    stops.push(smtp.close)
    const mailApi = await startMailApi(smtp.messages)
    stops.push(() => new Promise<void>((resolve) => mailApi.close(() => resolve())))
    const mailApiUrl = `http://${HOST}:${(mailApi.address() as { port: number }).port}`
    const previewPages = await startPreviewPages()
    stops.push(() => new Promise<void>((resolve) => previewPages.close(() => resolve())))
    const previewPort = (previewPages.address() as { port: number }).port
    const previewPagesUrl = `http://${HOST}:${previewPort}`

    const appUrl = `http://${HOST}:${PORT}`
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      DATA_DIR: E2E_DIR,
      SMTP_URL: smtp.url,
      APP_URL: appUrl,
      SEED: '1',
      WORKER: '1',
      RATE_LIMIT_FACTOR: '20',
      NODE_ENV: process.env.NODE_ENV ?? 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    })
    // Written before the app listens: Playwright starts the tests as soon as /healthz answers.
    const env: E2eEnv = { databaseUrl: database.url, mailApiUrl, appUrl, previewPagesUrl }
    await writeFile(ENV_FILE, JSON.stringify(env, null, 2))

    // The compiled server (server and app in one bundle), as `npm start` runs it.
    const { compiledServer } = await import('../support/app.ts')
    const { startApp } = await compiledServer()
    const app = await startApp({
      port: PORT,
      host: HOST,
      worker: true,
      seed: true,
      log,
      // Test-only, in code: the preview page server above may be fetched although it is on loopback.
      linkPreviews: { allow: [`${HOST}:${previewPort}`] },
    })
    stops.push(() => app.close('e2e done'))
    log(`ready: app ${appUrl}, mail ${mailApiUrl}`)
  } catch (e) {
    console.error('[e2e] could not start:', e)
    await shutdown('start-up failed', 1)
  }
}

await main()
