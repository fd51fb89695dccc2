/**
 * The HTTP trust boundaries, checked on every address the app serves. The lists come from the Remix
 * server build's route manifest and the API registry (tests/support/route-table.ts), so a route added
 * later is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { translate } from '../../../app/lib/i18n.ts'
import { createApiToken } from '../../../app/modules/auth/api-tokens.server.ts'
import { lucia, SESSION_COOKIE } from '../../../app/modules/auth/lucia.server.ts'
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from '../../../server/body.ts'
import { startTestApp } from '../../support/app.ts'
import { databaseFingerprint } from '../../support/db-fingerprint.ts'
import { createUser } from '../../support/factories.ts'
import { streamBody } from '../../support/raw-http.ts'
import { apiOperations, concrete, dataUrl, loadServerBuild, webRoutes, type WebRoute } from '../../support/route-table.ts'

const ROUTES = webRoutes(await loadServerBuild())
const isApi = (url: string) => url.startsWith('/api/')
const WEB = ROUTES.filter((r) => !isApi(r.url))
const WEB_ACTIONS = WEB.filter((r): r is WebRoute & { actionUrl: string } => r.actionUrl !== null)
const API = apiOperations()
const API_MUTATING = API.filter((o) => o.mutating)

const EVIL = 'https://evil.example'
const en = (key: string) => translate('en', key)
const FORM = 'application/x-www-form-urlencoded'

let app: Awaited<ReturnType<typeof startTestApp>>
let cookie = ''
let bearer = ''

beforeAll(async () => {
  // Hundreds of API requests from one address: the per-IP limit is not what is under test here.
  app = await startTestApp({ env: { RATE_LIMIT_FACTOR: '0' } })
  const user = await createUser({ role: 'ADMIN' })
  const session = await lucia.createSession(user.id, { rememberMe: true })
  cookie = `${SESSION_COOKIE}=${session.id}`
  const token = await createApiToken(user.id, 'route table')
  if (!token.ok) throw new Error(token.error)
  bearer = `Bearer ${token.secret}`
})
afterAll(() => app?.close())

async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(new URL(path, app.url), {
    method: init.method ?? 'GET',
    headers: { 'accept-language': 'en', ...init.headers },
    body: init.body,
    redirect: 'manual',
  })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

const errorCode = (text: string) => {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code
  } catch {
    return undefined
  }
}

/** The path with a NUL where an id goes, or after the last segment when it has none. */
const withNulInPath = (pattern: string) =>
  /[:*{]/.test(pattern) ? concrete(pattern.replace(/\{[^}]+\}/g, ':p'), '%00') : `${pattern.replace(/\/$/, '')}/%00`

