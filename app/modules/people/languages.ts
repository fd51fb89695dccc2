/**
 * The languages a person may say they speak on their profile: the programme's (Turkish, English, Kurdish,
 * Arabic, Zaza, Armenian) and its European partners'. Codes are ISO 639; names come from Intl in the
 * reader's language, so no list of names needs translating.
 */
import type { Locale } from '~/lib/i18n'

export const LANGUAGE_CODES = [
  'tr',
  'en',
  'ku',
  'ar',
  'zza',
  'hy',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'el',
  'bg',
  'pl',
  'ro',
  'ru',
  'fa',
] as const
export type LanguageCode = (typeof LANGUAGE_CODES)[number]

const names = new Map<Locale, Intl.DisplayNames>()

export function languageName(code: string, locale: Locale): string {
  let dn = names.get(locale)
  if (!dn) names.set(locale, (dn = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })))
  const name = dn.of(code) ?? code
  // Intl names languages in lower case in Turkish ("ingilizce"); a list shows them as proper names.
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1)
}

/** Options for the settings form, sorted by name in the reader's language. */
export function languageOptions(locale: Locale) {
  return LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  )
}
