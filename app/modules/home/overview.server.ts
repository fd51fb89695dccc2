/**
 * The home page's figures and, signed in, one's organizations: one query (it was three round trips,
 * four signed in), since every visit to the front page pays for it.
 */
import { db } from '~/lib/db.server'
import type { MembershipStatus, OrgRole, OrgStatus } from '~/generated/prisma/enums'

export interface HomeOverview {
  orgCount: number
  themeCount: number
  memberships: {
    status: MembershipStatus
    role: OrgRole
    org: { id: string; slug: string; name: string; status: OrgStatus; createdById: string | null }
    /** for an active admin: requests to join waiting for a decision (else 0) */
    pending: number
  }[]
}

export async function homeOverview(userId: string | null): Promise<HomeOverview> {
  const [row] = await db.$queryRaw<{ orgCount: bigint; themeCount: bigint; memberships: HomeOverview['memberships'] }[]>`
    SELECT (SELECT count(*) FROM "Organization" WHERE "status" = 'APPROVED') AS "orgCount",
           (SELECT count(*) FROM "Theme") AS "themeCount",
           COALESCE((SELECT json_agg(json_build_object('status', m."status", 'role', m."role",
                                                       'org', json_build_object('id', o."id", 'slug', o."slug", 'name', o."name",
                                                                                'status', o."status", 'createdById', o."createdById"),
                                                       'pending', CASE WHEN m."status" = 'ACTIVE' AND m."role" = 'ADMIN'
                                                         THEN (SELECT count(*) FROM "Membership" p WHERE p."orgId" = m."orgId" AND p."status" = 'PENDING')
                                                         ELSE 0 END)
                                     ORDER BY o."name")
                       FROM "Membership" m JOIN "Organization" o ON o."id" = m."orgId"
                      WHERE m."userId" = ${userId}), '[]'::json) AS "memberships"`
  return { orgCount: Number(row.orgCount), themeCount: Number(row.themeCount), memberships: row.memberships }
}
