/** Small helpers shared by the account tests (not a test file itself). */
import { expect } from 'vitest'
import type { RunningServer } from '../../../server/app-server.ts'
import { TestClient } from '../../support/app.ts'

export type App = RunningServer

/** HTML text with React's entity escapes undone, for comparing against translated messages. */
export function readable(html: string) {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Signs a fresh client in through the real form; fails the test if that does not work. */
export async function signedIn(
  app: App,
  email: string,
  password: string,
  options: { remember?: boolean; headers?: Record<string, string> } = {},
) {
  const client = TestClient.for(app, options.headers)
  const res = await client.post('/login', { email, password, ...(options.remember ? { remember: 'on' } : {}) })
  expect(res.status, `sign-in of ${email} should redirect`).toBe(302)
  expect(client.cookies.has('birlikte_session')).toBe(true)
  return client
}

/** The value of a form field as rendered (`value="…"` of the input named `name`). */
export function fieldValue(html: string, name: string) {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0]
  return tag ? readable(/value="([^"]*)"/.exec(tag)?.[1] ?? '') : undefined
}

export const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.org`

/**
 * The status of a response whose body the test does not need. The body is still read: an unread
 * streamed page keeps its connection busy, and the server's shutdown then waits for it.
 */
export async function statusOf(response: Promise<Response>) {
  const res = await response
  await res.arrayBuffer()
  return res.status
}
