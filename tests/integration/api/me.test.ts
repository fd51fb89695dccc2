import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { revokeApiToken } from '../../../app/modules/auth/api-tokens.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { addMember, createOrg, createUser } from '../../support/factories.ts'
import { expectApiError, sendJson, signIn, statusOf, tokenClient } from './support.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

const profile = (id: string) =>
  db.user.findUniqueOrThrow({ where: { id }, select: { name: true, locale: true, timeZone: true, notifyByEmail: true, updatedAt: true } })

describe('GET /api/v1/me', () => {
  it('answers 401 in the error shape when signed out', async () => {
    const res = await new TestClient(app.url).get('/api/v1/me')
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    const body = await expectApiError(res, 401, 'unauthorized')
    expect(body.error.message).toMatch(/sign in/i)
  })

  it('describes the signed-in account with its memberships, by cookie', async () => {
    const user = await createUser({ name: 'Ayşe Işık' })
    const org = await createOrg({ name: 'Kadın Dayanışma Derneği' })
    await addMember(user.id, org.id, 'ADMIN')
    const client = await signIn(app, user)
    const res = await client.get('/api/v1/me')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({
      id: user.id,
      name: 'Ayşe Işık',
      email: user.email,
      role: 'MEMBER',
      locale: 'en',
      timeZone: 'Europe/Istanbul',
      notifyByEmail: true,
      emailVerified: true,
      memberships: [{ org: { slug: org.slug, name: 'Kadın Dayanışma Derneği' }, role: 'ADMIN', status: 'ACTIVE' }],
    })
  })

  it('works with a personal token, and a revoked token gets 401', async () => {
    const user = await createUser()
    const { client, token } = await tokenClient(app, user.id)
    const ok = await client.get('/api/v1/me')
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { id: string }).id).toBe(user.id)
    expect(await revokeApiToken(user.id, token.id)).toBe(true)
    const res = await client.get('/api/v1/me')
    expect(res.headers.get('www-authenticate')).toContain('invalid_token')
    await expectApiError(res, 401, 'unauthorized')
  })

  it('refuses a mistyped token even on endpoints open to everyone', async () => {
    const res = await new TestClient(app.url, { authorization: 'Bearer bk_00000000_notarealtokennotarealtokennotareal' }).get(
      '/api/v1/health',
    )
    await expectApiError(res, 401, 'unauthorized')
  })
})

describe('PATCH /api/v1/me', () => {
  it('changes only the fields sent, by cookie', async () => {
    const user = await createUser({ name: 'Before Name' })
    const client = await signIn(app, user)
    const res = await sendJson(client, 'PATCH', '/api/v1/me', { name: '  Zeynep Çelik  ', timeZone: 'Europe/Berlin' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { name: string; timeZone: string; locale: string | null; notifyByEmail: boolean }
    expect(body).toMatchObject({ name: 'Zeynep Çelik', timeZone: 'Europe/Berlin', locale: 'en', notifyByEmail: true })
    expect(await profile(user.id)).toMatchObject({ name: 'Zeynep Çelik', timeZone: 'Europe/Berlin', locale: 'en', notifyByEmail: true })
  })

  it('changes language and notifications with a bearer token (no Origin needed), and null resets the language', async () => {
    const user = await createUser()
    const { client } = await tokenClient(app, user.id)
    let res = await sendJson(client, 'PATCH', '/api/v1/me', { locale: 'tr', notifyByEmail: false })
    expect(await statusOf(res)).toBe(200)
    expect(await profile(user.id)).toMatchObject({ locale: 'tr', notifyByEmail: false })
    // The account's language now wins over Accept-Language: en.
    expect(res.headers.get('content-language')).toBe('en')
    res = await sendJson(client, 'PATCH', '/api/v1/me', { locale: null })
    expect(await statusOf(res)).toBe(200)
    expect((await profile(user.id)).locale).toBeNull()
  })

  it('is refused when signed out, and nothing changes', async () => {
    const res = await sendJson(new TestClient(app.url), 'PATCH', '/api/v1/me', { name: 'Nobody' })
    await expectApiError(res, 401, 'unauthorized')
  })

  describe('bad input changes nothing', () => {
    let client: TestClient
    let userId: string
    let before: Awaited<ReturnType<typeof profile>>
    beforeAll(async () => {
      const user = await createUser({ name: 'Unchanged Person' })
      userId = user.id
      client = await signIn(app, user)
      before = await profile(user.id)
    })
    const unchanged = async () => expect(await profile(userId)).toEqual(before)

    it('wrong JSON types → 400 validation_failed with a message per field', async () => {
      const res = await sendJson(client, 'PATCH', '/api/v1/me', { name: 42, notifyByEmail: 'yes', locale: 'de', timeZone: 'Mars/Olympus' })
      const body = await expectApiError(res, 400, 'validation_failed')
      expect(Object.keys(body.error.fields).sort()).toEqual(['locale', 'name', 'notifyByEmail', 'timeZone'])
      expect(body.error.fields.name).toEqual(['Expected a value of type string.'])
      expect(body.error.fields.notifyByEmail).toEqual(['Expected a value of type boolean.'])
      expect(body.error.fields.locale).toEqual(['Use one of: tr, en.'])
      expect(body.error.fields.timeZone[0]).toMatch(/IANA/)
      await unchanged()
    })

    it('a name too short, and unknown fields, are named', async () => {
      const res = await sendJson(client, 'PATCH', '/api/v1/me', { name: ' x ', role: 'ADMIN', email: 'boss@example.org' })
      const body = await expectApiError(res, 400, 'validation_failed')
      expect(body.error.fields.name).toEqual(['Use at least 2 characters.'])
      expect(body.error.fields.role).toEqual(['This field is not known here. Check its spelling.'])
      expect(body.error.fields.email).toBeDefined()
      await unchanged()
    })

    it('a body that is not an object is invalid as a whole', async () => {
      const body = await expectApiError(await sendJson(client, 'PATCH', '/api/v1/me', [1, 2]), 400, 'validation_failed')
      expect(Object.keys(body.error.fields)).toEqual(['body'])
      await unchanged()
    })

    it('malformed JSON → 400 bad_request', async () => {
      const body = await expectApiError(await sendJson(client, 'PATCH', '/api/v1/me', '{"name": "Half'), 400, 'bad_request')
      expect(body.error.message).toBe('The body is not valid JSON.')
      await expectApiError(await sendJson(client, 'PATCH', '/api/v1/me', ''), 400, 'bad_request')
      await unchanged()
    })

    it('text/plain → 415', async () => {
      const res = await client.request('/api/v1/me', {
        method: 'PATCH',
        headers: { 'content-type': 'text/plain' },
        body: '{"name":"Plain Text"}',
      })
      await expectApiError(res, 415, 'unsupported_media_type')
      await unchanged()
    })

    it('a 10 MB body → 413, with or without Content-Length', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) })
      await expectApiError(await sendJson(client, 'PATCH', '/api/v1/me', big), 413, 'payload_too_large')

      // Chunked: no Content-Length, so only the API's capped reader can stop it.
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"name":"'))
        },
        pull(controller) {
          if (sent >= 10 * 1024 * 1024) {
            controller.enqueue(new TextEncoder().encode('"}'))
            controller.close()
            return
          }
          sent += chunk.byteLength
          controller.enqueue(chunk)
        },
      })
      const res = await client.request('/api/v1/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit)
      await expectApiError(res, 413, 'payload_too_large')
      await unchanged()
    })
  })
})
