import type { PlatformRole } from '~/generated/prisma/enums'
import { PLATFORM_ROLES } from './labels'
import { db } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { writeAudit } from '~/modules/audit/write.server'
import { refused, type Decision } from './result.server'

export { PLATFORM_ROLES }

/** Changes someone's platform role; an admin never changes their own (no one locks themselves out). */
export async function changeUserRole(
  actor: Actor,
  userId: string,
  role: PlatformRole,
  reason?: string,
): Promise<Decision<{ changed: boolean }>> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true } })
  if (!user) return refused('admin.errors.userNotFound', 404)
  if (!can(actor, 'user.changeRole', user)) {
    return refused(actor.id === user.id ? 'admin.user.role.errors.self' : 'admin.errors.forbidden')
  }
  if (user.role === role) return { ok: true, changed: false }
  const changed = await db.$transaction(async (tx) => {
    // Guarded by the role we read, so two admins changing the same person at once cannot both "win" silently.
    const { count } = await tx.user.updateMany({ where: { id: user.id, role: user.role }, data: { role } })
    if (count === 0) return false
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.changeRole',
      targetType: 'user',
      targetId: user.id,
      reason: reason ?? null,
      data: { from: user.role, to: role },
    })
    return true
  })
  if (!changed) return refused('admin.user.role.errors.conflict', 409)
  return { ok: true, changed }
}
