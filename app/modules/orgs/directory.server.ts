/**
 * The organizations directory and the look-up every org page starts from. The API calls
 * `searchOrganizations` and `getOrganizationBySlug` too: keep their names and shapes.
 */
import { Prisma } from '~/generated/prisma/client'
import type { OrgStatus, OrgType } from '~/generated/prisma/enums'
import { db } from '~/lib/db.server'
import { compareText, DEFAULT_LOCALE, type Locale } from '~/lib/i18n'
import { nameCollated, normalizeQuery, textMatch } from './search.server'
import { pageCount } from '~/lib/http.server'

export interface ThemeRef {
  slug: string
  nameTr: string
  nameEn: string
}

export interface OrgSummary {
  id: string
  slug: string
  name: string
  type: OrgType
  city: string
  country: string
  website: string | null
  logoUrl: string | null
  themes: ThemeRef[]
  descriptionTr: string
  descriptionEn: string
}

export interface OrgDetail extends OrgSummary {
  status: OrgStatus
  createdById: string | null
  createdAt: Date
  memberCount: number
}

export const summarySelect = {
  id: true,
  slug: true,
  name: true,
  type: true,
  city: true,
  country: true,
  website: true,
  logoPath: true,
  descriptionTr: true,
  descriptionEn: true,
  themes: { select: { theme: { select: { slug: true, nameTr: true, nameEn: true, position: true } } } },
} satisfies Prisma.OrganizationSelect

type SummaryRow = Prisma.OrganizationGetPayload<{ select: typeof summarySelect }>

/** The logo's address carries a piece of the file name, so a new logo is a new URL and caches never go stale. */
export function logoUrl(slug: string, logoPath: string | null) {
  return logoPath ? `/orgs/${slug}/logo?v=${logoPath.slice(0, 12)}` : null
}

export function toSummary(row: SummaryRow): OrgSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: row.type,
    city: row.city,
    country: row.country,
    website: row.website,
    logoUrl: logoUrl(row.slug, row.logoPath),
    themes: row.themes
      .map((t) => t.theme)
      .sort((a, b) => a.position - b.position)
      .map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
    descriptionTr: row.descriptionTr,
    descriptionEn: row.descriptionEn,
  }
}

/** Loads summaries for ids, keeping the ids' order (the SQL that chose them did the sorting). */
export async function summariesInOrder(ids: string[]): Promise<OrgSummary[]> {
  if (!ids.length) return []
  const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: summarySelect })
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    return row ? [toSummary(row)] : []
  })
}

export interface SearchParams {
  q?: string
  city?: string
  theme?: string
  type?: OrgType
  page: number
  pageSize: number
  /** the reader's language, for sorting names; Turkish when not given */
  locale?: Locale
}

export interface SearchResult {
  items: OrgSummary[]
  total: number
  page: number
  pages: number
}

/** Approved organizations matching the filters, sorted by name in the reader's collation. */
export async function searchOrganizations(params: SearchParams): Promise<SearchResult> {
  const pageSize = Math.min(Math.max(1, Math.floor(params.pageSize)), 100)
  const conditions: Prisma.Sql[] = [Prisma.sql`o."status" = 'APPROVED'`]
  const q = normalizeQuery(params.q)
  if (q) conditions.push(textMatch(q))
  if (params.city) conditions.push(Prisma.sql`o."city" = ${params.city}`)
  if (params.type) conditions.push(Prisma.sql`o."type" = ${params.type}::"OrgType"`)
  if (params.theme)
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "OrganizationTheme" ot JOIN "Theme" t ON t."id" = ot."themeId"
      WHERE ot."orgId" = o."id" AND t."slug" = ${params.theme})`)
  const where = Prisma.join(conditions, ' AND ')

  const [{ total }] = await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Organization" o WHERE ${where}`
  const pages = pageCount(total, pageSize)
  const page = Math.min(Math.max(1, Math.floor(params.page) || 1), pages)
  if (total === 0) return { items: [], total, page, pages }

  const order = await nameCollated(params.locale ?? DEFAULT_LOCALE)
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "Organization" o WHERE ${where}
    ORDER BY ${order}, o."id" LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
  return { items: await summariesInOrder(rows.map((r) => r.id)), total, page, pages }
}

/** Any organization, whatever its status: callers decide visibility with policy 'org.view'. */
export async function getOrganizationBySlug(slug: string): Promise<OrgDetail | null> {
  if (!slug || slug.length > 200) return null
  const row = await db.organization.findUnique({
    where: { slug },
    select: {
      ...summarySelect,
      status: true,
      createdById: true,
      createdAt: true,
      _count: { select: { memberships: { where: { status: 'ACTIVE' } } } },
    },
  })
  if (!row) return null
  const { status, createdById, createdAt, _count, ...summary } = row
  return { ...toSummary(summary), status, createdById, createdAt, memberCount: _count.memberships }
}

/** The cities approved organizations are in, for the directory's filter. */
export async function listCities(locale: Locale): Promise<string[]> {
  const rows = await db.organization.findMany({ where: { status: 'APPROVED' }, select: { city: true }, distinct: ['city'] })
  return rows.map((r) => r.city).sort(compareText(locale))
}

export function listThemes(): Promise<(ThemeRef & { id: string })[]> {
  return db.theme.findMany({ orderBy: { position: 'asc' }, select: { id: true, slug: true, nameTr: true, nameEn: true } })
}

export const themeName = (theme: ThemeRef, locale: Locale) => (locale === 'tr' ? theme.nameTr : theme.nameEn)
