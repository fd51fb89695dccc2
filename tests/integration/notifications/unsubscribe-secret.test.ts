/**
 * Unsubscribe links are signed with a server secret made at first start and kept in the database:
 * they survive password changes, survive one rotation (the previous value), and die at the second.
 */
import { spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { resetSingleton } from '../../../app/lib/singleton.server.ts'
import { hashPassword } from '../../../app/modules/auth/password.server.ts'
import { unsubscribeToken, verifyUnsubscribeToken } from '../../../app/modules/notifications/unsubscribe.server.ts'
import { rotateSecret, secretKeys } from '../../../app/modules/secrets/secrets.server.ts'
import { person } from './helpers.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/secrets.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })))
}

describe('the unsubscribe secret', () => {
  it('is made once, at first use, even when several callers race for it', async () => {
    await db.serverSecret.deleteMany({ where: { name: 'unsubscribe' } })
    resetSingleton('serverSecrets')
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => {
        resetSingleton('serverSecrets') // every caller goes to the database
        return secretKeys('unsubscribe')
      }),
    )
    const rows = await db.serverSecret.findMany({ where: { name: 'unsubscribe' } })
    expect(rows).toHaveLength(1)
    expect(Buffer.from(rows[0].value, 'base64url')).toHaveLength(32)
    for (const k of keys) expect(k.current.equals(keys[0].current)).toBe(true)
  })

  it('keeps a link valid after the person changes their password', async () => {
    const u = await person()
    const token = await unsubscribeToken(u, { kind: 'all' })
    await db.user.update({ where: { id: u.id }, data: { passwordHash: await hashPassword('Another-Password-2027!') } })
    expect((await verifyUnsubscribeToken(token))?.user.id).toBe(u.id)
  })

  it('accepts links of the previous value after a rotation and refuses them after a second one', async () => {
    const u = await person()
    const before = await unsubscribeToken(u, { kind: 'all' })
    await rotateSecret('unsubscribe')
    const after = await unsubscribeToken(u, { kind: 'all' })
    expect(after).not.toBe(before)
    expect((await verifyUnsubscribeToken(before))?.user.id).toBe(u.id)
    expect((await verifyUnsubscribeToken(after))?.user.id).toBe(u.id)
    await rotateSecret('unsubscribe')
    expect(await verifyUnsubscribeToken(before)).toBeNull()
    expect((await verifyUnsubscribeToken(after))?.user.id).toBe(u.id)
  })

  it('refuses forged signatures: a random key, and the old scheme keyed by the password hash', async () => {
    const u = await person()
    const payload = Buffer.from(`${u.id}:all`).toString('base64url')
    const random = createHmac('sha256', randomBytes(32)).update(payload).digest('base64url')
    expect(await verifyUnsubscribeToken(`${payload}.${random}`)).toBeNull()
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: u.id }, select: { passwordHash: true } })
    const oldKey = createHmac('sha256', 'birlikte-unsubscribe-v1').update(passwordHash).digest()
    expect(await verifyUnsubscribeToken(`${payload}.${createHmac('sha256', oldKey).update(payload).digest('base64url')}`)).toBeNull()
    // The genuine token for the same payload passes, so the refusals above are about the signature.
    expect(await verifyUnsubscribeToken(await unsubscribeToken(u, { kind: 'all' }))).not.toBeNull()
  })

  it('is rotated by `npm run secrets:rotate -- unsubscribe`, which a running server notices', async () => {
    const u = await person()
    const before = await unsubscribeToken(u, { kind: 'all' })
    const { current } = await secretKeys('unsubscribe', { maxAgeMs: 0 })

    const rotated = await runCli(['rotate', 'unsubscribe'])
    expect(rotated.output).toContain('Rotated the unsubscribe secret')
    expect(rotated.code).toBe(0)
    const keys = await secretKeys('unsubscribe', { maxAgeMs: 0 })
    expect(keys.previous?.equals(current)).toBe(true)
    expect(keys.current.equals(current)).toBe(false)
    expect((await verifyUnsubscribeToken(before))?.user.id).toBe(u.id)

    // This process still holds the keys it read; a link signed after another rotation elsewhere is
    // recognised once they are a few seconds old, without waiting for them to expire.
    await secretKeys('unsubscribe')
    await runCli(['rotate', 'unsubscribe'])
    const row = await db.serverSecret.findUniqueOrThrow({ where: { name: 'unsubscribe' } })
    const payload = Buffer.from(`${u.id}:all`).toString('base64url')
    const fresh = `${payload}.${createHmac('sha256', Buffer.from(row.value, 'base64url')).update(payload).digest('base64url')}`
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 6_000)
      expect((await verifyUnsubscribeToken(fresh))?.user.id).toBe(u.id)
    } finally {
      vi.useRealTimers()
    }

    const wrong = await runCli(['rotate', 'nonsense'])
    expect(wrong.code).toBe(1)
    expect(wrong.output).toContain('usage: npm run secrets:rotate -- <unsubscribe>')
  }, 60_000)
})
