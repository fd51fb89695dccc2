import { writeAudit } from '~/modules/audit/write.server'
import { db } from '~/lib/db.server'
import type { Locale } from '~/lib/i18n'
import { publish } from '~/modules/events/bus.server'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { updateUserRecordingName } from '~/modules/moderation/name-flags.server'
import { hit, LIMITS } from '~/modules/rate-limit/rate-limit.server'
import { hashSessionId } from './lucia-adapter.server'
import { queuePasswordChangedMail } from './mails.server'
import { hashPassword, verifyPassword } from './password.server'
import { rateLimited, type RateLimited } from './rate-limited.server'
import { displayIp, summariseUserAgent } from './user-agent.server'

let zones: string[] | undefined
/** Every IANA zone this runtime knows, plus a stored value it might not list (e.g. "UTC"). */
export function timeZones(current?: string) {
  zones ??= Intl.supportedValuesOf('timeZone')
  return current && !zones.includes(current) ? [current, ...zones] : zones
}

/** Only zones the select offers (and the one already stored), so nothing odd ends up in the database. */
export function isTimeZone(zone: string, current?: string) {
  return timeZones(current).includes(zone)
}

export interface ProfileInput {
  name: string
  locale: Locale
  timeZone: string
  notifyByEmail: boolean
}

export function getProfile(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, email: true, emailVerifiedAt: true, locale: true, timeZone: true, notifyByEmail: true },
  })
}

export async function updateProfile(userId: string, input: ProfileInput) {
  await updateUserRecordingName(userId, input)
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrongPassword' } | RateLimited

/**
 * Changes the password after checking the current one. Every other session ends (a stolen cookie
 * stops working) but this device stays signed in; its live connections are kept too.
 */
export async function changePassword(input: {
  userId: string
  sessionId: string
  currentPassword: string
  newPassword: string
  baseUrl: string
}): Promise<ChangePasswordResult> {
  // A stolen session must not become a way to guess the password at leisure.
  const limit = await hit(`password-change:${input.userId}`, LIMITS.signInAccount)
  if (!limit.allowed) return rateLimited(limit)
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId } })
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, reason: 'wrongPassword' }
  const passwordHash = await hashPassword(input.newPassword)
  const mailId = await db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash } })
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: hashSessionId(input.sessionId) } } })
    await writeAudit(tx, { actorId: user.id, action: 'account.passwordChanged', targetType: 'user', targetId: user.id })
    return (await queuePasswordChangedMail(tx, updated, input.baseUrl, 'changed')).id
  })
  await dispatchMail(mailId)
  publish('user.sessionsRevoked', { userId: user.id, exceptSessionId: input.sessionId })
  return { ok: true }
}

/** The user's sessions, newest activity first. `id` is the stored hash: the cookie value never leaves the cookie. */
export async function listSessions(userId: string, currentSessionId: string) {
  const current = hashSessionId(currentSessionId)
  const rows = await db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
  })
  return rows
    .map((s) => ({
      id: s.id,
      ...summariseUserAgent(s.userAgent),
      ip: displayIp(s.ipAddress),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      rememberMe: s.rememberMe,
      current: s.id === current,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current))
}

/** Ends one of the user's other sessions, by its stored (hashed) id. This device signs out with "Sign out" instead. */
export async function revokeSession(userId: string, hashedId: string, currentSessionId: string) {
  if (hashedId === hashSessionId(currentSessionId)) return false
  const { count } = await db.session.deleteMany({ where: { id: hashedId, userId } })
  if (count > 0) publish('session.revoked', { userId, sessionId: hashedId })
  return count > 0
}

export async function revokeOtherSessions(userId: string, currentSessionId: string) {
  const { count } = await db.session.deleteMany({ where: { userId, id: { not: hashSessionId(currentSessionId) } } })
  publish('user.sessionsRevoked', { userId, exceptSessionId: currentSessionId })
  return count
}
