/**
 * Suspending and reinstating people. A suspension ends every session and live connection at once and
 * tells the person why and until when, in their own language.
 */
import { db } from '~/lib/db.server'
import { formatDateTime } from '~/lib/i18n'
import { INDEFINITE_UNTIL, isIndefinite, SUSPENSION_DURATIONS, type SuspensionDuration } from '~/modules/auth/suspension'
import { can, type Actor } from '~/lib/policy'
import { lucia } from '~/modules/auth/lucia.server'
import { publish } from '~/modules/events/bus.server'
import { dispatchMail, queueUserMail } from '~/modules/mail/outbox.server'
import { writeAudit } from '~/modules/audit/write.server'
import { refused, type Decision } from './result.server'

export { SUSPENSION_DURATIONS, type SuspensionDuration }

export { isIndefinite }

const DAYS: Record<Exclude<SuspensionDuration, 'indefinite'>, number> = { '1d': 1, '7d': 7, '30d': 30 }

export function suspensionEnd(duration: SuspensionDuration, now = new Date()) {
  return duration === 'indefinite' ? INDEFINITE_UNTIL : new Date(now.getTime() + DAYS[duration] * 24 * 60 * 60 * 1000)
}

const targetSelect = { id: true, role: true, name: true, email: true, locale: true, timeZone: true, suspendedUntil: true } as const

export async function suspendUser(
  actor: Actor,
  userId: string,
  input: { duration: SuspensionDuration; reason: string },
  /** from the moderation queue: the space and post the decision was about, for the space's own log */
  context: { spaceId?: string; data?: Record<string, string | number | null> } = {},
): Promise<Decision<{ until: Date }>> {
  const user = await db.user.findUnique({ where: { id: userId }, select: targetSelect })
  if (!user) return refused('admin.errors.userNotFound', 404)
  if (!can(actor, 'user.suspend', user)) {
    return refused(
      actor.id === user.id
        ? 'admin.user.suspend.errors.self'
        : user.role === 'ADMIN'
          ? 'admin.user.suspend.errors.admin'
          : 'admin.errors.forbidden',
    )
  }
  const until = suspensionEnd(input.duration)
  const mail = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { suspendedUntil: until, suspendedReason: input.reason } })
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.suspend',
      targetType: 'user',
      targetId: user.id,
      reason: input.reason,
      data: {
        duration: input.duration,
        until: until.toISOString(),
        previousUntil: user.suspendedUntil?.toISOString() ?? null,
        ...context.data,
      },
      spaceId: context.spaceId,
    })
    return queueUserMail(tx, user, 'admin.suspended', (t, locale) => ({
      subject: t('admin.mailContent.suspended.subject'),
      paragraphs: [
        isIndefinite(until)
          ? t('admin.mailContent.suspended.indefinite')
          : t('admin.mailContent.suspended.until', { until: formatDateTime(locale, until, user.timeZone) }),
        t('admin.mailContent.suspended.reason', { reason: input.reason }),
        t('admin.mailContent.suspended.effect'),
      ],
      note: t('admin.mailContent.suspended.note'),
    }))
  })
  // After commit: end every session (cookies stop working) and close open sockets.
  await lucia.invalidateUserSessions(user.id)
  publish('user.sessionsRevoked', { userId: user.id })
  await dispatchMail(mail.id)
  return { ok: true, until }
}

export async function liftSuspension(
  actor: Actor,
  userId: string,
  input: { reason?: string },
  { appUrl }: { appUrl: string },
): Promise<Decision> {
  const user = await db.user.findUnique({ where: { id: userId }, select: targetSelect })
  if (!user) return refused('admin.errors.userNotFound', 404)
  if (!can(actor, 'user.suspend', user)) return refused(actor.id === user.id ? 'admin.user.suspend.errors.self' : 'admin.errors.forbidden')
  if (!user.suspendedUntil || user.suspendedUntil.getTime() <= Date.now()) return refused('admin.user.lift.errors.notSuspended', 409)
  const mail = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { suspendedUntil: null, suspendedReason: null } })
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.unsuspend',
      targetType: 'user',
      targetId: user.id,
      reason: input.reason ?? null,
      data: { previousUntil: user.suspendedUntil?.toISOString() ?? null },
    })
    return queueUserMail(tx, user, 'admin.unsuspended', (t) => ({
      subject: t('admin.mailContent.unsuspended.subject'),
      paragraphs: [t('admin.mailContent.unsuspended.body')],
      action: { label: t('admin.mailContent.unsuspended.action'), url: `${appUrl}/login` },
    }))
  })
  await dispatchMail(mail.id)
  return { ok: true }
}
