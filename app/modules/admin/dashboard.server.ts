import { db } from '~/lib/db.server'

/** The figures on the admin dashboard; each one links to the list it counts. */
export async function adminCounts(now = new Date()) {
  const [users, suspendedUsers, pendingOrgs, heldMails, failedMails] = await Promise.all([
    db.user.count(),
    db.user.count({ where: { suspendedUntil: { gt: now } } }),
    db.organization.count({ where: { status: 'PENDING' } }),
    db.outboxMail.count({ where: { status: 'HELD' } }),
    db.outboxMail.count({ where: { status: 'FAILED' } }),
  ])
  return { users, suspendedUsers, pendingOrgs, heldMails, failedMails }
}
