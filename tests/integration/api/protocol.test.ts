import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getT } from '../../../app/lib/i18n.ts'
import { clearLimit } from '../../../app/modules/rate-limit/rate-limit.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { expectApiError, sendJson, signIn, statusOf, tokenClient } from './support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

describe('GET /api/v1/health', () => {
  it('reports the database and version to everyone', async () => {
    const user = await createUser()
    for (const client of [new TestClient(app.url), await signIn(app, user), (await tokenClient(app, user.id)).client]) {
      const res = await client.get('/api/v1/health')
      expect(res.status).toBe(200)
      const body = (await res.json()) as { status: string; database: string; version: string }
      expect(body).toMatchObject({ status: 'ok', database: 'up' })
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/)
    }
  })
})

describe('the API’s answers to mistakes', () => {
  it('answers unknown /api/v1 paths with a JSON 404', async () => {
    for (const path of ['/api/v1', '/api/v1/', '/api/v1/x', '/api/v1/me/extra', '/api/v1/organizations/a/b']) {
      const res = await new TestClient(app.url).get(path)
      await expectApiError(res, 404, 'not_found')
    }
    const post = await new TestClient(app.url).post('/api/v1/nothing-here', {})
    await expectApiError(post, 404, 'not_found')
  })

  it('answers a method the path does not take with 405 and Allow', async () => {
    const res = await sendJson(new TestClient(app.url), 'DELETE', '/api/v1/me', {})
    expect(res.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS')
    await expectApiError(res, 405, 'method_not_allowed')
    const options = await new TestClient(app.url).request('/api/v1/organizations', { method: 'OPTIONS' })
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('writes messages in Turkish for Accept-Language: tr (and by default), English for en', async () => {
    const tr = await expectApiError(await new TestClient(app.url, { 'accept-language': 'tr' }).get('/api/v1/me'), 401, 'unauthorized')
    expect(tr.error.message).toBe('Bunu kullanmak için oturum açın ya da geçerli bir kişisel API anahtarı gönderin.')
    const none = await expectApiError(await new TestClient(app.url, {}).get('/api/v1/x'), 404, 'not_found')
    expect(none.error.message).toBe('Bu adreste bir şey yok.')
    const en = await expectApiError(
      await new TestClient(app.url, { 'accept-language': 'en-GB,en;q=0.9' }).get('/api/v1/x'),
      404,
      'not_found',
    )
    expect(en.error.message).toBe('There is nothing at this address.')

    const user = await createUser({ locale: 'en' })
    expect(await statusOf(sendJson((await tokenClient(app, user.id)).client, 'PATCH', '/api/v1/me', { locale: null }))).toBe(200)
    const trClient = (await tokenClient(app, user.id, { 'accept-language': 'tr' })).client
    const trFields = await expectApiError(
      await sendJson(trClient, 'PATCH', '/api/v1/me', { name: 1, timeZone: 'Nowhere/City' }),
      400,
      'validation_failed',
    )
    expect(trFields.error.message).toMatch(/^Bazı değerler geçerli değil/)
    expect(trFields.error.fields.name).toEqual(['string türünde bir değer bekleniyordu.'])
    expect(trFields.error.fields.timeZone).toEqual(['IANA listesindeki bir saat dilimi adı kullanın, örneğin Europe/Istanbul.'])
    const enClient = (await tokenClient(app, user.id, { 'accept-language': 'en' })).client
    const enFields = await expectApiError(await sendJson(enClient, 'PATCH', '/api/v1/me', { name: 1 }), 400, 'validation_failed')
    expect(enFields.error.fields.name).toEqual(['Expected a value of type string.'])
  })

  it('answers every error in one language per caller: the token owner’s setting, else Accept-Language (issue 10, item 8.13)', async () => {
    const en = getT('en')
    const tr = getT('tr')
    // An English token owner whose client sends no Accept-Language: the 405 used to come in Turkish.
    const owner = await createUser({ locale: 'en' })
    const bare = (await tokenClient(app, owner.id, {})).client
    const checks: [Response, number, string][] = [
      [await sendJson(bare, 'DELETE', '/api/v1/me', {}), 405, 'method_not_allowed'],
      [await bare.get('/api/v1/x'), 404, 'not_found'],
      [await sendJson(bare, 'PATCH', '/api/v1/me', { name: 1 }), 400, 'validation_failed'],
    ]
    for (const [res, status, code] of checks) {
      expect(res.headers.get('content-language'), code).toBe('en')
      const body = await expectApiError(res, status, code)
      expect(body.error.message).toBe(en(`errors.codes.${code}`))
    }
    // Refused before the API handler (a NUL in the body), still in the owner's language.
    const nul = await bare.request('/api/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"a\\u0000b"}',
    })
    expect(nul.status).toBe(400)
    expect(nul.headers.get('content-language')).toBe('en')
    expect(((await nul.json()) as { error: { message: string } }).error.message).toBe(en('errors.request.nul'))

    // No setting and no token: the request's Accept-Language, for a 405 as for the rest.
    for (const [lang, t] of [
      ['en', en],
      ['tr', tr],
    ] as const) {
      const res = await sendJson(new TestClient(app.url, { 'accept-language': lang }), 'DELETE', '/api/v1/me', {})
      expect(res.headers.get('content-language')).toBe(lang)
      expect((await expectApiError(res, 405, 'method_not_allowed')).error.message).toBe(t('errors.codes.method_not_allowed'))
    }
  })

  it('limits requests per address with 429 and Retry-After', async () => {
    const client = new TestClient(app.url)
    await clearLimit('api:ip:127.0.0.1')
    // Three requests a minute: the limit's scale is the one knob tests have.
    process.env.RATE_LIMIT_FACTOR = String(3 / 600)
    try {
      for (let i = 0; i < 3; i++) expect(await statusOf(client.get('/api/v1/health'))).toBe(200)
      const res = await client.get('/api/v1/health')
      const retryAfter = Number(res.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(60)
      await expectApiError(res, 429, 'rate_limited')
    } finally {
      process.env.RATE_LIMIT_FACTOR = '1'
      await clearLimit('api:ip:127.0.0.1')
    }
  })

  it('never shows a stack trace: a cross-site cookie PATCH is refused in the same JSON shape', async () => {
    const user = await createUser()
    const client = await signIn(app, user)
    const res = await sendJson(client, 'PATCH', '/api/v1/me', { name: 'Evil Change' }, { origin: 'https://evil.example' })
    const body = await expectApiError(res, 403, 'origin_mismatch' as string)
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules/)
  })
})

describe('when something breaks inside', () => {
  it('answers 500 internal in the error shape, never a stack trace', async () => {
    const { db } = await import('../../../app/lib/db.server.ts')
    // A real failure: the table the directory reads from is gone (this test file's own database).
    await db.$executeRawUnsafe('ALTER TABLE "Organization" RENAME TO "Organization_away"')
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args)
    try {
      const res = await new TestClient(app.url, { 'accept-language': 'en' }).get('/api/v1/organizations')
      const body = await expectApiError(res, 500, 'internal')
      expect(body.error.message).toMatch(/^Something went wrong on our side/)
      expect(JSON.stringify(body)).not.toMatch(/Organization|prisma|at \w+ \(|\.ts:\d+/i)
      expect(errors.length).toBeGreaterThan(0)
    } finally {
      console.error = original
      await db.$executeRawUnsafe('ALTER TABLE "Organization_away" RENAME TO "Organization"')
    }
    expect(await statusOf(new TestClient(app.url).get('/api/v1/organizations'))).toBe(200)
  })

  it('answers HEAD like GET, without a body', async () => {
    const res = await new TestClient(app.url).request('/api/v1/health', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
})
