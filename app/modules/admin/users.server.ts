import type { PlatformRole } from '~/generated/prisma/enums'
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import { pageCount } from '~/lib/http.server'

export const USER_PAGE_SIZE = 25

export interface UserSearch {
  q?: string
  role?: PlatformRole
  suspended?: boolean
  page: number
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Name or e-mail contains the query, compared as lower(immutable_unaccent(…)) like the organizations
 * directory: PostgreSQL alone folds I/ı/İ the English way, so "IŞIL" would miss "Işıl".
 */
function nameOrEmail(q: string): Prisma.Sql {
  const pattern = `%${escapeLike(q)}%`
  return Prisma.sql`(lower(immutable_unaccent(u."name")) LIKE lower(immutable_unaccent(${pattern}))
    OR lower(u."email") LIKE lower(${pattern}))`
}

export async function searchUsers({ q, role, suspended, page }: UserSearch, now = new Date()) {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`]
  if (q) conditions.push(nameOrEmail(q))
  if (role) conditions.push(Prisma.sql`u."role" = ${role}::"PlatformRole"`)
  if (suspended === true) conditions.push(Prisma.sql`u."suspendedUntil" > ${now}`)
  if (suspended === false) conditions.push(Prisma.sql`(u."suspendedUntil" IS NULL OR u."suspendedUntil" <= ${now})`)
  const where = Prisma.join(conditions, ' AND ')
  const [{ total }] = await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "User" u WHERE ${where}`
  const rows = total
    ? await db.$queryRaw<{ id: string }[]>`
        SELECT u."id" FROM "User" u WHERE ${where}
        ORDER BY u."createdAt" DESC, u."id" ASC LIMIT ${USER_PAGE_SIZE} OFFSET ${(page - 1) * USER_PAGE_SIZE}`
    : []
  const found = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: { id: true, name: true, email: true, role: true, emailVerifiedAt: true, suspendedUntil: true, createdAt: true },
  })
  const byId = new Map(found.map((u) => [u.id, u]))
  const items = rows.flatMap((r) => byId.get(r.id) ?? [])
  return { items, total, page, pages: pageCount(total, USER_PAGE_SIZE) }
}

/** Everything an admin sees about one person (never the password hash). */
export function getUserForAdmin(id: string) {
  return db.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      locale: true,
      timeZone: true,
      notifyByEmail: true,
      emailVerifiedAt: true,
      suspendedUntil: true,
      suspendedReason: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { sessions: true, apiTokens: { where: { revokedAt: null } } } },
      memberships: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          role: true,
          status: true,
          createdAt: true,
          org: { select: { id: true, slug: true, name: true, status: true } },
        },
      },
    },
  })
}

export type AdminUser = NonNullable<Awaited<ReturnType<typeof getUserForAdmin>>>
