/**
 * Who is asking: one look-up per request (cached), from the session cookie or a personal API token.
 */
import { redirect } from '@remix-run/node'
import { requestMemo } from '~/lib/request-scope.server'
import { Cookie, type Session, type User } from 'lucia'
import { db, type Prisma, type Tx } from '~/lib/db.server'
import type { Session as SessionModel, User as UserModel } from '~/generated/prisma/client'
import type { Actor } from '~/lib/policy'
import { lucia, SESSION_COOKIE, SESSION_EXPIRES_IN } from './lucia.server'
import { hashSessionId, prismaAdapter } from './lucia-adapter.server'
import { publish } from '~/modules/events/bus.server'
import { userIdForApiToken } from './api-tokens.server'
import { isSuspended } from './suspension'
import { REVIEW_COUNT } from '~/modules/moderation/review-count.server'

export type AuthUser = User

export interface Auth {
  user: AuthUser | null
  session: Session | null
  actor: Actor | null
  via: 'cookie' | 'token' | null
  /** the bell's unread notifications, when the session's query brought them along (cookie sessions) */
  unread?: number
  /** posts waiting for this moderator (the Moderation link's badge); null for someone who moderates nothing */
  review?: number | null
}

const LAST_SEEN_PRECISION_MS = 5 * 60_000
const SIGNED_OUT: Auth = { user: null, session: null, actor: null, via: null }
const cache = new WeakMap<Request, Promise<Auth>>()
/** Set-Cookie headers a loader could not return itself (session refresh); entry.server adds them. */
export const pendingCookies = new WeakMap<Request, string[]>()

/** Also kept for the whole request: the response is made from another copy of the Request than the loader's. */
function setPendingCookies(request: Request, cookies: string[]) {
  pendingCookies.set(request, cookies)
  requestMemo<{ cookies?: string[] }>('pendingCookies', () => ({})).cookies = cookies
}

/** The Set-Cookie headers waiting for this request's response. */
export function pendingCookiesFor(request: Request): string[] {
  return pendingCookies.get(request) ?? requestMemo<{ cookies?: string[] }>('pendingCookies', () => ({})).cookies ?? []
}

export function isSecureRequest(request: Request) {
  return new URL(request.url).protocol === 'https:'
}

export function clientIp(request: Request): string {
  const fromServer = request.headers.get('x-birlikte-client-ip')
  return fromServer ?? '127.0.0.1'
}

export function sessionCookie(request: Request, sessionId: string, rememberMe: boolean) {
  const c = lucia.createSessionCookie(sessionId)
  const attributes = { ...c.attributes, secure: isSecureRequest(request), httpOnly: true }
  // Without "remember me" the cookie lives until the browser closes.
  if (!rememberMe) {
    delete attributes.maxAge
    delete attributes.expires
  }
  return new Cookie(SESSION_COOKIE, sessionId, attributes).serialize()
}

export function blankSessionCookie(request: Request) {
  const c = lucia.createBlankSessionCookie()
  return new Cookie(SESSION_COOKIE, '', { ...c.attributes, secure: isSecureRequest(request) }).serialize()
}

/**
 * `client`: pass the transaction when asking from inside one (it must not wait for a second connection).
 * `via`: how the request authenticated; the policy refuses tokens what only a browser session may do.
 */
const ACTOR_SELECT = {
  id: true,
  role: true,
  emailVerifiedAt: true,
  suspendedUntil: true,
  memberships: { select: { orgId: true, role: true, status: true, org: { select: { status: true } } } },
  spaceMemberships: { where: { role: 'MODERATOR' }, select: { spaceId: true } },
} as const

export async function loadActor(userId: string, client: Tx = db, via: Actor['via'] = 'session'): Promise<Actor | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: ACTOR_SELECT })
  return user ? toActor(user, via) : null
}

/** Many people's actors in one query (a notification fan-out asks the policy for each recipient). */
export async function loadActors(userIds: string[], client: Tx = db): Promise<Map<string, Actor>> {
  const users = await client.user.findMany({ where: { id: { in: userIds } }, select: ACTOR_SELECT })
  return new Map(users.map((u) => [u.id, toActor(u, 'session')]))
}

