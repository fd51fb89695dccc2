import { createHash, randomBytes } from 'node:crypto'
import { db } from '~/lib/db.server'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const MAX_API_TOKENS = 20

/** Creates a personal API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(userId: string, name: string) {
  const count = await db.apiToken.count({ where: { userId, revokedAt: null } })
  if (count >= MAX_API_TOKENS) return { ok: false as const, error: 'settings.tokens.tooMany' }
  const prefix = randomBytes(4).toString('hex')
  const secret = `bk_${prefix}_${randomBytes(24).toString('base64url')}`
  const token = await db.apiToken.create({ data: { userId, name, prefix, tokenHash: hashToken(secret) } })
  return { ok: true as const, token, secret }
}

export async function listApiTokens(userId: string) {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  })
}

export async function revokeApiToken(userId: string, id: string) {
  const { count } = await db.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } })
  return count > 0
}

/** The user id a bearer token belongs to, or null; records when it was last used (at most once a minute). */
export async function userIdForApiToken(secret: string): Promise<string | null> {
  if (!/^bk_[0-9a-f]{8}_[\w-]{32}$/.test(secret)) return null
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } })
  if (!token || token.revokedAt) return null
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } })
  }
  return token.userId
}

/**
 * The language setting of a live token's owner (null: none, or no such token), read-only: for the
 * refusals the Express layer sends before the API handler runs, so they speak as the API does.
 */
export async function localeForApiToken(secret: string): Promise<string | null> {
  if (!/^bk_[0-9a-f]{8}_[\w-]{32}$/.test(secret)) return null
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { revokedAt: true, user: { select: { locale: true } } },
  })
  return token && !token.revokedAt ? token.user.locale : null
}
