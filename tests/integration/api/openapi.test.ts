import { validate } from '@readme/openapi-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENDPOINTS } from '../../../app/modules/api/registry.server.ts'
import { translate } from '../../../app/lib/i18n.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { signIn, statusOf, tokenClient } from './support.ts'
import { BOOKMARK_ENDPOINTS } from '../../../app/modules/api/bookmark-endpoints.server.ts'
import { DISCUSSION_ENDPOINTS } from '../../../app/modules/api/discussion-endpoints.server.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

type Doc = {
  openapi: string
  servers: { url: string }[]
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string
        parameters?: { name: string; in: string }[]
        requestBody?: unknown
        responses: Record<string, unknown>
        security: unknown[]
      }
    >
  >
  components: {
    schemas: Record<string, unknown>
    securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>
  }
}

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, the same signed out, by cookie and by token', async () => {
    const user = await createUser()
    const clients = [new TestClient(app.url), await signIn(app, user), (await tokenClient(app, user.id)).client]
    const docs: Doc[] = []
    for (const client of clients) {
      const res = await client.get('/api/v1/openapi.json')
      expect(res.status).toBe(200)
      docs.push((await res.json()) as Doc)
    }
    expect(docs[1]).toEqual(docs[0])
    expect(docs[2]).toEqual(docs[0])
    const doc = docs[0]
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers[0].url).toBe(`${app.url}/api/v1`)
    const result = await validate(structuredClone(doc) as never)
    if (!result.valid) console.error(JSON.stringify(result.errors, null, 2))
    expect(result.valid).toBe(true)
  })

  it('lists every registry endpoint with its parameters, body, security and shared error schema', async () => {
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as Doc
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    expect(listed.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort())
    for (const e of ENDPOINTS) {
      const op = doc.paths[e.path][e.method.toLowerCase()]
      expect(op.operationId).toBe(e.id)
      expect(op.responses['200']).toBeDefined()
      expect(op.responses['429']).toEqual({ $ref: '#/components/responses/RateLimited' })
      expect(op.security).toContainEqual({ bearerAuth: [] })
      expect(op.security.some((s) => JSON.stringify(s) === '{}')).toBe(e.auth === 'optional')
    }
    expect(doc.paths['/organizations/{slug}'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'slug', in: 'path', required: true }),
    )
    expect(doc.paths['/organizations'].get.parameters!.map((p) => p.name)).toEqual(['q', 'city', 'theme', 'type', 'page', 'pageSize'])
    expect(doc.paths['/me'].patch.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', additionalProperties: false } } },
    })
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'birlikte_session' })
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] })
  })

  it('every registry endpoint is routed (none falls through to the unknown-path 404)', async () => {
    const org = await createOrg()
    const person = await createUser()
    const { client } = await tokenClient(app, person.id)
    // The discussion and bookmark endpoints need real spaces, threads and posts: discussions.test.ts and
    // discussions/bookmarks-titles-mentions.test.ts route those.
    for (const e of ENDPOINTS.filter((x) => !DISCUSSION_ENDPOINTS.includes(x) && !BOOKMARK_ENDPOINTS.includes(x))) {
      const path = `/api/v1${e.path.replace('{slug}', org.slug).replace('{handle}', person.handle)}`
      const res = client.request(path, {
        method: e.method,
        headers: { 'content-type': 'application/json' },
        body: e.method === 'GET' ? undefined : '{}',
      })
      expect(await statusOf(res), `${e.method} ${path}`).toBe(200)
    }
  })

  it('has a summary in both languages for every endpoint', () => {
    for (const e of ENDPOINTS) {
      expect(translate('tr', e.summary)).not.toBe(e.summary)
      expect(translate('en', e.summary)).not.toBe(e.summary)
      expect(translate('tr', e.summary)).not.toBe(translate('en', e.summary))
    }
  })
})

describe('the /api page', () => {
  it('lists the endpoints and explains tokens, in the reader’s language', async () => {
    const en = await new TestClient(app.url, { 'accept-language': 'en' }).page('/api')
    expect(en.res.status).toBe(200)
    for (const e of ENDPOINTS) expect(en.html).toContain(`/api/v1${e.path}`)
    expect(en.html).toContain('href="/settings/tokens"')
    expect(en.html).toContain('Settings → API tokens')
    const tr = await new TestClient(app.url, { 'accept-language': 'tr' }).page('/api')
    expect(tr.html).toContain('Ayarlar → API anahtarları')
    expect(tr.html.match(/<h1/g)).toHaveLength(1)
  })
})
