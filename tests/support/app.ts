/**
 * The real app — the compiled server of `npm run build` ($BUILD_DIR/index.js: server and app bundled
 * together), Express, Socket.io — on a free port against this test file's database, either in this
 * process (startTestApp) or as its own process the way `npm start` runs it (spawnServer); and a small
 * HTTP client that keeps cookies and sends a same-origin Origin header like a browser.
 */
import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RunningServer, StartOptions } from '../../server/app-server.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
export const BUILD_DIR = process.env.BUILD_DIR || 'build'

/** The compiled server's own `startApp` (the same module graph as the routes it serves). */
export async function compiledServer() {
  const entry = path.join(ROOT, BUILD_DIR, 'index.js')
  return (await import(pathToFileURL(entry).href)) as { startApp: (options?: StartOptions) => Promise<RunningServer> }
}

export async function startTestApp(options: { worker?: boolean; env?: Record<string, string> } = {}) {
  Object.assign(process.env, { RATE_LIMIT_FACTOR: '1', ...options.env })
  const { startApp } = await compiledServer()
  const app = await startApp({ port: 0, host: '127.0.0.1', worker: options.worker ?? false, seed: false, log: () => {} })
  return app
}

export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export interface ServerProcess {
  url: string
  pid: number
  output: () => string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed) */
  stop: (graceMs?: number) => Promise<number | null>
}

/**
 * `npm run serve` as a child process — plain node running server/start.js, so the compiled server — on
 * this test file's database (DATABASE_URL), without demo data or a job worker unless `env` asks.
 * Resolves once it says it is listening.
 */
export async function spawnServer(env: Record<string, string> = {}, timeoutMs = 90_000): Promise<ServerProcess> {
  return spawnStart('web', /is listening on/, env, timeoutMs)
}

/** `npm run worker` as a child process (the job worker alone, no HTTP port); resolves once it has started. */
export async function spawnWorker(env: Record<string, string> = {}, timeoutMs = 90_000): Promise<ServerProcess> {
  return spawnStart('worker', /Job worker started/, env, timeoutMs)
}

async function spawnStart(role: 'web' | 'worker', ready: RegExp, env: Record<string, string>, timeoutMs: number): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(ROOT, 'server', 'start.js'), role], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      SEED: '0',
      WORKER: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      BUILD_DIR,
      // production needs APP_URL (decision 019); a test that wants it unset passes APP_URL: ''
      APP_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async (graceMs = 30_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    const code = await exited
    clearTimeout(timer)
    return code
  }
  const deadline = Date.now() + timeoutMs
  while (!ready.test(output)) {
    if (child.exitCode !== null) throw new Error(`the server process exited (code ${child.exitCode}):\n${output}`)
    if (Date.now() > deadline) {
      await stop(1_000)
      throw new Error(`the server process did not start within ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, output: () => output, stop }
}

export class TestClient {
  cookies = new Map<string, string>()
  constructor(
    public baseUrl: string,
    public headers: Record<string, string> = { 'accept-language': 'en' },
  ) {}

  static for(app: RunningServer, headers?: Record<string, string>) {
    return new TestClient(app.url, headers)
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i).trim()
      const value = pair.slice(i + 1).trim()
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()))
      if (!value || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v)
    if (this.cookies.size) headers.set('cookie', this.cookieHeader())
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', this.baseUrl)
    const res = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: 'manual' })
    this.store(res)
    return res
  }

  get(path: string, init: RequestInit = {}) {
    return this.request(path, init)
  }

  /** Submits a form the way a browser without JavaScript would. */
  post(path: string, form: Record<string, string | string[]> | FormData, init: RequestInit = {}) {
    let body: FormData | URLSearchParams
    if (form instanceof FormData) body = form
    else {
      body = new URLSearchParams()
      for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x)
    }
    return this.request(path, { ...init, method: 'POST', body })
  }

  /** GETs and follows redirects, returning the final response and its text. */
  async page(path: string) {
    let res = await this.get(path)
    for (let i = 0; i < 5 && res.status >= 300 && res.status < 400; i++) res = await this.get(res.headers.get('location')!)
    return { res, html: await res.text() }
  }
}
