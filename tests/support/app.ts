/**
 * The real app (build/, Express, Socket.io) on a free port against this test file's database, and a
 * small HTTP client that keeps cookies and sends a same-origin Origin header like a browser.
 */
import { startApp, type RunningServer } from '../../server/app-server.ts'

export async function startTestApp(options: { worker?: boolean; env?: Record<string, string> } = {}) {
  Object.assign(process.env, { RATE_LIMIT_FACTOR: '1', ...options.env })
  const app = await startApp({ port: 0, host: '127.0.0.1', worker: options.worker ?? false, seed: false, log: () => {} })
  return app
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
