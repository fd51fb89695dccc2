import { db } from '~/lib/db.server'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { hit, LIMITS } from '~/modules/rate-limit/rate-limit.server'
import { queueVerificationMail } from './mails.server'
import { consumeToken, issueToken } from './one-time-tokens.server'
import { rateLimited, type RateLimited } from './rate-limited.server'

/** Marks the address behind a verification link as confirmed; null when the link is not (or no longer) valid. */
export async function verifyEmail(token: unknown) {
  return db.$transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'EMAIL_VERIFICATION')
    if (!used) return null
    await tx.user.updateMany({ where: { id: used.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } })
    return { userId: used.userId }
  })
}

export type ResendResult = { ok: true } | { ok: false; reason: 'alreadyVerified' } | RateLimited

/** A fresh verification link for a signed-in, unverified user (the older link stops working). */
export async function resendVerification(userId: string, baseUrl: string): Promise<ResendResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } })
  if (user.emailVerifiedAt) return { ok: false, reason: 'alreadyVerified' }
  const limit = await hit(`verify-resend:${userId}`, LIMITS.verifyResendAccount)
  if (!limit.allowed) return rateLimited(limit)
  const mailId = await db.$transaction(async (tx) => {
    const { token } = await issueToken(tx, user.id, 'EMAIL_VERIFICATION')
    return (await queueVerificationMail(tx, user, token, baseUrl)).id
  })
  await dispatchMail(mailId)
  return { ok: true }
}
