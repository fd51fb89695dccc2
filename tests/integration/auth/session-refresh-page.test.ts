/**
 * A session extended while a page is being made sends its cookie again with that page. The page's
 * loaders each get their own copy of the Request from Remix, and the response is made from yet another:
 * the cookie travels with the request's scope (app/lib/request-scope.server.ts), not with one copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { lucia, SESSION_COOKIE, SESSION_EXPIRES_IN } from '../../../app/modules/auth/lucia.server.ts'
import { hashSessionId } from '../../../app/modules/auth/lucia-adapter.server.ts'
import { startTestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

describe('a session extended during a page', () => {
  it('is sent again with the page, once', async () => {
    const user = await createUser()
    const session = await lucia.createSession(user.id, { rememberMe: true })
    const soon = new Date(Date.now() + SESSION_EXPIRES_IN.milliseconds() / 2 - 60_000)
    await db.session.update({ where: { id: hashSessionId(session.id) }, data: { expiresAt: soon } })
    const res = await fetch(`${app.url}/settings`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` }, redirect: 'manual' })
    expect(res.status).toBe(200)
    const cookies = res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`))
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=${session.id};.*Max-Age=`))
  })

  it('an unknown session is cleared by the page that found it', async () => {
    const res = await fetch(`${app.url}/`, { headers: { cookie: `${SESSION_COOKIE}=no-such-session` }, redirect: 'manual' })
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(new RegExp(`^${SESSION_COOKIE}=;`))
  })
})
