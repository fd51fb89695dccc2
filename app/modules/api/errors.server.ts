/**
 * The one error shape of the API: `{ "error": { "code", "message", "fields" } }`. `code` is stable for
 * programs, `message` and `fields` are written for people, in the caller's language.
 */
import { getT, type Locale, type Vars } from '~/lib/i18n'
import { decodeMessage, type FieldErrors, type Message, type z } from '~/lib/validation'

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[]

export class ApiError extends Error {
  constructor(
    public code: ErrorCode,
    public options: { fields?: FieldErrors; headers?: Record<string, string>; messageKey?: string; messageVars?: Vars } = {},
  ) {
    super(code)
  }
  get status() {
    return ERROR_STATUS[this.code]
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: Record<string, string[]> }
}

export function errorBody(locale: Locale, code: ErrorCode, fields: FieldErrors = {}, messageKey?: string, messageVars?: Vars): ErrorBody {
  const t = getT(locale)
  return {
    error: {
      code,
      message: t(messageKey ?? `errors.codes.${code}`, messageVars),
      fields: Object.fromEntries(Object.entries(fields).map(([path, messages]) => [path, messages.map((m) => t(m.key, m.vars))])),
    },
  }
}

/**
 * An empty set of field errors. Its keys come from the client (an unknown JSON field is named as sent),
 * so it has no prototype: "__proto__", "constructor" or "toString" are plain keys, not Object's own.
 */
export const noFieldErrors = (): FieldErrors => Object.create(null) as FieldErrors

/** Adds `more` to `into`, key by key (never Object.assign, whose "__proto__" would set the prototype). */
export function mergeFieldErrors(into: FieldErrors, more: FieldErrors) {
  for (const [key, messages] of Object.entries(more)) (into[key] ??= []).push(...messages)
  return into
}

/**
 * zod issues → field errors keyed by the invalid path ("name", "memberships.0.role"). Issues about the
 * whole value are keyed by `root` ("body", "query"); unknown JSON fields are named one by one.
 */
export function fieldErrors(error: z.ZodError, root: string): FieldErrors {
  const out = noFieldErrors()
  const add = (path: PropertyKey[], message: Message) => {
    const key = path.length ? path.map(String).join('.') : root
    ;(out[key] ??= []).push(message)
  }
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) add([...issue.path, k], { key: 'errors.fields.unknown' })
      continue
    }
    if (issue.code === 'invalid_value') {
      add(issue.path, { key: 'errors.fields.oneOf', vars: { values: issue.values.map(String).join(', ') } })
      continue
    }
    const message = decodeMessage(issue.message)
    // For a program, "expected a boolean" says more than "not valid"; a missing value keeps "required".
    if (issue.code === 'invalid_type' && message.key !== 'validation.required') {
      add(issue.path, { key: 'errors.fields.type', vars: { type: issue.expected } })
      continue
    }
    add(issue.path, message)
  }
  return out
}
