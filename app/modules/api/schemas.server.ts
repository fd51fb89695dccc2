/**
 * The shapes the API answers with. Each is registered under a name, so the OpenAPI document lists it
 * once under components.schemas and refers to it everywhere else.
 */
import { z } from '~/lib/validation'
import { ERROR_CODES } from './errors.server'

export const apiSchemas = z.registry<{ id: string; description?: string }>()

function named<S extends z.ZodType>(id: string, schema: S, description?: string) {
  apiSchemas.add(schema, { id, description })
  return schema
}

export const ErrorSchema = named(
  'Error',
  z.object({
    error: z.object({
      // origin_mismatch comes from the server's cross-site guard (server/http.ts), before the API sees the request.
      code: z.enum([...ERROR_CODES, 'origin_mismatch']),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())),
    }),
  }),
  'Every error: a stable code for programs and a message (and per-field messages) in the caller’s language.',
)

export const HealthSchema = named(
  'Health',
  z.object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['up', 'down']),
    version: z.string(),
  }),
)

const Localized = named('LocalizedText', z.object({ tr: z.string(), en: z.string() }), 'The same text in Turkish and English.')

export const MembershipSchema = named(
  'Membership',
  z.object({
    org: z.object({ slug: z.string(), name: z.string() }),
    role: z.enum(['MEMBER', 'ADMIN']),
    status: z.enum(['PENDING', 'ACTIVE', 'DECLINED']),
  }),
)

export const MeSchema = named(
  'Me',
  z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['MEMBER', 'MODERATOR', 'ADMIN']),
    locale: z.enum(['tr', 'en']).nullable().describe('The interface language; null follows the browser.'),
    timeZone: z.string().describe('An IANA time zone, e.g. Europe/Istanbul.'),
    notifyByEmail: z.boolean(),
    emailVerified: z.boolean(),
    memberships: z.array(MembershipSchema),
  }),
)

const ThemeSchema = named('Theme', z.object({ slug: z.string(), name: Localized }))

export const ORG_TYPES = ['MEMBER_CSO', 'INTERNATIONAL_PARTNER', 'COORDINATING_CENTRE'] as const

export const OrganizationSummarySchema = named(
  'OrganizationSummary',
  z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    type: z.enum(ORG_TYPES),
    city: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2'),
    website: z.string().nullable(),
    logoUrl: z.string().nullable(),
    url: z.string().describe('The organization’s page on birlikte.'),
    themes: z.array(ThemeSchema),
    description: Localized,
  }),
)

export const OrganizationSchema = named(
  'Organization',
  OrganizationSummarySchema.extend({
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
    createdAt: z.iso.datetime(),
    memberCount: z.number().int().min(0),
  }),
)

export const OrganizationPageSchema = named(
  'OrganizationPage',
  z.object({
    items: z.array(OrganizationSummarySchema),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(100),
    total: z.number().int().min(0),
    pages: z.number().int().min(1),
  }),
)

export const OpenApiDocumentSchema = named(
  'OpenApiDocument',
  z.record(z.string(), z.unknown()),
  'This document: OpenAPI 3.1, generated from the same schemas that validate requests.',
)