function toActor(user: Prisma.UserGetPayload<{ select: typeof ACTOR_SELECT }>, via: Actor['via']): Actor {
  return {
    id: user.id,
    role: user.role,
    verified: !!user.emailVerifiedAt,
    suspended: isSuspended(user.suspendedUntil),
    memberships: user.memberships.map(({ org, ...m }) => ({ ...m, orgApproved: org.status === 'APPROVED' })),
    moderates: user.spaceMemberships.map((m) => m.spaceId),
    via,
  }
}

export { isSuspended }

/** Personal API tokens authenticate the JSON API only; server/http.ts also refuses them everywhere else. */
const acceptsTokens = (request: Request) => new URL(request.url).pathname.startsWith('/api/')

async function authenticate(request: Request): Promise<Auth> {
  const authorization = request.headers.get('authorization')
  if (authorization?.startsWith('Bearer ')) {
    if (!acceptsTokens(request)) return SIGNED_OUT
    const userId = await userIdForApiToken(authorization.slice(7).trim())
    if (!userId) return SIGNED_OUT
    const [user, actor] = await Promise.all([db.user.findUnique({ where: { id: userId } }), loadActor(userId, db, 'token')])
    if (!user || !actor || actor.suspended) return SIGNED_OUT
    const { passwordHash: _omit, ...attributes } = user
    return { user: attributes as unknown as AuthUser, session: null, actor, via: 'token' }
  }
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (!sessionId) return SIGNED_OUT
  const found = await validateSession(sessionId)
  if (!found) {
    setPendingCookies(request, [blankSessionCookie(request)])
    return SIGNED_OUT
  }
  const { user, session, actor } = found
  if (actor.suspended) {
    await lucia.invalidateUserSessions(user.id)
    setPendingCookies(request, [blankSessionCookie(request)])
    return SIGNED_OUT
  }
  if (session.fresh) setPendingCookies(request, [sessionCookie(request, session.id, !!session.rememberMe)])
  // "Last seen" in the sessions list; a few minutes of precision is enough and spares a write per request.
  if (!session.lastSeenAt || Date.now() - session.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    // Guarded by the old value: of many requests that saw it stale at once only the first writes, the
    // others match no row instead of each queuing for the row lock and a commit of their own.
    const now = new Date()
    await db.session.updateMany({
      where: { id: hashSessionId(session.id), lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_PRECISION_MS) } },
      data: { lastSeenAt: now },
    })
  }
  return { user, session, actor, via: 'cookie', unread: found.unread, review: found.review }
}

type SessionRow = Omit<SessionModel, 'id'> &
  Pick<UserModel, 'email' | 'name' | 'role' | 'emailVerifiedAt' | 'locale' | 'timeZone' | 'notifyByEmail' | 'suspendedUntil'> &
  Pick<Actor, 'memberships'> & { moderates: string[]; unread: number; review: number | null }

/**
 * Lucia's validateSession, with the person's actor (memberships, moderated spaces), the bell's unread
 * count and, for moderators only, what waits in their queue (moderation/alerts.server.ts) in the same query: one round trip for every signed-in request instead of seven (session, user, user
 * again, memberships, their organizations, moderated spaces, notifications). Expiry and the sliding
 * refresh are Lucia's: an expired session is deleted; one past half its life is extended and its cookie sent again (`fresh`).
 */
