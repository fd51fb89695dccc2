/** Signing in the way a person does (the real /login form), and JSON requests for the API tests. */
import { expect } from 'vitest'
import { TestClient } from '../../support/app.ts'
import { createApiToken } from '../../../app/modules/auth/api-tokens.server.ts'

type App = { url: string }

export async function signIn(app: App, user: { email: string; password: string }, headers?: Record<string, string>) {
  const client = new TestClient(app.url, headers)
  const res = await client.post('/login', { email: user.email, password: user.password })
  await res.arrayBuffer()
  expect(res.status, 'sign-in should redirect').toBe(302)
  expect(client.cookies.has('birlikte_session')).toBe(true)
  return client
}

export async function tokenClient(app: App, userId: string, headers: Record<string, string> = { 'accept-language': 'en' }) {
  const created = await createApiToken(userId, 'test script')
  if (!created.ok) throw new Error(created.error)
  return {
    client: new TestClient(app.url, { ...headers, authorization: `Bearer ${created.secret}` }),
    token: created.token,
    secret: created.secret,
  }
}

export function sendJson(client: TestClient, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return client.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

export interface ApiErrorBody {
  error: { code: string; message: string; fields: Record<string, string[]> }
}

export async function expectApiError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await res.json()) as ApiErrorBody
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  expect(body.error.fields).toBeTypeOf('object')
  return body
}

/** The status, after reading the body: an unread body keeps the connection busy and delays the app's shutdown. */
export async function statusOf(res: Response | Promise<Response>) {
  const r = await res
  await r.arrayBuffer()
  return r.status
}
