/** Organizations as the API shows them: the directory's records with absolute links and both languages. */
import type { OrgDetail, OrgSummary } from '~/modules/orgs/directory.server'

export function apiOrganizationSummary(org: OrgSummary, baseUrl: string) {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    type: org.type,
    city: org.city,
    country: org.country,
    website: org.website,
    logoUrl: org.logoUrl ? `${baseUrl}${org.logoUrl}` : null,
    url: `${baseUrl}/orgs/${encodeURIComponent(org.slug)}`,
    themes: org.themes.map((t) => ({ slug: t.slug, name: { tr: t.nameTr, en: t.nameEn } })),
    description: { tr: org.descriptionTr, en: org.descriptionEn },
  }
}

export function apiOrganization(org: OrgDetail, baseUrl: string) {
  return {
    ...apiOrganizationSummary(org, baseUrl),
    status: org.status,
    createdAt: org.createdAt.toISOString(),
    memberCount: org.memberCount,
  }
}
