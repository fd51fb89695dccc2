/**
 * Accessible form pieces: every field has a visible label, its hint and errors are tied to it with
 * aria-describedby, an invalid field says so (aria-invalid), and a failed submit shows an error
 * summary that takes focus so screen-reader users hear what went wrong.
 */
import { useActionData } from '@remix-run/react'
import { useEffect, useId, useRef } from 'react'
import { useT } from '~/lib/i18n'
import type { FieldErrors, Message } from '~/lib/validation'

export interface FormResult {
  ok: false
  errors: FieldErrors
  values: Record<string, string | string[]>
}

/** The action's field errors and the values to put back, if the last submit failed. */
export function useFormResult(): FormResult | undefined {
  const data = useActionData() as Partial<FormResult> | undefined
  return data && data.ok === false && data.errors ? (data as FormResult) : undefined
}

export function valueOf(result: FormResult | undefined, name: string, fallback = ''): string {
  const v = result?.values[name]
  return typeof v === 'string' ? v : fallback
}

function Messages({ id, messages }: { id: string; messages?: Message[] }) {
  const t = useT()
  if (!messages?.length) return null
  return (
    <div id={id} className="mt-1 text-sm font-medium text-red-800">
      {messages.map((m, i) => (
        <p key={i}>{t(m.key, m.vars)}</p>
      ))}
    </div>
  )
}

/** Lists the errors at the top of the form and moves focus there after a failed submit. */
export function ErrorSummary({ result, titleKey = 'validation.formInvalid' }: { result?: FormResult; titleKey?: string }) {
  const t = useT()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (result) ref.current?.focus()
  }, [result])
  if (!result) return null
  const formMessages = result.errors._form ?? []
  const fieldCount = Object.keys(result.errors).filter((k) => k !== '_form').length
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="mb-4 rounded-md border-2 border-red-700 bg-red-50 p-4 text-red-900"
      data-testid="error-summary"
    >
      {formMessages.map((m, i) => (
        <p key={i} className="font-semibold">
          {t(m.key, m.vars)}
        </p>
      ))}
      {fieldCount > 0 && <p className={formMessages.length ? 'mt-1' : 'font-semibold'}>{t(titleKey)}</p>}
    </div>
  )
}

interface FieldProps {
  name: string
  label: string
  hint?: string
  errors?: Message[]
  required?: boolean
}

function useFieldIds(name: string) {
  const base = useId()
  return { input: `${base}-${name}`, hint: `${base}-${name}-hint`, error: `${base}-${name}-error` }
}

/** Label, hint and errors around one control; `children` gets the ids to wire up. */
function FieldFrame({
  name,
  label,
  hint,
  errors,
  required,
  children,
}: FieldProps & { children: (a: { id: string; describedBy?: string; invalid?: true }) => React.ReactNode }) {
  const ids = useFieldIds(name)
  const describedBy = [hint && ids.hint, errors?.length && ids.error].filter(Boolean).join(' ') || undefined
  return (
    <div className="mb-4">
      <label htmlFor={ids.input} className="block font-medium">
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={ids.hint} className="mt-0.5 text-sm text-stone-700">
          {hint}
        </p>
      )}
      {children({ id: ids.input, describedBy, invalid: errors?.length ? true : undefined })}
      <Messages id={ids.error} messages={errors} />
    </div>
  )
}

export function TextField({
  name,
  label,
  hint,
  errors,
  required,
  multiline,
  rows = 5,
  ...rest
}: FieldProps & {
  multiline?: boolean
  rows?: number
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} required={required}>
      {({ id, describedBy, invalid }) => {
        const common = { id, name, required, 'aria-invalid': invalid, 'aria-describedby': describedBy, className: 'input mt-1' }
        return multiline ? (
          <textarea {...common} rows={rows} defaultValue={rest.defaultValue as string} maxLength={rest.maxLength} />
        ) : (
          <input {...common} {...rest} />
        )
      }}
    </FieldFrame>
  )
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  required,
  options,
  defaultValue,
}: FieldProps & { options: { value: string; label: string; group?: string }[]; defaultValue?: string }) {
  // Options that name a group are shown under it (<optgroup>), in the order the groups first appear.
  const groups: { label: string | undefined; options: typeof options }[] = []
  for (const o of options) {
    const last = groups[groups.length - 1]
    if (last && last.label === o.group) last.options.push(o)
    else groups.push({ label: o.group, options: [o] })
  }
  const list = (items: typeof options) =>
    items.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} required={required}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          required={required}
          defaultValue={defaultValue}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className="input mt-1"
        >
          {groups.map((g, i) =>
            g.label === undefined ? (
              list(g.options)
            ) : (
              <optgroup key={`${g.label}-${i}`} label={g.label}>
                {list(g.options)}
              </optgroup>
            ),
          )}
        </select>
      )}
    </FieldFrame>
  )
}

export function CheckboxField({
  name,
  label,
  hint,
  errors,
  defaultChecked,
  value = 'on',
}: FieldProps & { defaultChecked?: boolean; value?: string }) {
  const ids = useFieldIds(`${name}-${value}`)
  const describedBy = [hint && ids.hint, errors?.length && ids.error].filter(Boolean).join(' ') || undefined
  return (
    <div className="mb-3">
      <div className="flex items-start gap-3">
        <input
          id={ids.input}
          type="checkbox"
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-describedby={describedBy}
          className="mt-1 size-5 shrink-0 accent-brand-700"
        />
        <label htmlFor={ids.input} className="font-medium">
          {label}
        </label>
      </div>
      {hint && (
        <p id={ids.hint} className="ml-8 text-sm text-stone-700">
          {hint}
        </p>
      )}
      <Messages id={ids.error} messages={errors} />
    </div>
  )
}

/** A group of checkboxes (e.g. themes) inside a fieldset with a legend. */
export function CheckboxGroup({
  name,
  legend,
  options,
  selected = [],
  errors,
}: {
  name: string
  legend: string
  options: { value: string; label: string }[]
  selected?: string[]
  errors?: Message[]
}) {
  const ids = useFieldIds(name)
  return (
    <fieldset className="mb-4" aria-describedby={errors?.length ? ids.error : undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-2 grid gap-x-4 sm:grid-cols-2">
        {options.map((o) => (
          <CheckboxField key={o.value} name={name} value={o.value} label={o.label} defaultChecked={selected.includes(o.value)} />
        ))}
      </div>
      <Messages id={ids.error} messages={errors} />
    </fieldset>
  )
}

/** A polite confirmation ("Saved.") announced to screen readers. */
export function StatusMessage({ children }: { children?: React.ReactNode }) {
  return (
    <p role="status" className={children ? 'mb-4 rounded-md border border-brand-600 bg-brand-50 p-3 text-brand-800' : 'sr-only'}>
      {children}
    </p>
  )
}
