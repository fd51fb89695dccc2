/** The time-zone choice reads in the page's language, Türkiye first, values untouched (issue 10, item 8.4). */
import { describe, expect, it } from 'vitest'
import { timeZones } from './account.server'
import { timeZoneOptions, zoneLabel } from './time-zones.server'

describe('time-zone options', () => {
  it('offer every zone once, by its IANA id, with Europe/Istanbul first', async () => {
    for (const locale of ['tr', 'en'] as const) {
      const options = await timeZoneOptions(locale)
      expect(options[0]).toMatchObject({ value: 'Europe/Istanbul', group: 'Suggested' })
      expect(options.map((o) => o.value).sort()).toEqual([...timeZones()].sort())
      expect(new Set(options.map((o) => o.value)).size).toBe(options.length)
    }
  })

  it('are named in the page language, with the city and the offset', async () => {
    expect(zoneLabel('tr', 'Europe/Istanbul')).toMatch(/^İstanbul — Türkiye .*Saati \(GMT\+3\)$/)
    expect(zoneLabel('en', 'Europe/Istanbul')).toMatch(/^Istanbul — Türkiye .*Time \(GMT\+3\)$/)
    expect(zoneLabel('tr', 'Europe/Berlin')).toMatch(/^Berlin — Orta Avrupa Saati \(GMT\+[12]\)$/)
    expect(zoneLabel('en', 'America/Argentina/Buenos_Aires')).toMatch(/^Buenos Aires — Argentina .*Time \(GMT-3\)$/)
    expect(zoneLabel('en', 'UTC')).toBe('UTC (GMT+0)')
    const tr = await timeZoneOptions('tr')
    // No raw ids left as labels (the city is written with spaces, the name is Turkish).
    expect(tr.filter((o) => o.group !== 'Other' && o.label === o.value)).toEqual([])
    expect(tr.find((o) => o.value === 'Asia/Tokyo')!.label).toMatch(/Japonya/)
  })

  it('are grouped by region, Europe before the rest, and sorted by city within a region', async () => {
    const en = await timeZoneOptions('en')
    const groups = [...new Set(en.map((o) => o.group))]
    expect(groups.slice(0, 3)).toEqual(['Suggested', 'Europe', 'Asia'])
    const europe = en.filter((o) => o.group === 'Europe').map((o) => o.label)
    expect(europe).toEqual([...europe].sort(new Intl.Collator('en').compare))
  })

  it('keep a stored zone this runtime does not list', async () => {
    expect((await timeZoneOptions('en', 'Mars/Olympus'))[0]).toEqual({ value: 'Mars/Olympus', label: 'Mars/Olympus', group: 'Suggested' })
  })
})
