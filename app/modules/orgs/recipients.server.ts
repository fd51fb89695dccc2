import type { Tx } from '~/lib/db.server'
import { recipientSelect, type Recipient } from './mails.server'

const notSuspended = () => ({ OR: [{ suspendedUntil: null }, { suspendedUntil: { lt: new Date() } }] })

/** The organization's active admins who can currently act. */
export async function orgAdmins(tx: Tx, orgId: string): Promise<Recipient[]> {
  const rows = await tx.membership.findMany({
    where: { orgId, status: 'ACTIVE', role: 'ADMIN', user: notSuspended() },
    select: { user: { select: recipientSelect } },
  })
  return rows.map((r) => r.user)
}

/** Platform admins: they approve organizations and stand in for organizations without an admin. */
export function platformAdmins(tx: Tx): Promise<Recipient[]> {
  return tx.user.findMany({ where: { role: 'ADMIN', ...notSuspended() }, select: recipientSelect })
}
