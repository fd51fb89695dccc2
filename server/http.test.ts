/** createHttpApp on its own, with a database that cannot be reached: /healthz must not say why. */
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadServerBuild } from '../tests/support/route-table.ts'
import { createHttpApp } from './http.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
// Port 1 refuses connections; the user and password would appear in a careless error message.
const UNREACHABLE = 'postgresql://secret_user:secret_password@127.0.0.1:1/secret_db'

let server: Server
let http: ReturnType<typeof createHttpApp>
let url = ''
beforeAll(async () => {
  http = createHttpApp({
    build: await loadServerBuild(),
    databaseUrl: UNREACHABLE,
    trustProxy: false,
    publicDir: path.join(ROOT, 'public'),
    assetsDir: path.join(ROOT, 'public', process.env.BUILD_DIR || 'build'),
    getIo: () => undefined,
    pageCache: false,
  })
  server = createServer(http.app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await http?.close()
})

describe('/healthz', () => {
  it('says only that it is down, and logs the reason', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const res = await fetch(`${url}/healthz`)
      expect(res.status).toBe(503)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const text = await res.text()
      expect(JSON.parse(text)).toEqual({ status: 'error' })
      expect(text).not.toMatch(/secret|127\.0\.0\.1|ECONNREFUSED|:1\b/)
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/ECONNREFUSED/))
    } finally {
      logged.mockRestore()
    }
  })
})
