/**
 * zod at every boundary, with messages that are translation keys: a schema's issues become
 * `{ key, vars }` pairs that forms and the API translate into the reader's language.
 */
import { z } from 'zod'
import type { Vars } from './i18n'

export interface Message {
  key: string
  vars?: Vars
}
export type FieldErrors = Record<string, Message[]>

const encode = (key: string, vars?: Vars) => (vars ? JSON.stringify({ key, vars }) : key)

export function decodeMessage(message: string): Message {
  if (message.startsWith('{')) {
    try {
      const m = JSON.parse(message) as Message
      if (typeof m.key === 'string') return m
    } catch {
      /* fall through: a plain message */
    }
  }
  return { key: message.includes(' ') ? 'validation.invalid' : message }
}

// Every issue that a schema did not give its own message gets a translatable one.
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'string')
          return Number(issue.minimum) <= 1 ? encode('validation.required') : encode('validation.tooShort', { min: Number(issue.minimum) })
        return encode('validation.invalid')
      case 'too_big':
        return issue.origin === 'string' ? encode('validation.tooLong', { max: Number(issue.maximum) }) : encode('validation.invalid')
      case 'invalid_format':
        if (issue.format === 'email') return encode('validation.email')
        if (issue.format === 'url') return encode('validation.url')
        return encode('validation.invalid')
      case 'invalid_value':
        return encode('validation.choice')
      case 'invalid_type':
        if (issue.input === undefined || issue.input === null) return encode('validation.required')
        return issue.expected === 'number' ? encode('validation.number') : encode('validation.invalid')
      default:
        return undefined
    }
  },
})

/** U+FFFD is what a decoder leaves for bytes that were not valid UTF-8; NUL cannot be stored. */
const unreadable = (s: string) => s.includes('\uFFFD') || s.includes('\u0000')

/** A trimmed single-line or multi-line text field with length bounds and readable characters. */
export function text({ min = 1, max = 200 }: { min?: number; max?: number } = {}) {
  return z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((s) => !unreadable(s), { message: 'validation.badEncoding' }),
    )
}

/** An optional text field: empty input becomes undefined. */
export function optionalText(max = 200) {
  return z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()))
    .pipe(
      z
        .string()
        .max(max)
        .refine((s) => !unreadable(s), { message: 'validation.badEncoding' })
        .optional(),
    )
}

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email())

export const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('')])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1')

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : '_form'
    ;(out[path] ??= []).push(decodeMessage(issue.message))
  }
  return out
}

export { z }
