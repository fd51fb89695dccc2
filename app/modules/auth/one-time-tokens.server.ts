/**
 * Single-use tokens for e-mail links (verification, password reset). The secret travels only in the
 * mail; the database keeps its SHA-256, so a leaked row cannot be turned back into a working link.
 */
import { createHash, randomBytes } from 'node:crypto'
import { db, type Tx } from '~/lib/db.server'
import type { TokenPurpose } from '~/generated/prisma/enums'

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  EMAIL_VERIFICATION: 24 * 60 * 60 * 1000,
  PASSWORD_RESET: 60 * 60 * 1000,
}

export const hashOneTimeToken = (token: string) => createHash('sha256').update(token).digest('hex')

// 32 random bytes are 43 base64url characters; anything else cannot be one of ours.
const looksLikeToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)

/**
 * Issues a new token inside the caller's transaction and invalidates the user's older unused tokens
 * of the same purpose, so only the newest link in their inbox works.
 */
export async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose) {
  const now = new Date()
  await tx.oneTimeToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } })
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose])
  await tx.oneTimeToken.create({ data: { userId, purpose, tokenHash: hashOneTimeToken(token), expiresAt } })
  return { token, expiresAt }
}

/** The user a still-valid token belongs to, without using it up (e.g. to show the reset form). */
export async function peekToken(token: unknown, purpose: TokenPurpose) {
  if (!looksLikeToken(token)) return null
  const row = await db.oneTimeToken.findUnique({
    where: { tokenHash: hashOneTimeToken(token) },
    select: { userId: true, purpose: true, usedAt: true, expiresAt: true },
  })
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt.getTime() <= Date.now()) return null
  return { userId: row.userId }
}

/**
 * Uses the token up and returns its user, or null if it is unknown, used, expired or for another
 * purpose. One conditional UPDATE decides, so two concurrent requests can never both succeed.
 */
export async function consumeToken(tx: Tx, token: unknown, purpose: TokenPurpose) {
  if (!looksLikeToken(token)) return null
  const now = new Date()
  const rows = await tx.oneTimeToken.updateManyAndReturn({
    where: { tokenHash: hashOneTimeToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { userId: true },
  })
  return rows[0] ?? null
}
