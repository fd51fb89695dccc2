/**
 * The session look-up every signed-in request makes: one query for the session, the person and their
 * actor, with Lucia's own rules (an expired session is deleted, one past half its life is extended).
 */
import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { lucia, SESSION_COOKIE, SESSION_EXPIRES_IN } from '../../../app/modules/auth/lucia.server.ts'
import { hashSessionId } from '../../../app/modules/auth/lucia-adapter.server.ts'
import { getAuth, loadActor, pendingCookies } from '../../../app/modules/auth/session.server.ts'
import { addMember, createOrg, createUser } from '../../support/factories.ts'

const requestWith = (sessionId: string) => new Request('http://localhost/', { headers: { cookie: `${SESSION_COOKIE}=${sessionId}` } })
const sorted = <T>(xs: T[] | undefined) => [...(xs ?? [])].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))

describe('getAuth with a session cookie', () => {
  it('gives the same person and actor as Lucia and loadActor', async () => {
    const user = await createUser({ role: 'MODERATOR' })
    await addMember(user.id, (await createOrg()).id, 'ADMIN')
    await addMember(user.id, (await createOrg({ status: 'PENDING' })).id, 'MEMBER', 'PENDING')
    const space = await db.space.create({
      data: { slug: `s-${user.id}`, nameTr: 'Alan', nameEn: 'Space', descriptionTr: '', descriptionEn: '', visibility: 'PUBLIC' },
    })
    await db.spaceMember.create({ data: { spaceId: space.id, userId: user.id, role: 'MODERATOR' } })
    const session = await lucia.createSession(user.id, { rememberMe: true })

    const auth = await getAuth(requestWith(session.id))
    const byLucia = await lucia.validateSession(session.id)
    expect(auth.via).toBe('cookie')
    expect(auth.user).toEqual(byLucia.user)
    expect({ ...auth.session, lastSeenAt: undefined }).toEqual({ ...byLucia.session, lastSeenAt: undefined })
    const expected = await loadActor(user.id)
    expect({ ...auth.actor, memberships: sorted(auth.actor?.memberships) }).toEqual({
      ...expected,
      memberships: sorted(expected?.memberships),
    })
    expect(auth.actor?.moderates).toEqual([space.id])
    expect(auth.actor?.memberships.map((m) => m.orgApproved).sort()).toEqual([false, true])
  })

  it('deletes an expired session and clears its cookie', async () => {
    const user = await createUser()
    const session = await lucia.createSession(user.id, {})
    await db.session.update({ where: { id: hashSessionId(session.id) }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const request = requestWith(session.id)
    expect((await getAuth(request)).user).toBeNull()
    expect(pendingCookies.get(request)?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;`))
    expect(await db.session.count({ where: { id: hashSessionId(session.id) } })).toBe(0)
  })

  it('extends a session past half its life and sends its cookie again', async () => {
    const user = await createUser()
    const session = await lucia.createSession(user.id, { rememberMe: true })
    const soon = new Date(Date.now() + SESSION_EXPIRES_IN.milliseconds() / 2 - 60_000)
    await db.session.update({ where: { id: hashSessionId(session.id) }, data: { expiresAt: soon } })
    const request = requestWith(session.id)
    const auth = await getAuth(request)
    expect(auth.session?.fresh).toBe(true)
    expect(pendingCookies.get(request)?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=${session.id};.*Max-Age=`))
    const row = await db.session.findUniqueOrThrow({ where: { id: hashSessionId(session.id) } })
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_EXPIRES_IN.milliseconds() - 60_000)
  })

  it('signs a suspended person out of every session', async () => {
    const user = await createUser()
    const session = await lucia.createSession(user.id, {})
    await lucia.createSession(user.id, {})
    await db.user.update({ where: { id: user.id }, data: { suspendedUntil: new Date(Date.now() + 86_400_000) } })
    expect((await getAuth(requestWith(session.id))).user).toBeNull()
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
  })

  it('signs out an unknown session id', async () => {
    const request = requestWith('no-such-session')
    expect(await getAuth(request)).toMatchObject({ user: null, actor: null })
    expect(pendingCookies.get(request)).toHaveLength(1)
  })
})
