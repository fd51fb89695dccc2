import { data } from '@remix-run/node'
import type { z } from 'zod'
import { toFieldErrors, type FieldErrors } from './validation'

export type FormValues = Record<string, string | string[]>

export interface FormFailure {
  ok: false
  errors: FieldErrors
  values: FormValues
}

/** What the user typed, to put back into the form (passwords and files are never echoed). */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {}
  for (const [k, v] of formData) {
    if (typeof v !== 'string' || /password|token|secret/i.test(k)) continue
    const prev = values[k]
    values[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  return values
}

/** FormData → plain object; repeated names become arrays when the schema asks for several. */
export function formObject(formData: FormData, arrays: readonly string[] = []) {
  const obj: Record<string, unknown> = {}
  for (const [k, v] of formData) {
    if (typeof v !== 'string') continue
    if (arrays.includes(k)) obj[k] = [...((obj[k] as string[] | undefined) ?? []), v]
    else obj[k] = v
  }
  for (const k of arrays) obj[k] ??= []
  return obj
}

export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  arrays: readonly string[] = [],
): { ok: true; data: z.infer<S> } | FormFailure {
  const result = schema.safeParse(formObject(formData, arrays))
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: toFieldErrors(result.error), values: formValues(formData) }
}

/** A 400 that carries field errors and the typed values back to the form. */
export function invalid(failure: Omit<FormFailure, 'ok'> | FormFailure, status = 400) {
  return data({ ok: false as const, errors: failure.errors, values: failure.values }, { status })
}

export function formError(formData: FormData, key: string, field = '_form', vars?: Record<string, string | number>, status = 400) {
  return invalid({ errors: { [field]: [{ key, vars }] }, values: formValues(formData) }, status)
}
