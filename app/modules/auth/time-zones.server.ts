/**
 * The time-zone choice in the reader's language: "İstanbul — Türkiye Standart Saati (GMT+3)" rather than
 * the raw id "Europe/Istanbul", grouped by region, sorted by city in the page's collation, with Türkiye's
 * zone first (most people here live in it). The value stays the IANA id (issue 10, item 8.4).
 */
import type { Locale } from '~/lib/i18n'
import { timeZones } from './account.server'

export const SUGGESTED_TIME_ZONE = 'Europe/Istanbul'

/** Regions in the order people here look for them; anything else ("UTC", "Etc/…") comes last. */
const REGIONS = ['Europe', 'Asia', 'Africa', 'America', 'Atlantic', 'Indian', 'Australia', 'Pacific', 'Antarctica', 'Arctic'] as const
export type ZoneGroup = (typeof REGIONS)[number] | 'Other' | 'Suggested'

export interface ZoneOption {
  value: string
  label: string
  group: ZoneGroup
}

/** City names the zone ids spell in English and Turkish spells otherwise (the ids carry no other city name). */
const TURKISH_CITIES: Record<string, string> = { Istanbul: 'İstanbul', Izmir: 'İzmir' }

function zoneName(locale: Locale, zone: string, style: 'longGeneric' | 'shortOffset', at: number) {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')
    ?.value
}

export function zoneLabel(locale: Locale, zone: string, at = Date.now()) {
  const raw = zone.split('/').pop()!.replaceAll('_', ' ')
  const city = locale === 'tr' ? (TURKISH_CITIES[raw] ?? raw) : raw
  const name = zoneName(locale, zone, 'longGeneric', at)
  const offset = zoneName(locale, zone, 'shortOffset', at)
  // "UTC", "Etc/GMT+5": the generic name is only an offset again.
  if (!name || name.startsWith('GMT')) return offset && offset !== city ? `${city} (${offset})` : city
  return `${city} — ${name} (${offset})`
}

/**
 * Labelling 400 zones costs about a second and a half of CPU per language (ICU builds a formatter per
 * zone), so it is done once a day per language, in slices that give the event loop back between them,
 * and kept; a day-old list is served while the next one is made.
 */
const cache = new Map<Locale, { day: number; options: ZoneOption[] }>()
const making = new Map<Locale, Promise<ZoneOption[]>>()
const today = () => Math.floor(Date.now() / 86_400_000)

async function makeOptions(locale: Locale): Promise<ZoneOption[]> {
  const labelled: ZoneOption[] = []
  const zones = timeZones().filter((z) => z !== SUGGESTED_TIME_ZONE)
  for (let i = 0; i < zones.length; i++) {
    if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve))
    const zone = zones[i]
    const region = zone.split('/')[0]
    const group: ZoneGroup = zone.includes('/') && (REGIONS as readonly string[]).includes(region) ? (region as ZoneGroup) : 'Other'
    labelled.push({ value: zone, label: zoneLabel(locale, zone), group })
  }
  const collator = new Intl.Collator(locale)
  labelled.sort(
    (a, b) => groupRank(a.group) - groupRank(b.group) || collator.compare(a.label, b.label) || collator.compare(a.value, b.value),
  )
  return [{ value: SUGGESTED_TIME_ZONE, label: zoneLabel(locale, SUGGESTED_TIME_ZONE), group: 'Suggested' }, ...labelled]
}

function refresh(locale: Locale) {
  let p = making.get(locale)
  if (!p) {
    p = makeOptions(locale).then(
      (options) => {
        cache.set(locale, { day: today(), options })
        making.delete(locale)
        return options
      },
      (e: unknown) => {
        making.delete(locale)
        throw e
      },
    )
    making.set(locale, p)
  }
  return p
}

/** Every zone the select offers (the stored one included), labelled for `locale`. */
export async function timeZoneOptions(locale: Locale, current?: string): Promise<ZoneOption[]> {
  const cached = cache.get(locale)
  // Offsets change with summer time: the labels are remade once a day.
  if (cached && cached.day !== today()) void refresh(locale).catch(() => {})
  const options = cached?.options ?? (await refresh(locale))
  if (!current || options.some((o) => o.value === current)) return options
  // A stored value this runtime does not list (e.g. an alias): kept, so saving the form does not change it.
  return [{ value: current, label: current, group: 'Suggested' }, ...options]
}

const groupRank = (g: ZoneGroup) => (g === 'Suggested' ? -1 : g === 'Other' ? REGIONS.length : REGIONS.indexOf(g))
