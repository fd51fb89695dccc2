import { describe, expect, it } from 'vitest'
import { describeNotification, NOTIFICATION_KINDS } from './kinds'

const org = { orgId: 'o1', orgSlug: 'kuzey-ekoloji', orgName: 'Kuzey Ekoloji' }

describe('describeNotification', () => {
  it('gives every kind a sentence and a link on this site', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const d = describeNotification(kind, { ...org, userName: 'Ayşe', role: 'ADMIN' })
      expect(d.key).toMatch(/^notifications\.kinds\./)
      expect(d.key).not.toBe('notifications.kinds.unknown')
      expect(d.href).toMatch(kind === 'org.submitted' ? /^\/admin\/orgs$/ : /^\/orgs\/kuzey-ekoloji/)
    }
    expect(describeNotification('membership.requested', org).href).toBe('/orgs/kuzey-ekoloji/members')
  })

  it('picks the variant with a reason when there is one', () => {
    expect(describeNotification('membership.declined', { ...org, reason: 'x' }).key).toBe('notifications.kinds.membership.declinedReason')
    expect(describeNotification('org.rejected', org).key).toBe('notifications.kinds.org.rejected')
    expect(describeNotification('membership.roleChanged', { ...org, role: 'MEMBER' }).key).toBe('notifications.kinds.membership.roleChangedMember')
  })

  it('never links off-site, whatever the stored data says', () => {
    for (const orgSlug of ['//evil.example', '../admin', 'https://evil.example', 'a b', '']) {
      expect(describeNotification('org.approved', { ...org, orgSlug }).href).toBe('/orgs')
      expect(describeNotification('membership.requested', { ...org, orgSlug }).href).toBe('/notifications')
    }
    expect(describeNotification('unheard.of', null)).toMatchObject({ key: 'notifications.kinds.unknown', href: '/notifications' })
    expect(describeNotification('org.approved', ['not', 'an', 'object']).href).toBe('/orgs')
  })
})
