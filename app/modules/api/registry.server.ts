/**
 * Every endpoint of /api/v1, in one list. The routes answer through these definitions
 * (handler.server.ts) and /api/v1/openapi.json is generated from them (openapi.server.ts).
 */
import { responseOrigin } from '~/lib/env.server'
import { LOCALES } from '~/lib/i18n'
import { can } from '~/lib/policy'
import { displayName } from '~/lib/text-safety'
import { z } from '~/lib/validation'
import { isTimeZone } from '~/modules/auth/account.server'
import { getOrganizationBySlug, searchOrganizations } from '~/modules/orgs/directory.server'
import { BOOKMARK_ENDPOINTS } from './bookmark-endpoints.server'
import { loadPersonProfile } from '~/modules/people/profile.server'
import { DISCUSSION_ENDPOINTS } from './discussion-endpoints.server'
import { defineEndpoint, reply, type Endpoint } from './endpoint.server'
import { ApiError } from './errors.server'
import { checkHealth } from './health.server'
import { loadMe, updateMe } from './me.server'
import { buildOpenApi } from './openapi.server'
import { apiOrganization, apiOrganizationSummary } from './organizations.server'
import { apiPerson } from './people.server'
import {
  HealthSchema,
  MeSchema,
  OpenApiDocumentSchema,
  OrganizationPageSchema,
  OrganizationSchema,
  ORG_TYPES,
  PersonSchema,
} from './schemas.server'

export const UpdateMeSchema = z
  .object({
    name: displayName().optional(),
    locale: z.enum(LOCALES).nullable().optional().describe('null: follow the browser’s language'),
    timeZone: z
      .string()
      .max(64)
      .refine((zone) => isTimeZone(zone), { message: 'errors.fields.timeZone' })
      .optional()
      .describe('An IANA time zone, e.g. Europe/Istanbul'),
    notifyByEmail: z.boolean().optional(),
  })
  .strict()

const searchText = z.string().trim().max(100).optional()

export const ENDPOINTS: Endpoint[] = [
  defineEndpoint({
    id: 'getHealth',
    method: 'GET',
    path: '/health',
    summary: 'api.endpoints.getHealth',
    tags: ['system'],
    auth: 'optional',
    response: HealthSchema,
    otherStatuses: { 503: 'api.openapi.healthDown' },
    handler: async () => {
      const health = await checkHealth()
      return health.database === 'up' ? health : reply(503, health)
    },
  }),
  defineEndpoint({
    id: 'getMe',
    method: 'GET',
    path: '/me',
    summary: 'api.endpoints.getMe',
    tags: ['account'],
    auth: 'required',
    response: MeSchema,
    handler: ({ user }) => loadMe(user.id),
  }),
  defineEndpoint({
    id: 'updateMe',
    method: 'PATCH',
    path: '/me',
    summary: 'api.endpoints.updateMe',
    description: 'Send only the fields to change. Unknown fields are refused, so a typo never passes silently.',
    tags: ['account'],
    auth: 'required',
    body: UpdateMeSchema,
    response: MeSchema,
    errors: ['forbidden'],
    handler: async ({ user, actor, body }) => {
      if (!can(actor, 'account.manage', null)) throw new ApiError('forbidden')
      return updateMe(user.id, body)
    },
  }),
  defineEndpoint({
    id: 'listOrganizations',
    method: 'GET',
    path: '/organizations',
    summary: 'api.endpoints.listOrganizations',
    description: 'Approved organizations, sorted by name in the caller’s language.',
    tags: ['organizations'],
    auth: 'optional',
    query: z.object({
      q: searchText.describe('Part of the name or city; accents and case are ignored'),
      city: searchText,
      theme: searchText.describe('A theme slug, e.g. advocacy'),
      type: z.enum(ORG_TYPES).optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: OrganizationPageSchema,
    handler: async ({ request, locale, query }) => {
      const result = await searchOrganizations({
        q: query.q || undefined,
        city: query.city || undefined,
        theme: query.theme || undefined,
        type: query.type,
        page: query.page,
        pageSize: query.pageSize,
        locale,
      })
      const base = responseOrigin(request)
      return { ...result, pageSize: query.pageSize, items: result.items.map((o) => apiOrganizationSummary(o, base)) }
    },
  }),
  defineEndpoint({
    id: 'getOrganization',
    method: 'GET',
    path: '/organizations/{slug}',
    summary: 'api.endpoints.getOrganization',
    description: 'Organizations waiting for approval are visible only to the person who registered them and to admins.',
    tags: ['organizations'],
    auth: 'optional',
    params: z.object({ slug: z.string().min(1).max(200) }),
    response: OrganizationSchema,
    errors: ['not_found'],
    handler: async ({ request, actor, params }) => {
      const org = await getOrganizationBySlug(params.slug)
      // Not visible and not there answer alike, so a slug's existence does not leak.
      if (!org || !can(actor, 'org.view', org)) throw new ApiError('not_found', { messageKey: 'errors.notFound.organization' })
      return apiOrganization(org, responseOrigin(request))
    },
  }),
  defineEndpoint({
    id: 'getPerson',
    method: 'GET',
    path: '/people/{handle}',
    summary: 'api.endpoints.getPerson',
    description: 'The same profile as /people/{handle} shows the caller, with the same choices of what the person shows.',
    tags: ['people'],
    auth: 'optional',
    params: z.object({ handle: z.string().min(1).max(60) }),
    response: PersonSchema,
    errors: ['not_found'],
    handler: async ({ request, actor, locale, params }) => {
      const found = await loadPersonProfile(params.handle, actor, locale)
      // Members-only, unconfirmed and missing answer alike: a program learns nothing from the difference.
      if (found?.kind !== 'profile') throw new ApiError('not_found', { messageKey: 'errors.notFound.person' })
      return apiPerson(found.profile, responseOrigin(request))
    },
  }),
  ...DISCUSSION_ENDPOINTS,
  ...BOOKMARK_ENDPOINTS,
  defineEndpoint({
    id: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'api.endpoints.getOpenApi',
    tags: ['system'],
    auth: 'optional',
    maxAge: 300,
    response: OpenApiDocumentSchema,
    handler: async ({ request }) => buildOpenApi(ENDPOINTS, responseOrigin(request)),
  }),
]

export function endpointsFor(path: string) {
  return ENDPOINTS.filter((e) => e.path === path)
}
