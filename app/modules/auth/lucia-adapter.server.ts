/**
 * Lucia v3 adapter over Prisma 7 (the published Prisma adapter peers Prisma ≤ 5). Session ids are
 * stored as SHA-256 hashes, so a leaked database row cannot be replayed as a cookie
 * (docs/decisions/003-sessions.md).
 */
import { createHash } from 'node:crypto'
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia'
import { db } from '~/lib/db.server'

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex')

type SessionRow = {
  id: string
  userId: string
  expiresAt: Date
  rememberMe: boolean
  userAgent: string | null
  ipAddress: string | null
  createdAt: Date
  lastSeenAt: Date
}

function toDatabaseSession(row: SessionRow, id = row.id): DatabaseSession {
  return {
    id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: {
      rememberMe: row.rememberMe,
      userAgent: row.userAgent,
      ipAddress: row.ipAddress,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
    },
  }
}

export const prismaAdapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await db.session.findUnique({ where: { id: hashSessionId(sessionId) }, include: { user: true } })
    if (!row) return [null, null]
    const { user, ...session } = row
    const { passwordHash: _omit, ...attributes } = user
    const dbUser: DatabaseUser = { id: user.id, attributes }
    return [toDatabaseSession(session, sessionId), dbUser]
  },
  async getUserSessions(userId) {
    const rows = await db.session.findMany({ where: { userId }, orderBy: { lastSeenAt: 'desc' } })
    return rows.map((r) => toDatabaseSession(r))
  },
  async setSession(session) {
    const a = session.attributes
    await db.session.create({
      data: {
        id: hashSessionId(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt,
        rememberMe: a.rememberMe ?? false,
        userAgent: a.userAgent ?? null,
        ipAddress: a.ipAddress ?? null,
      },
    })
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await db.session.updateMany({ where: { id: hashSessionId(sessionId) }, data: { expiresAt, lastSeenAt: new Date() } })
  },
  async deleteSession(sessionId) {
    await db.session.deleteMany({ where: { id: hashSessionId(sessionId) } })
  },
  async deleteUserSessions(userId) {
    await db.session.deleteMany({ where: { userId } })
  },
  async deleteExpiredSessions() {
    await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } })
  },
}
