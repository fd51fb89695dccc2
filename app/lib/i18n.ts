/**
 * Translation and locale formatting, shared by server and browser (docs/decisions/004-i18n.md).
 * Keys are "<namespace>.<path>", e.g. t('common.nav.home'); {name} placeholders are interpolated and
 * a `count` variable picks the `_one` / `_other` form through Intl.PluralRules.
 */
import { createContext, useContext } from 'react'
import type { Locale } from '~/locales/namespaces'
import { resources } from '~/locales/resources.server'

export type { Locale, Namespace } from '~/locales/namespaces'
export const LOCALES = ['tr', 'en'] as const satisfies readonly Locale[]
export const DEFAULT_LOCALE: Locale = 'tr'
export const DEFAULT_TIME_ZONE = 'Europe/Istanbul'

export function isLocale(v: unknown): v is Locale {
  return v === 'tr' || v === 'en'
}

type Dict = { [k: string]: string | Dict }
export type Vars = Record<string, string | number | undefined | null>
/** The dictionary files a page uses ("tr.common", …) and the version their URLs carry. */
export interface PageDictionaries {
  version: string
  files: readonly string[]
}

/** Where a page's dictionary scripts put what they bring (app/lib/i18n.server.ts writes them). */
export const DICTIONARY_GLOBAL = '__birlikteI18n'

export const dictionaryUrl = (version: string, file: string, ext: 'js' | 'json') => `/i18n/${version}/${file}.${ext}`

// On the server every dictionary (the import is real there). In the browser (an empty module there) the
// ones the page's dictionary scripts brought, which ran before this module; navigation adds more.
const dictionaries: Record<Locale, Record<string, Dict>> = {
  tr: { ...(resources?.tr as unknown as Record<string, Dict>) },
  en: { ...(resources?.en as unknown as Record<string, Dict>) },
}
const loaded = new Set<string>()

function addDictionary(file: string, dict: Dict) {
  const [locale, ns] = file.split('.') as [Locale, string]
  if (!isLocale(locale)) return
  dictionaries[locale][ns] = dict
  loaded.add(file)
}

if (typeof document !== 'undefined') {
  const brought = (globalThis as unknown as Record<string, Record<string, Dict> | undefined>)[DICTIONARY_GLOBAL]
  for (const [file, dict] of Object.entries(brought ?? {})) addDictionary(file, dict)
}

/** In the browser, before a page renders: fetches the dictionaries it needs that are not here yet. */
export async function loadDictionaries({ version, files }: PageDictionaries) {
  const missing = files.filter((f) => !loaded.has(f))
  await Promise.all(
    missing.map(async (file) => {
      const res = await fetch(dictionaryUrl(version, file, 'json'))
      if (res.ok) addDictionary(file, (await res.json()) as Dict)
    }),
  )
}

function lookup(locale: Locale, key: string): string | undefined {
  let node: string | Dict | undefined = dictionaries[locale]
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

const pluralRules = new Map<Locale, Intl.PluralRules>()

export function translate(locale: Locale, key: string, vars?: Vars): string {
  let template: string | undefined
  if (vars && typeof vars.count === 'number') {
    let rules = pluralRules.get(locale)
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)))
    template = lookup(locale, `${key}_${rules.select(vars.count)}`) ?? lookup(locale, `${key}_other`)
  }
  template ??= lookup(locale, key) ?? (locale !== 'en' ? lookup('en', key) : undefined)
  if (template === undefined) return key
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name]
    if (v === undefined || v === null) return m
    return typeof v === 'number' ? numberFormat(locale).format(v) : v
  })
}

export type TFunction = (key: string, vars?: Vars) => string

export function getT(locale: Locale): TFunction {
  return (key, vars) => translate(locale, key, vars)
}

export { foldCase } from './case-fold'

// Building an Intl formatter costs far more than using one, and a thread page formats dozens of dates:
// one formatter per locale, style and time zone, kept for the life of the process (or tab).
const formatters = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<Locale, Intl.NumberFormat>()
const intlLocale = (locale: Locale) => (locale === 'tr' ? 'tr-TR' : 'en-GB')

function numberFormat(locale: Locale) {
  let f = numberFormats.get(locale)
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(intlLocale(locale))))
  return f
}

export function formatDateTime(
  locale: Locale,
  date: Date | string,
  timeZone = DEFAULT_TIME_ZONE,
  style: 'date' | 'datetime' | 'time' = 'datetime',
) {
  const d = typeof date === 'string' ? new Date(date) : date
  const key = `${locale}|${style}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { dateStyle: 'long', timeZone }
        : style === 'time'
          ? { timeStyle: 'short', timeZone }
          : { dateStyle: 'medium', timeStyle: 'short', timeZone }
    f = new Intl.DateTimeFormat(intlLocale(locale), opts)
    // Time zones come from users' settings: a bounded handful in practice, but never let it grow unbounded.
    if (formatters.size > 500) formatters.clear()
    formatters.set(key, f)
  }
  return f.format(d)
}

export function formatNumber(locale: Locale, n: number) {
  return numberFormat(locale).format(n)
}

export function compareText(locale: Locale) {
  const collator = new Intl.Collator(intlLocale(locale), { sensitivity: 'base' })
  return (a: string, b: string) => collator.compare(a, b)
}

export interface I18nValue {
  locale: Locale
  timeZone: string
  t: TFunction
}

export const I18nContext = createContext<I18nValue>({
  locale: DEFAULT_LOCALE,
  timeZone: DEFAULT_TIME_ZONE,
  t: getT(DEFAULT_LOCALE),
})

export function useI18n() {
  return useContext(I18nContext)
}

export function useT() {
  return useContext(I18nContext).t
}
