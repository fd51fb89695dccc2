/**
 * Where member organizations and partners are: Turkey and the countries of Europe (the Council of
 * Europe's members and Kosovo). Names come from Intl.DisplayNames, so they follow the reader's language.
 */
import { compareText, type Locale } from '~/lib/i18n'

export const COUNTRY_CODES = [
  'TR',
  'AD',
  'AL',
  'AM',
  'AT',
  'AZ',
  'BA',
  'BE',
  'BG',
  'CH',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GE',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MC',
  'MD',
  'ME',
  'MK',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'RS',
  'SE',
  'SI',
  'SK',
  'SM',
  'UA',
  'XK',
] as const
export type CountryCode = (typeof COUNTRY_CODES)[number]

export function isCountryCode(v: unknown): v is CountryCode {
  return typeof v === 'string' && (COUNTRY_CODES as readonly string[]).includes(v)
}

const displayNames = new Map<Locale, Intl.DisplayNames>()

export function countryName(code: string, locale: Locale): string {
  let names = displayNames.get(locale)
  if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([locale === 'tr' ? 'tr' : 'en-GB'], { type: 'region' })))
  try {
    return names.of(code) ?? code
  } catch {
    return code
  }
}

/** Turkey first (most members are there), then the rest alphabetically in the reader's language. */
export function countryOptions(locale: Locale) {
  const compare = compareText(locale)
  const [first, ...rest] = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) }))
  return [first, ...rest.sort((a, b) => compare(a.label, b.label))]
}
