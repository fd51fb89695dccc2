/**
 * The server as a process: refuses to start on an unreachable DATABASE_URL, finishes in-flight requests
 * on SIGTERM, and runs on (and cleanly stops) an embedded PostgreSQL that keeps its data between runs.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
})

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function startServer(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['server/start.js'], {
    // production needs APP_URL (docs/decisions/019-mail-links.md)
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', APP_URL: 'http://127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const listening = async (timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs
    while (!/is listening on/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return { child, exited, listening, output: () => output }
}

describe('server process', () => {
  it('refuses to start with a clear message when DATABASE_URL is unreachable', async () => {
    const server = startServer({ DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/nowhere', PORT: String(await freePort()) })
    expect(await server.exited).toBe(1)
    expect(server.output()).toMatch(/DATABASE_URL is set but the database at 127\.0\.0\.1:1\/nowhere cannot be reached/)
    expect(server.output()).not.toContain('secret')
  })

  it('finishes a request that is in flight when SIGTERM arrives, then exits cleanly', async () => {
    const port = await freePort()
    const server = startServer({ DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), SEED: '0', WORKER: '0' })
    await server.listening()
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((r) => socket.once('connect', r))
    let response = ''
    socket.on('data', (d) => (response += d))
    const body = 'locale=en&redirectTo=%2F'
    socket.write(
      `POST /language HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n` +
        body.slice(0, 5),
    )
    await new Promise((r) => setTimeout(r, 300))
    server.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 300))
    socket.write(body.slice(5))
    await new Promise((r) => socket.once('close', r))
    expect(response).toMatch(/^HTTP\/1\.1 302/)
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('Stopped cleanly.')
    // New connections are refused once it has stopped.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
  })

  it('runs on an embedded PostgreSQL that keeps its data between runs and stops with the server', async () => {
    const dataDir = path.resolve(`data/test/proc-${process.pid}`)
    await rm(dataDir, { recursive: true, force: true })
    await mkdir(dataDir, { recursive: true })
    try {
      const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, WORKER: '0' }
      const first = startServer({ ...env, PORT: String(await freePort()) })
      await first.listening()
      expect(first.output()).toContain('Demo data loaded')
      expect(first.output()).toContain('admin@birlikte.local')
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true)
      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false)

      const port = await freePort()
      const second = startServer({ ...env, PORT: String(port) })
      await second.listening()
      expect(second.output()).not.toContain('Demo data loaded')
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok' })
      const home = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { 'accept-language': 'en' } })).text()
      expect(home).toContain('Browse 12 organizations')
      second.child.kill('SIGINT')
      expect(await second.exited).toBe(0)
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 180_000)
})