describe('the route table', () => {
  it('is read from the build and the API registry', () => {
    const patterns = ROUTES.map((r) => r.pattern)
    expect(patterns).toEqual(
      expect.arrayContaining(['/', '/login', '/threads/:id', '/spaces/:slug', '/drafts', '/content/preview', '/api/v1/*']),
    )
    expect(WEB_ACTIONS.map((r) => r.actionUrl)).toEqual(
      expect.arrayContaining(['/login', '/threads/x?index', '/drafts', '/content/preview', '/uploads/images']),
    )
    expect(API_MUTATING.map((o) => `${o.method} ${o.pattern}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/threads/{id}/posts', 'PATCH /api/v1/me']),
    )
  })
})

describe('personal API tokens outside /api/v1', () => {
  for (const r of WEB) {
    it(`refuses GET ${r.url} (${r.id})`, async () => {
      for (const url of [r.url, dataUrl(r.url)]) {
        const res = await send(url, { headers: { authorization: bearer } })
        expect(res.status, url).toBe(401)
        expect(res.text).toBe(en('errors.request.bearer'))
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
        expect(res.headers.get('set-cookie')).toBeNull()
      }
    })
  }

  for (const r of WEB_ACTIONS) {
    it(`refuses a form POST to ${r.actionUrl} without Origin (${r.id})`, async () => {
      for (const url of [r.actionUrl, dataUrl(r.actionUrl)]) {
        const res = await send(url, { method: 'POST', headers: { authorization: bearer, 'content-type': FORM }, body: 'intent=delete' })
        expect(res.status, url).toBe(401)
      }
    })
  }

  it('answers JSON to clients that ask for it, in their language', async () => {
    const res = await send('/threads/x', { headers: { authorization: bearer, accept: 'application/json', 'accept-language': 'tr' } })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'unauthorized', message: translate('tr', 'errors.request.bearer'), fields: {} } })
  })

  for (const op of API) {
    it(`lets ${op.method} ${op.url} through (${op.id})`, async () => {
      const body = op.mutating ? '{}' : undefined
      const res = await send(op.url, { method: op.method, headers: { authorization: bearer, 'content-type': 'application/json' }, body })
      expect(res.status).not.toBe(401)
      expect(res.status).toBeLessThan(500)
      expect(errorCode(res.text)).not.toBe('unauthorized')
    })
  }
})

describe('cross-site mutations with a session cookie', () => {
  let before: Record<string, string>
  beforeAll(async () => {
    before = await databaseFingerprint()
  })

  for (const r of WEB_ACTIONS) {
    it(`refuses POST ${r.actionUrl} from ${EVIL} (${r.id})`, async () => {
      for (const url of [r.actionUrl, dataUrl(r.actionUrl)]) {
        const res = await send(url, { method: 'POST', headers: { cookie, origin: EVIL, 'content-type': FORM }, body: 'intent=delete&id=x' })
        expect(res.status, url).toBe(403)
        expect(res.text).toBe(en('errors.request.crossOrigin'))
      }
      // No Origin but a foreign Referer is the same thing — except for RFC 8058 one-click unsubscribe,
      // which mail servers send without Origin and whose only credential is the signed URL.
      if (r.pattern === '/unsubscribe') return
      const viaReferer = await send(r.actionUrl, {
        method: 'POST',
        headers: { cookie, referer: `${EVIL}/page`, 'content-type': FORM },
        body: 'intent=delete',
      })
      expect(viaReferer.status).toBe(403)
    })
  }

  for (const op of API_MUTATING) {
    it(`refuses ${op.method} ${op.url} from ${EVIL} (${op.id})`, async () => {
      const res = await send(op.url, {
        method: op.method,
        headers: { cookie, origin: EVIL, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(res.status).toBe(403)
      expect(errorCode(res.text)).toBe('origin_mismatch')
      // A token header does not buy a cookie request an exemption from the check outside /api/.
    })
  }

  it('refuses a forged form that also carries a token header', async () => {
    for (const r of WEB_ACTIONS) {
      const res = await send(r.actionUrl, {
        method: 'POST',
        headers: { cookie, authorization: bearer, origin: EVIL, 'content-type': FORM },
        body: 'intent=delete',
      })
      expect(res.status, r.actionUrl).toBe(401)
    }
  })

  it('changed nothing in the database', async () => {
    expect(await databaseFingerprint()).toEqual(before)
  })
})

describe('bodies without Content-Length past the cap', () => {
  const sameSite = () => ({ cookie, origin: app.url, 'accept-language': 'en' })

  /** 413 before the client got to write twice the cap: the server stopped reading at the cap. */
  function expectStoppedAt(cap: number, res: Awaited<ReturnType<typeof streamBody>>) {
    expect(res.status).toBe(413)
    expect(res.written).toBeGreaterThan(cap)
    expect(res.written).toBeLessThan(2 * cap)
    expect(res.headers.connection).toBe('close')
  }

  for (const r of WEB_ACTIONS) {
    it(`refuses a form to ${r.actionUrl} (${r.id})`, async () => {
      const res = await streamBody(app.url, r.actionUrl, {
        headers: { ...sameSite(), 'content-type': FORM },
        prefix: 'intent=reply&body=',
        maxBytes: 2 * MAX_BODY_BYTES,
      })
      expectStoppedAt(MAX_BODY_BYTES, res)
      expect(res.body).toBe(en('errors.codes.payload_too_large'))
    })

    it(`refuses an upload to ${r.actionUrl} (${r.id})`, async () => {
      const res = await streamBody(app.url, r.actionUrl, {
        headers: { ...sameSite(), 'content-type': 'multipart/form-data; boundary=xyz' },
        prefix: '--xyz\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n',
        chunkBytes: 256 * 1024,
        maxBytes: 2 * MAX_UPLOAD_BYTES,
      })
      expectStoppedAt(MAX_UPLOAD_BYTES, res)
    })
  }

  for (const op of API_MUTATING) {
    it(`refuses JSON to ${op.method} ${op.url} (${op.id})`, async () => {
      const res = await streamBody(app.url, op.url, {
        method: op.method,
        headers: { ...sameSite(), 'content-type': 'application/json' },
        prefix: '{"body":"',
        maxBytes: 2 * MAX_BODY_BYTES,
      })
      expectStoppedAt(MAX_BODY_BYTES, res)
      expect(JSON.parse(res.body)).toEqual({
        error: { code: 'payload_too_large', message: en('errors.codes.payload_too_large'), fields: {} },
      })
    })
  }

  it('hands a chunked body under the cap to the route', async () => {
    const form = await streamBody(app.url, '/language', {
      headers: { origin: app.url, 'content-type': FORM },
      prefix: 'locale=en&redirectTo=%2Fspaces',
      maxBytes: 0,
    })
    expect(form.status).toBe(302)
    expect(form.headers.location).toBe('/spaces')
    expect(String(form.headers['set-cookie'])).toContain('lang=en')

    const json = await streamBody(app.url, '/api/v1/me', {
      method: 'PATCH',
      headers: { authorization: bearer, 'content-type': 'application/json' },
      prefix: '{"name":"Chunked Name"}',
      maxBytes: 0,
    })
    expect(json.status).toBe(200)
    expect(JSON.parse(json.body)).toMatchObject({ name: 'Chunked Name' })
  })
})

describe('bodies a website form route cannot parse', () => {
  for (const r of WEB_ACTIONS) {
    it(`refuses JSON and text to ${r.actionUrl} with 415, never a 500 (${r.id})`, async () => {
      for (const [type, body] of [
        ['application/json', '{"intent":"delete"}'],
        ['text/plain', 'intent=delete'],
      ] as const) {
        const res = await send(r.actionUrl, {
          method: 'POST',
          headers: { cookie, origin: app.url, 'content-type': type, 'accept-language': 'en' },
          body,
        })
        expect(res.status, `${type} ${r.actionUrl}`).toBe(415)
        expect(res.text).toBe(en('errors.request.formOnly'))
      }
    })
  }
})

describe('NUL bytes', () => {
  it('are refused at the addresses first reported', async () => {
    for (const url of ['/threads/%00', '/spaces/%00', '/api/v1/threads/%00', '/mentions?q=%00', '/api/v1/organizations?city=%00']) {
      const res = await send(url, { headers: { cookie } })
      expect(res.status, url).toBe(400)
    }
  })

  for (const r of ROUTES) {
    it(`are refused in the path and query of ${r.pattern} (${r.id})`, async () => {
      for (const url of [withNulInPath(r.pattern), `${r.url}?q=%00&page=1`, `${r.url}?%00=1`, dataUrl(withNulInPath(r.pattern))]) {
        const res = await send(url, { headers: { cookie } })
        expect(res.status, url).toBe(400)
        if (isApi(url)) expect(errorCode(res.text), url).toBe('bad_request')
        else expect(res.text, url).toBe(en('errors.request.nul'))
      }
    })
  }

  for (const r of WEB_ACTIONS) {
    it(`are refused in the form fields sent to ${r.actionUrl} (${r.id})`, async () => {
      const headers = { cookie, origin: app.url }
      const urlencoded = await send(r.actionUrl, {
        method: 'POST',
        headers: { ...headers, 'content-type': FORM },
        body: 'intent=reply&body=a%00b',
      })
      expect(urlencoded.status).toBe(400)
      expect(urlencoded.text).toBe(en('errors.request.nul'))
      const multipart = await fetch(new URL(r.actionUrl, app.url), {
        method: 'POST',
        headers: { ...headers, 'accept-language': 'en' },
        body: formWith('name', 'a\u0000b'),
        redirect: 'manual',
      })
      expect(multipart.status).toBe(400)
      expect(await multipart.text()).toBe(en('errors.request.nul'))
    })
  }

  it('are not looked for in uploaded file contents', async () => {
    const form = new FormData()
    form.set('locale', 'en')
    form.set('redirectTo', '/spaces')
    form.set('attachment', new Blob([new Uint8Array([0x89, 0x50, 0, 0, 0, 0x0d])], { type: 'image/png' }), 'logo.png')
    const res = await fetch(new URL('/language', app.url), { method: 'POST', headers: { origin: app.url }, body: form, redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/spaces')
  })

  for (const op of API) {
    it(`are refused in the path, query and body of ${op.method} ${op.pattern} (${op.id})`, async () => {
      const urls = [`${op.url}?q=%00`, ...(op.pattern.includes('{') ? [withNulInPath(op.pattern)] : [])]
      for (const url of urls) {
        const res = await send(url, {
          method: op.method,
          headers: { authorization: bearer, 'content-type': 'application/json' },
          body: op.mutating ? '{}' : undefined,
        })
        expect(res.status, url).toBe(400)
        expect(errorCode(res.text)).toBe('bad_request')
      }
      if (op.mutating) {
        const res = await send(op.url, {
          method: op.method,
          headers: { authorization: bearer, 'content-type': 'application/json' },
          body: '{"body":"a\\u0000b"}',
        })
        expect(res.status).toBe(400)
        expect(JSON.parse(res.text)).toEqual({ error: { code: 'bad_request', message: en('errors.request.nul'), fields: {} } })
      }
    })
  }
})

function formWith(name: string, value: string) {
  const form = new FormData()
  form.set('intent', 'reply')
  form.set(name, value)
  form.set('image', new Blob([new Uint8Array([0, 1, 0, 2])], { type: 'image/png' }), 'binary-is-fine.png')
  return form
}
