import { Lucia, TimeSpan } from 'lucia'
import type { PlatformRole } from '~/generated/prisma/enums'
import { prismaAdapter } from './lucia-adapter.server'

export const SESSION_COOKIE = 'birlikte_session'
/** also read by session.server.ts, which validates sessions in one query with the actor */
export const SESSION_EXPIRES_IN = new TimeSpan(30, 'd')

export const lucia = new Lucia(prismaAdapter, {
  sessionExpiresIn: SESSION_EXPIRES_IN,
  sessionCookie: {
    name: SESSION_COOKIE,
    // Secure is decided per request (see session.server.ts): the app also runs on plain http://localhost.
    attributes: { sameSite: 'lax', secure: false },
  },
  getUserAttributes: (a) => ({
    email: a.email,
    name: a.name,
    role: a.role,
    emailVerifiedAt: a.emailVerifiedAt,
    locale: a.locale,
    timeZone: a.timeZone,
    notifyByEmail: a.notifyByEmail,
    suspendedUntil: a.suspendedUntil,
  }),
  getSessionAttributes: (a) => ({
    rememberMe: a.rememberMe,
    userAgent: a.userAgent,
    ipAddress: a.ipAddress,
    createdAt: a.createdAt,
    lastSeenAt: a.lastSeenAt,
  }),
})

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia
    DatabaseUserAttributes: {
      email: string
      name: string
      role: PlatformRole
      emailVerifiedAt: Date | null
      locale: string | null
      timeZone: string
      notifyByEmail: boolean
      suspendedUntil: Date | null
    }
    DatabaseSessionAttributes: {
      rememberMe?: boolean
      userAgent?: string | null
      ipAddress?: string | null
      createdAt?: Date
      lastSeenAt?: Date
    }
  }
}
