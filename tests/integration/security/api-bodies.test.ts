/**
 * Hostile JSON at the API: keys that name Object's own properties, and text PostgreSQL would not store
 * faithfully. Run against every endpoint that takes a body (from the API registry), then in detail on
 * PATCH /api/v1/me, where the stored value can be read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { translate } from '../../../app/lib/i18n.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { apiOperations } from '../../support/route-table.ts'
import { expectApiError, sendJson, tokenClient } from '../api/support.ts'

const WITH_BODY = apiOperations().filter((o) => o.hasBody)

let app: Awaited<ReturnType<typeof startTestApp>>
let user: Awaited<ReturnType<typeof createUser>>
let client: TestClient
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_FACTOR: '0' } })
  user = await createUser({ name: 'Ayşe Yılmaz' })
  client = (await tokenClient(app, user.id)).client
})
afterAll(() => app?.close())

const storedName = async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).name

// Written as JSON text: JSON.stringify would never produce an own "__proto__" key from an object literal.
const PROTOTYPE_KEYS = [
  '{"__proto__": {"polluted": "yes"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"toString": "x", "valueOf": 1, "hasOwnProperty": true}',
  '{"body": {"__proto__": {"polluted": "yes"}}, "kind": {"constructor": 1}}',
]

describe('JSON keys named like Object’s own properties', () => {
  it('the list of endpoints with a body comes from the registry', () => {
    expect(WITH_BODY.map((o) => o.id)).toEqual(expect.arrayContaining(['updateMe', 'createThread', 'createPost', 'editPost']))
  })

  for (const op of WITH_BODY) {
    it(`${op.method} ${op.url} answers them as a validation problem, never a 500 (${op.id})`, async () => {
      for (const body of PROTOTYPE_KEYS) {
        const res = await sendJson(client, op.method, op.url, body)
        const answer = (await res.json()) as { error?: { code: string; fields: Record<string, string[]> } }
        expect(res.status, body).toBeLessThan(500)
        if (answer.error?.code === 'validation_failed') expect(Object.keys(answer.error.fields).length, body).toBeGreaterThan(0)
      }
      // The app runs in this process: a polluted prototype would show here.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  }

  it('names each unknown key in the field errors and changes nothing', async () => {
    const res = await sendJson(
      client,
      'PATCH',
      '/api/v1/me',
      '{"name": "Yeni Ad", "__proto__": {"name": "Hacked"}, "constructor": 1, "toString": "x"}',
    )
    const body = await expectApiError(res, 400, 'validation_failed')
    const unknown = translate('en', 'errors.fields.unknown')
    expect(Object.entries(body.error.fields).sort()).toEqual([
      ['__proto__', [unknown]],
      ['constructor', [unknown]],
      ['toString', [unknown]],
    ])
    expect(await storedName()).toBe('Ayşe Yılmaz')
  })

  it('accepts them as plain query parameters', async () => {
    const res = await client.get('/api/v1/organizations?__proto__=x&constructor=y&toString=z&hasOwnProperty=1')
    expect(res.status).toBe(200)
    await res.arrayBuffer()
  })
})

describe('lone UTF-16 surrogates in JSON', () => {
  for (const op of WITH_BODY) {
    it(`${op.method} ${op.url} refuses them with 400 (${op.id})`, async () => {
      for (const body of ['{"body": "a\\ud800b"}', '{"title": "\\udfff"}', '{"\\ud83d": 1}', '{"themes": ["ok", ["\\udc00"]]}']) {
        const res = await expectApiError(await sendJson(client, op.method, op.url, body), 400, 'bad_request')
        expect(res.error.message).toBe(translate('en', 'errors.request.surrogate'))
      }
    })
  }

  it('stores nothing, and explains in the caller’s language', async () => {
    const en = await expectApiError(await sendJson(client, 'PATCH', '/api/v1/me', '{"name": "Ay\\ud800se"}'), 400, 'bad_request')
    expect(en.error.message).toBe(translate('en', 'errors.request.surrogate'))
    // The caller is the token's owner: their language, on this refusal as on every other API error.
    await db.user.update({ where: { id: user.id }, data: { locale: 'tr' } })
    const tr = await expectApiError(await sendJson(client, 'PATCH', '/api/v1/me', '{"name": "Ay\\ud800se"}'), 400, 'bad_request').finally(
      () => db.user.update({ where: { id: user.id }, data: { locale: 'en' } }),
    )
    expect(tr.error.message).toBe(translate('tr', 'errors.request.surrogate'))
    expect(tr.error.message).not.toBe(en.error.message)
    expect(await storedName()).toBe('Ayşe Yılmaz')
  })

  it('keeps a proper surrogate pair as it was sent', async () => {
    // U+20BB7, a CJK letter outside the Basic Multilingual Plane: two UTF-16 units in JSON.
    const res = await sendJson(client, 'PATCH', '/api/v1/me', '{"name": "Ayşe \\ud842\\udfb7"}')
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    expect(await storedName()).toBe('Ayşe \u{20BB7}')
  })
})
