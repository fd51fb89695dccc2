/**
 * @mentions: a person is mentioned by their handle (made from their name when the account is created),
 * an organization by its slug. Handles and slugs share one namespace: a new handle never equals an
 * organization's slug, and where an older slug and a handle still collide, the person wins.
 */
import { db, type Tx } from '~/lib/db.server'
import type { Actor } from '~/lib/policy'
import { firstFreeSlug, slugify } from '~/modules/orgs/slug'
import { HANDLE_MAX, MENTION_QUERY_MAX, type Mentionable } from './shared'

export interface ResolvedMentions {
  users: { id: string; handle: string; name: string }[]
  orgs: { id: string; slug: string; name: string }[]
}

const HANDLE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/
/** Handles are cut shorter than slugs: they are typed in running text. */
const HANDLE_BASE_MAX = 40
const FALLBACK_HANDLE = 'uye'

/** The existing people and (approved) organizations among `handles`. */
export async function resolveMentions(tx: Tx, handles: string[]): Promise<ResolvedMentions> {
  const wanted = [...new Set(handles.map((h) => h.toLowerCase()))].filter((h) => h.length <= HANDLE_MAX && HANDLE.test(h))
  if (!wanted.length) return { users: [], orgs: [] }
  const [users, orgs] = await Promise.all([
    tx.user.findMany({ where: { handle: { in: wanted } }, select: { id: true, handle: true, name: true } }),
    tx.organization.findMany({ where: { slug: { in: wanted }, status: 'APPROVED' }, select: { id: true, slug: true, name: true } }),
  ])
  const people = users.filter((u): u is typeof u & { handle: string } => !!u.handle)
  const taken = new Set(people.map((u) => u.handle))
  return { users: people, orgs: orgs.filter((o) => !taken.has(o.slug)) }
}

/**
 * Gives the person a handle made from their name (`Ayşe Kaya` → `ayse-kaya`, then `ayse-kaya-2`, …),
 * unique among people and different from every organization's slug. Keeps a handle they already have.
 */
export async function assignHandle(tx: Tx, userId: string, name: string): Promise<string> {
  const current = await tx.user.findUnique({ where: { id: userId }, select: { handle: true } })
  if (current?.handle) return current.handle
  const base = slugify(name, HANDLE_BASE_MAX) || FALLBACK_HANDLE
  // Two people with the same name signing up at once would pick the same free handle: taking a lock
  // on the name's base makes the second wait for the first's commit.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`handle:${base}`}))`
  const pattern = `${base.replace(/[\\%_]/g, '\\$&')}-%`
  const [users, orgs] = await Promise.all([
    tx.user.findMany({ where: { OR: [{ handle: base }, { handle: { startsWith: `${base}-` } }] }, select: { handle: true } }),
    tx.$queryRaw<{ slug: string }[]>`SELECT "slug" FROM "Organization" WHERE "slug" = ${base} OR "slug" LIKE ${pattern}`,
  ])
  const handle = firstFreeSlug(base, [...users.map((u) => u.handle ?? ''), ...orgs.map((o) => o.slug)])
  await tx.user.update({ where: { id: userId }, data: { handle } })
  return handle
}

/** Gives every person without a handle one (accounts made before handles existed); returns how many. */
export async function backfillHandles(limit = 500): Promise<number> {
  const missing = await db.user.findMany({
    where: { handle: null },
    select: { id: true, name: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  })
  for (const u of missing) await db.$transaction((tx) => assignHandle(tx, u.id, u.name))
  return missing.length
}

/** What the user typed after the @, ready to compare: trimmed, without the @, at most 60 characters. */
function normaliseQuery(q: string) {
  return q.trim().replace(/^@+/, '').slice(0, MENTION_QUERY_MAX)
}

const PEOPLE_LIMIT = 6
const ORGS_LIMIT = 4

/**
 * People and organizations whose name or handle matches `q`, ignoring case and accents (Turkish
 * letters included: `ayse` finds `Ayşe`, `IŞIK` finds `Işık`). Only names and handles come back:
 * never an e-mail address. Signed-in people only (the route checks; `actor` null answers nothing).
 */
export async function searchMentionables(actor: Actor | null, q: string): Promise<Mentionable[]> {
  if (!actor || actor.suspended) return []
  const query = normaliseQuery(q)
  if (!query) return []
  const escaped = query.replace(/[\\%_]/g, '\\$&')
  const like = `%${escaped}%`
  // Handles are ASCII: "Ayşe K" looks for handles starting "ayse-k". A query with no letter or digit
  // in it matches no handle ('!' starts none).
  const handlePrefix = `${slugify(query, MENTION_QUERY_MAX) || '!'}%`
  const [people, orgs] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; handle: string | null }[]>`
      SELECT "id", "name", "handle" FROM "User"
      WHERE "emailVerifiedAt" IS NOT NULL
        AND (lower(immutable_unaccent("name")) LIKE lower(immutable_unaccent(${like})) OR "handle" LIKE ${handlePrefix})
      ORDER BY ("handle" LIKE ${handlePrefix}) DESC,
               (lower(immutable_unaccent("name")) LIKE (lower(immutable_unaccent(${escaped})) || '%')) DESC,
               "name" ASC
      LIMIT ${PEOPLE_LIMIT}`,
    db.$queryRaw<{ name: string; slug: string }[]>`
      SELECT "name", "slug" FROM "Organization"
      WHERE "status" = 'APPROVED'
        AND (lower(immutable_unaccent("name")) LIKE lower(immutable_unaccent(${like})) OR "slug" LIKE ${handlePrefix})
      ORDER BY ("slug" LIKE ${handlePrefix}) DESC, "name" ASC
      LIMIT ${ORGS_LIMIT}`,
  ])
  const found: Mentionable[] = []
  for (const p of people) {
    // Older accounts get their handle the first time someone looks for them.
    const handle = p.handle ?? (await db.$transaction((tx) => assignHandle(tx, p.id, p.name)))
    found.push({ kind: 'person', handle, name: p.name })
  }
  for (const o of orgs) found.push({ kind: 'org', handle: o.slug, name: o.name })
  return found
}