async function validateSession(
  sessionId: string,
): Promise<{ user: AuthUser; session: Session; actor: Actor; unread: number; review: number | null } | null> {
  const [row] = await db.$queryRaw<SessionRow[]>`
    SELECT s."userId", s."expiresAt", s."rememberMe", s."userAgent", s."ipAddress", s."createdAt", s."lastSeenAt",
           u."email", u."name", u."role"::text AS "role", u."emailVerifiedAt", u."locale", u."timeZone", u."notifyByEmail",
           u."suspendedUntil",
           COALESCE((SELECT json_agg(json_build_object('orgId', m."orgId", 'role', m."role", 'status', m."status",
                                                       'orgApproved', o."status" = 'APPROVED'))
                       FROM "Membership" m JOIN "Organization" o ON o."id" = m."orgId"
                      WHERE m."userId" = u."id"), '[]'::json) AS "memberships",
           ARRAY(SELECT sm."spaceId" FROM "SpaceMember" sm WHERE sm."userId" = u."id" AND sm."role" = 'MODERATOR') AS "moderates",
           (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS "unread",
           ${REVIEW_COUNT} AS "review"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."id" = ${hashSessionId(sessionId)}`
  if (!row) return null
  const expiresAt = new Date(row.expiresAt)
  if (expiresAt.getTime() <= Date.now()) {
    await prismaAdapter.deleteSession(sessionId)
    return null
  }
  const session: Session = {
    id: sessionId,
    userId: row.userId,
    expiresAt,
    fresh: false,
    rememberMe: row.rememberMe,
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
    createdAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt),
  }
  if (Date.now() >= expiresAt.getTime() - SESSION_EXPIRES_IN.milliseconds() / 2) {
    session.fresh = true
    session.expiresAt = new Date(Date.now() + SESSION_EXPIRES_IN.milliseconds())
    await prismaAdapter.updateSessionExpiration(sessionId, session.expiresAt)
  }
  const date = (d: Date | null) => (d ? new Date(d) : null)
  const user: AuthUser = {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    emailVerifiedAt: date(row.emailVerifiedAt),
    locale: row.locale,
    timeZone: row.timeZone,
    notifyByEmail: row.notifyByEmail,
    suspendedUntil: date(row.suspendedUntil),
  }
  const actor: Actor = {
    id: row.userId,
    role: row.role,
    verified: !!row.emailVerifiedAt,
    suspended: isSuspended(row.suspendedUntil),
    memberships: row.memberships,
    moderates: row.moderates,
    via: 'session',
  }
  return { user, session, actor, unread: row.unread, review: row.review }
}

/**
 * Who is asking, looked up once per request: for a page, its loaders share the answer (each has its own
 * copy of the Request, see request-scope.server.ts). Not across an action and the loaders after it in
 * one request, since the action may have signed someone in or out: only reads share it.
 */
export function getAuth(request: Request): Promise<Auth> {
  let p = cache.get(request)
  if (!p) {
    p = request.method === 'GET' || request.method === 'HEAD' ? requestMemo('auth', () => authenticate(request)) : authenticate(request)
    cache.set(request, p)
  }
  return p
}

export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

export async function requireAuth(request: Request) {
  const auth = await getAuth(request)
  if (!auth.user || !auth.actor) {
    const url = new URL(request.url)
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })
    throw redirect(`/login?${params}`)
  }
  return auth as Auth & { user: AuthUser; actor: Actor }
}

/**
 * For account settings: signed in through a browser session. A personal API token must not be able
 * to change the password, list sessions or mint more tokens.
 */
export async function requireSessionAuth(request: Request) {
  const auth = await requireAuth(request)
  if (auth.via !== 'cookie' || !auth.session) throw new Response('Forbidden', { status: 403 })
  return auth as Auth & { user: AuthUser; actor: Actor; session: Session }
}

export async function createSession(request: Request, userId: string, rememberMe: boolean) {
  const session = await lucia.createSession(userId, {
    rememberMe,
    userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
    ipAddress: clientIp(request),
  })
  return { session, cookie: sessionCookie(request, session.id, rememberMe) }
}

export async function destroySession(request: Request) {
  const auth = await getAuth(request)
  if (auth.session) {
    await lucia.invalidateSession(auth.session.id)
    // Its live connections close too: the next person on this computer must not get its updates.
    publish('session.revoked', { userId: auth.session.userId, sessionId: hashSessionId(auth.session.id) })
  }
  return blankSessionCookie(request)
}
