import { db } from '~/lib/db.server'
import type { Locale } from '~/lib/i18n'
import { Prisma } from '~/generated/prisma/client'
import { assignHandle } from '~/modules/content/mentions.server'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { recordDisplayName } from '~/modules/moderation/name-flags.server'
import { hit, LIMITS } from '~/modules/rate-limit/rate-limit.server'
import { queueExistingAccountMail, queueVerificationMail } from './mails.server'
import { issueToken } from './one-time-tokens.server'
import { hashPassword } from './password.server'
import { rateLimited, type RateLimited } from './rate-limited.server'

export interface SignUpInput {
  name: string
  /** already normalised (trimmed, lower case) */
  email: string
  password: string
  locale: Locale
}

/**
 * Creates an unverified account and mails a verification link. An address that already has an
 * account gets a different mail and the caller the very same answer, so the form cannot be used to
 * find out who is registered.
 */
export async function signUp(input: SignUpInput, ctx: { ip: string; baseUrl: string }): Promise<{ ok: true } | RateLimited> {
  const limit = await hit(`signup:ip:${ctx.ip}`, LIMITS.signUpIp)
  if (!limit.allowed) return rateLimited(limit)

  // Hash before looking the address up, so both paths cost the same time.
  const passwordHash = await hashPassword(input.password)
  const existing = await db.user.findUnique({ where: { email: input.email } })
  if (existing) {
    await mailExisting(existing.id, ctx.baseUrl)
    return { ok: true }
  }
  try {
    const mailId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, locale: input.locale },
      })
      await assignHandle(tx, user.id, user.name)
      await recordDisplayName(tx, user.id, user.name)
      const { token } = await issueToken(tx, user.id, 'EMAIL_VERIFICATION')
      const mail = await queueVerificationMail(tx, user, token, ctx.baseUrl)
      return mail.id
    })
    await dispatchMail(mailId)
  } catch (e) {
    // Two sign-ups with one address at the same moment: the second is an existing account.
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e
    const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true } })
    if (user) await mailExisting(user.id, ctx.baseUrl)
  }
  return { ok: true }
}

async function mailExisting(userId: string, baseUrl: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } })
  const mail = await queueExistingAccountMail(db, user, baseUrl)
  await dispatchMail(mail.id)
}
