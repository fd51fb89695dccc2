import { describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import { createUser } from '../../../tests/support/factories.ts'
import { consumeToken, hashOneTimeToken, issueToken, peekToken, TOKEN_LIFETIME_MS } from './one-time-tokens.server'

describe('one-time tokens', () => {
  it('issues 32 random bytes as base64url, stores only the SHA-256, with the purpose lifetime', async () => {
    const user = await createUser()
    const before = Date.now()
    const { token, expiresAt } = await issueToken(db, user.id, 'EMAIL_VERIFICATION')
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    const row = await db.oneTimeToken.findFirstOrThrow({ where: { userId: user.id } })
    expect(row.tokenHash).toBe(hashOneTimeToken(token))
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.expiresAt.getTime()).toBe(expiresAt.getTime())
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(TOKEN_LIFETIME_MS.EMAIL_VERIFICATION - 1000)
    expect(expiresAt.getTime() - before).toBeLessThanOrEqual(24 * 3600_000 + 1000)

    const reset = await issueToken(db, user.id, 'PASSWORD_RESET')
    expect(reset.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000)
    expect(reset.expiresAt.getTime() - Date.now()).toBeGreaterThan(3600_000 - 5000)
  })

  it('is used once only, even by concurrent requests', async () => {
    const user = await createUser()
    const { token } = await issueToken(db, user.id, 'PASSWORD_RESET')
    expect(await peekToken(token, 'PASSWORD_RESET')).toEqual({ userId: user.id })
    // Peeking does not consume.
    expect(await peekToken(token, 'PASSWORD_RESET')).toEqual({ userId: user.id })
    const results = await Promise.all(Array.from({ length: 5 }, () => db.$transaction((tx) => consumeToken(tx, token, 'PASSWORD_RESET'))))
    expect(results.filter(Boolean)).toEqual([{ userId: user.id }])
    expect(await consumeToken(db, token, 'PASSWORD_RESET')).toBeNull()
    expect(await peekToken(token, 'PASSWORD_RESET')).toBeNull()
  })

  it('refuses a token for another purpose, an expired one and anything malformed', async () => {
    const user = await createUser()
    const { token } = await issueToken(db, user.id, 'EMAIL_VERIFICATION')
    expect(await peekToken(token, 'PASSWORD_RESET')).toBeNull()
    expect(await consumeToken(db, token, 'PASSWORD_RESET')).toBeNull()

    await db.oneTimeToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } })
    expect(await peekToken(token, 'EMAIL_VERIFICATION')).toBeNull()
    expect(await consumeToken(db, token, 'EMAIL_VERIFICATION')).toBeNull()

    for (const bad of [undefined, null, '', 'short', 'x'.repeat(43), `${token}x`, 42]) {
      expect(await consumeToken(db, bad, 'EMAIL_VERIFICATION')).toBeNull()
    }
  })

  it("invalidates the user's older unused tokens of the same purpose only", async () => {
    const user = await createUser()
    const other = await createUser()
    const first = await issueToken(db, user.id, 'EMAIL_VERIFICATION')
    const reset = await issueToken(db, user.id, 'PASSWORD_RESET')
    const someoneElses = await issueToken(db, other.id, 'EMAIL_VERIFICATION')
    const second = await issueToken(db, user.id, 'EMAIL_VERIFICATION')
    expect(await peekToken(first.token, 'EMAIL_VERIFICATION')).toBeNull()
    expect(await peekToken(second.token, 'EMAIL_VERIFICATION')).toEqual({ userId: user.id })
    expect(await peekToken(reset.token, 'PASSWORD_RESET')).toEqual({ userId: user.id })
    expect(await peekToken(someoneElses.token, 'EMAIL_VERIFICATION')).toEqual({ userId: other.id })
  })

  it('rolls back with the transaction that consumed it', async () => {
    const user = await createUser()
    const { token } = await issueToken(db, user.id, 'PASSWORD_RESET')
    await expect(
      db.$transaction(async (tx) => {
        expect(await consumeToken(tx, token, 'PASSWORD_RESET')).toEqual({ userId: user.id })
        throw new Error('later step failed')
      }),
    ).rejects.toThrow('later step failed')
    expect(await peekToken(token, 'PASSWORD_RESET')).toEqual({ userId: user.id })
  })
})
