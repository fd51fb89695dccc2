/**
 * The SQL pieces organization look-ups share. Text is compared as lower(immutable_unaccent(…)), the
 * exact expression the trigram indexes of the search_extensions migration are built on, so "kadin"
 * finds "Kadın", "IZMIR" finds "İzmir", and the planner can use the indexes. User input only ever
 * travels as a bound parameter.
 */
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/lib/db.server'
import type { Locale } from '~/lib/i18n'

export const QUERY_MAX = 100
/** Shorter queries match by substring only: fuzzy matching on two or three letters finds noise. */
const FUZZY_MIN = 4

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Trims and bounds a search query; undefined when there is nothing to search for. */
export function normalizeQuery(q: string | null | undefined): string | undefined {
  const v = q
    ?.replace(/[\u0000-\u001f\u007f\uFFFD]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, QUERY_MAX)
  return v ? v : undefined
}

/** Name or city contains the query (case- and accent-insensitively), or the name nearly matches it. */
export function textMatch(q: string, alias = 'o'): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`)
  const pattern = `%${escapeLike(q)}%`
  const contains = Prisma.sql`(lower(immutable_unaccent(${a}."name")) LIKE lower(immutable_unaccent(${pattern}))
    OR lower(immutable_unaccent(${a}."city")) LIKE lower(immutable_unaccent(${pattern})))`
  if ([...q].length < FUZZY_MIN) return contains
  return Prisma.sql`(${contains} OR lower(immutable_unaccent(${q})) <% lower(immutable_unaccent(${a}."name")))`
}

const COLLATIONS: Record<Locale, string> = { tr: 'tr-x-icu', en: 'en-GB-x-icu' }
let available: Promise<Set<string>> | undefined

/** ICU collations this server has (an external PostgreSQL may have been built without ICU). */
function availableCollations() {
  available ??= db.$queryRaw<
    { collname: string }[]
  >`SELECT collname FROM pg_collation WHERE collname IN (${Prisma.join(Object.values(COLLATIONS))})`
    .then((rows) => new Set(rows.map((r) => r.collname)))
    .catch(() => new Set<string>())
  return available
}

/** `"name" COLLATE "<reader's collation>"`, so Ç sorts after C and İ after I for Turkish readers. */
export async function nameCollated(locale: Locale, alias = 'o'): Promise<Prisma.Sql> {
  const collation = COLLATIONS[locale]
  const column = `"${alias}"."name"`
  // Both names come from constants above, never from input.
  return Prisma.raw((await availableCollations()).has(collation) ? `${column} COLLATE "${collation}"` : column)
}
