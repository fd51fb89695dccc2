/**
 * The OpenAPI 3.1 document, generated from the endpoint registry with zod 4's JSON Schema output
 * (draft 2020-12, the dialect OpenAPI 3.1 uses), so the documentation is the validation.
 */
import { getT } from '~/lib/i18n'
import { SESSION_COOKIE } from '~/modules/auth/lucia.server'
import { z } from '~/lib/validation'
import type { Endpoint } from './endpoint.server'
import { ERROR_STATUS, type ErrorCode } from './errors.server'
import { APP_VERSION } from './health.server'
import { apiSchemas } from './schemas.server'

type JsonSchema = Record<string, unknown>
type JsonSchemaOverride = NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override']

/** Noise a reader does not need: the date-time regex behind `format`, and JavaScript's safe-integer bounds. */
const tidy: JsonSchemaOverride = ({ jsonSchema }) => {
  const s = jsonSchema as JsonSchema
  if (s.format === 'date-time') delete s.pattern
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum
}

function strip(schema: JsonSchema) {
  const { $schema: _s, $id: _i, ...rest } = schema
  return rest
}

const inputSchema = (schema: z.ZodType) =>
  strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', override: tidy, unrepresentable: 'any' }) as JsonSchema)

const ref = (schema: z.ZodType): JsonSchema => {
  const id = apiSchemas.get(schema)?.id
  if (id) return { $ref: `#/components/schemas/${id}` }
  return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', override: tidy, unrepresentable: 'any' }) as JsonSchema)
}

/** Responses shared by every operation, named after what went wrong. */
const ERROR_RESPONSES: Record<number, { name: string; codes: (ErrorCode | 'origin_mismatch')[]; description: string }> = {
  400: { name: 'BadRequest', codes: ['bad_request', 'validation_failed'], description: 'api.openapi.responses.400' },
  401: { name: 'Unauthorized', codes: ['unauthorized'], description: 'api.openapi.responses.401' },
  403: { name: 'Forbidden', codes: ['forbidden', 'origin_mismatch'], description: 'api.openapi.responses.403' },
  404: { name: 'NotFound', codes: ['not_found'], description: 'api.openapi.responses.404' },
  405: { name: 'MethodNotAllowed', codes: ['method_not_allowed'], description: 'api.openapi.responses.405' },
  413: { name: 'PayloadTooLarge', codes: ['payload_too_large'], description: 'api.openapi.responses.413' },
  409: { name: 'Conflict', codes: ['conflict'], description: 'api.openapi.responses.409' },
  415: { name: 'UnsupportedMediaType', codes: ['unsupported_media_type'], description: 'api.openapi.responses.415' },
  429: { name: 'RateLimited', codes: ['rate_limited'], description: 'api.openapi.responses.429' },
  500: { name: 'Internal', codes: ['internal'], description: 'api.openapi.responses.500' },
}

/** The errors an endpoint can answer: its own, the ones its inputs imply, and the ones every endpoint can. */
export function errorCodesOf(endpoint: Endpoint): ErrorCode[] {
  const codes = new Set<ErrorCode>(['unauthorized', 'rate_limited', 'internal', ...(endpoint.errors ?? [])])
  if (endpoint.params || endpoint.query || endpoint.body) codes.add('validation_failed')
  if (endpoint.body) for (const c of ['bad_request', 'payload_too_large', 'unsupported_media_type'] as const) codes.add(c)
  return [...codes]
}

function parametersOf(endpoint: Endpoint) {
  const out: JsonSchema[] = []
  for (const [where, schema] of [
    ['path', endpoint.params],
    ['query', endpoint.query],
  ] as const) {
    if (!schema) continue
    const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] }
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...propertySchema } = property
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: propertySchema,
      })
    }
  }
  return out
}

const SECURITY = [{ cookieAuth: [] }, { bearerAuth: [] }]

function operationOf(endpoint: Endpoint, t: ReturnType<typeof getT>) {
  const responses: Record<string, unknown> = {
    200: { description: t('api.openapi.responses.200'), content: { 'application/json': { schema: ref(endpoint.response) } } },
  }
  for (const [status, key] of Object.entries(endpoint.otherStatuses ?? {})) {
    responses[status] = { description: t(key), content: { 'application/json': { schema: ref(endpoint.response) } } }
  }
  for (const code of errorCodesOf(endpoint)) {
    const status = ERROR_STATUS[code]
    responses[status] ??= { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` }
  }
  return {
    operationId: endpoint.id,
    summary: t(endpoint.summary),
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: endpoint.tags,
    // An empty requirement makes signing in optional.
    security: endpoint.auth === 'required' ? SECURITY : [{}, ...SECURITY],
    ...(endpoint.params || endpoint.query ? { parameters: parametersOf(endpoint) } : {}),
    ...(endpoint.body ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(endpoint.body) } } } } : {}),
    responses,
  }
}

function components(t: ReturnType<typeof getT>) {
  const generated = z.toJSONSchema(apiSchemas, {
    target: 'draft-2020-12',
    io: 'output',
    override: tidy,
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> }
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, schema]) => [id, strip(schema)]))
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
  const responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, r]) => [
      r.name,
      {
        description: `${t(r.description)} (${r.codes.join(', ')})`,
        content: errorContent,
        ...(Number(status) === 429
          ? { headers: { 'Retry-After': { description: t('api.openapi.retryAfter'), schema: { type: 'integer', minimum: 1 } } } }
          : {}),
      },
    ]),
  )
  return {
    schemas,
    responses,
    securitySchemes: {
      cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: t('api.openapi.cookieAuth') },
      bearerAuth: { type: 'http', scheme: 'bearer', description: t('api.openapi.bearerAuth') },
    },
  }
}

const cache = new Map<string, Record<string, unknown>>()

/** The document for one base URL (the schemas never change while the process runs, so it is built once). */
export function buildOpenApi(endpoints: Endpoint[], baseUrl: string): Record<string, unknown> {
  const cached = cache.get(baseUrl)
  if (cached) return cached
  // The document is for developers worldwide: English, whatever the caller's language.
  const t = getT('en')
  const paths: Record<string, Record<string, unknown>> = {}
  for (const endpoint of endpoints) {
    ;(paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operationOf(endpoint, t)
  }
  const tags = [...new Set(endpoints.flatMap((e) => e.tags))].map((name) => ({ name, description: t(`api.openapi.tags.${name}`) }))
  const document = {
    openapi: '3.1.0',
    info: {
      title: t('api.openapi.title'),
      version: APP_VERSION,
      description: t('api.openapi.description'),
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
    tags,
    paths,
    components: components(t),
  }
  if (cache.size > 20) cache.clear()
  cache.set(baseUrl, document)
  return document
}
