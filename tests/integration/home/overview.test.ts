/** The home page's one query gives what the three Prisma queries it replaces gave. */
import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { homeOverview } from '../../../app/modules/home/overview.server.ts'
import { addMember, createOrg, createUser, ensureThemes } from '../../support/factories.ts'

describe('homeOverview', () => {
  it('counts approved organizations and themes, and lists one’s memberships with their organization', async () => {
    await ensureThemes()
    const user = await createUser()
    const approved = await createOrg()
    const pending = await createOrg({ status: 'PENDING' })
    await addMember(user.id, approved.id, 'ADMIN')
    await addMember(user.id, pending.id, 'MEMBER', 'PENDING')

    const overview = await homeOverview(user.id)
    expect(overview.orgCount).toBe(await db.organization.count({ where: { status: 'APPROVED' } }))
    expect(overview.themeCount).toBe(await db.theme.count())
    expect(overview.themeCount).toBeGreaterThan(0)
    const expected = await db.membership.findMany({
      where: { userId: user.id },
      select: { status: true, role: true, org: { select: { id: true, slug: true, name: true, status: true, createdById: true } } },
    })
    const byName = (a: { org: { name: string } }, b: { org: { name: string } }) => a.org.name.localeCompare(b.org.name)
    expect([...overview.memberships].sort(byName)).toEqual([...expected].map((m) => ({ ...m, pending: 0 })).sort(byName))
  })

  it('counts the requests to join waiting in the organizations one administers, and only there (issue 10, item 7)', async () => {
    const admin = await createUser()
    const member = await createUser()
    const org = await createOrg()
    await addMember(admin.id, org.id, 'ADMIN')
    await addMember(member.id, org.id, 'MEMBER')
    for (let i = 0; i < 2; i++) await addMember((await createUser()).id, org.id, 'MEMBER', 'PENDING')
    expect((await homeOverview(admin.id)).memberships).toMatchObject([{ status: 'ACTIVE', role: 'ADMIN', pending: 2 }])
    expect((await homeOverview(member.id)).memberships).toMatchObject([{ status: 'ACTIVE', role: 'MEMBER', pending: 0 }])
  })

  it('lists no memberships signed out', async () => {
    expect((await homeOverview(null)).memberships).toEqual([])
  })
})
