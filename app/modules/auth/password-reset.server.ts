import { writeAudit } from '~/modules/audit/write.server'
import { db } from '~/lib/db.server'
import { publish } from '~/modules/events/bus.server'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { hitAll, LIMITS } from '~/modules/rate-limit/rate-limit.server'
import { queuePasswordChangedMail, queuePasswordResetMail } from './mails.server'
import { consumeToken, issueToken, peekToken } from './one-time-tokens.server'
import { hashPassword } from './password.server'
import { rateLimited, type RateLimited } from './rate-limited.server'

/**
 * Mails a reset link if the address has an account. The caller answers the same either way; the
 * per-account limit is keyed by the address, so a refusal says nothing about whether it exists.
 */
export async function requestPasswordReset(email: string, ctx: { ip: string; baseUrl: string }): Promise<{ ok: true } | RateLimited> {
  const limit = await hitAll([
    [`reset:ip:${ctx.ip}`, LIMITS.resetIp],
    [`reset:account:${email}`, LIMITS.resetAccount],
  ])
  if (!limit.allowed) return rateLimited(limit)
  const user = await db.user.findUnique({ where: { email } })
  if (!user) return { ok: true }
  const mailId = await db.$transaction(async (tx) => {
    const { token } = await issueToken(tx, user.id, 'PASSWORD_RESET')
    return (await queuePasswordResetMail(tx, user, token, ctx.baseUrl)).id
  })
  await dispatchMail(mailId)
  return { ok: true }
}

/** Who a reset link is for, if it can still be used; does not use it up. */
export async function checkResetToken(token: unknown) {
  const found = await peekToken(token, 'PASSWORD_RESET')
  if (!found) return null
  return db.user.findUnique({ where: { id: found.userId }, select: { id: true, email: true } })
}

/**
 * Sets a new password from a reset link. Whoever held the old password is signed out everywhere, and
 * the address counts as confirmed: the link could only be opened from its inbox.
 */
export async function resetPassword(token: unknown, password: string, ctx: { baseUrl: string }) {
  const passwordHash = await hashPassword(password)
  const result = await db.$transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'PASSWORD_RESET')
    if (!used) return null
    const current = await tx.user.findUniqueOrThrow({ where: { id: used.userId } })
    const user = await tx.user.update({
      where: { id: used.userId },
      data: { passwordHash, emailVerifiedAt: current.emailVerifiedAt ?? new Date() },
    })
    await tx.session.deleteMany({ where: { userId: user.id } })
    // Any other reset link still in the inbox is now pointless.
    await tx.oneTimeToken.updateMany({ where: { userId: user.id, purpose: 'PASSWORD_RESET', usedAt: null }, data: { usedAt: new Date() } })
    const mail = await queuePasswordChangedMail(tx, user, ctx.baseUrl, 'reset')
    await writeAudit(tx, { actorId: user.id, action: 'account.passwordReset', targetType: 'user', targetId: user.id })
    return { userId: user.id, mailId: mail.id }
  })
  if (!result) return { ok: false as const }
  await dispatchMail(result.mailId)
  publish('user.sessionsRevoked', { userId: result.userId, exceptSessionId: null })
  return { ok: true as const, userId: result.userId }
}
