import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, TestClient } from '../../support/app.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

describe('the running server', () => {
  it('serves the home page in Turkish by default and English on request', async () => {
    const tr = await new TestClient(app.url, {}).page('/')
    expect(tr.res.status).toBe(200)
    expect(tr.html).toContain('<html lang="tr"')
    const en = await new TestClient(app.url, { 'accept-language': 'en-GB,en;q=0.9' }).page('/')
    expect(en.html).toContain('<html lang="en"')
  })

  it('reports database reachability on /healthz', async () => {
    const res = await fetch(`${app.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('sends security headers with a per-response script nonce', async () => {
    const res = await fetch(`${app.url}/`)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await res.text()
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    expect(html).toContain(`nonce="${nonce}"`)
  })

  it('refuses a cross-site form post before it reaches a route', async () => {
    const res = await fetch(`${app.url}/language`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      body: 'locale=en',
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toMatch(/another site/)
  })

  it('refuses a 10 MB body with 413 and a clear message', async () => {
    const res = await fetch(`${app.url}/language`, {
      method: 'POST',
      headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'tr' },
      body: 'locale=' + 'x'.repeat(10 * 1024 * 1024),
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toBe('İstek çok büyük.')
  })

  it('caches fingerprinted assets for a year', async () => {
    const html = await (await fetch(`${app.url}/`)).text()
    const asset = /\/build\/[^"]+\.js/.exec(html)![0]
    const res = await fetch(`${app.url}${asset}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('max-age=31536000')
  })
})
