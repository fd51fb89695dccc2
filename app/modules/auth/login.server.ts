import { db } from '~/lib/db.server'
import { clearLimit, hitAll, LIMITS } from '~/modules/rate-limit/rate-limit.server'
import { burnPasswordCheck, verifyPassword } from './password.server'
import { rateLimited, type RateLimited } from './rate-limited.server'
import { isSuspended } from './session.server'

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'suspended'; until: Date; suspendedReason: string | null; timeZone: string }
  | RateLimited

const accountKey = (email: string) => `signin:account:${email}`

/**
 * Checks an e-mail and password. Unknown address and wrong password look the same from outside: one
 * answer, and a password check against a dummy hash so the timing matches. The per-account limit is
 * keyed by the address whether or not an account exists, for the same reason.
 */
export async function signIn(input: { email: string; password: string }, ctx: { ip: string }): Promise<SignInResult> {
  const limit = await hitAll([
    [`signin:ip:${ctx.ip}`, LIMITS.signInIp],
    [accountKey(input.email), LIMITS.signInAccount],
  ])
  if (!limit.allowed) return rateLimited(limit)

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, suspendedUntil: true, suspendedReason: true, timeZone: true },
  })
  if (!user) {
    await burnPasswordCheck(input.password)
    return { ok: false, reason: 'invalid' }
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false, reason: 'invalid' }
  // Only someone who knows the password learns that the account is suspended.
  if (isSuspended(user.suspendedUntil)) {
    return { ok: false, reason: 'suspended', until: user.suspendedUntil!, suspendedReason: user.suspendedReason, timeZone: user.timeZone }
  }
  await clearLimit(accountKey(input.email))
  return { ok: true, userId: user.id }
}
