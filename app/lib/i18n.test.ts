import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resources } from '~/locales'
import { compareText, foldCase, formatDateTime, translate } from './i18n'
import { acceptLanguageLocale, resolveLocale } from './i18n.server'

type Dict = { [k: string]: string | Dict }

function keys(d: Dict, prefix = ''): string[] {
  return Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    if (name === 'generated' || name === 'locales') return []
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(ts|tsx)$/.test(name) && !name.includes('.test.') ? [p] : []
  })
}

describe('dictionaries', () => {
  const tr = keys(resources.tr as unknown as Dict)
  const en = keys(resources.en as unknown as Dict)

  it('have the same keys in Turkish and English', () => {
    expect(tr.filter((k) => !en.includes(k))).toEqual([])
    expect(en.filter((k) => !tr.includes(k))).toEqual([])
  })

  it('have no empty strings', () => {
    for (const locale of ['tr', 'en'] as const) {
      const empty = keys(resources[locale] as unknown as Dict).filter((k) => translate(locale, k).trim() === '')
      expect(empty).toEqual([])
    }
  })

  it('contain every key the code asks for with a literal t("…")', () => {
    const known = new Set(en.map((k) => k.replace(/_(one|other|zero|few|many|two)$/, '')))
    const missing: string[] = []
    for (const file of sourceFiles(path.resolve('app'))) {
      const src = readFileSync(file, 'utf8')
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.]+)'/g)) {
        if (!known.has(m[1]) && !en.includes(m[1])) missing.push(`${path.relative('.', file)}: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('use the same {placeholders} in both languages', () => {
    const mismatched = en.filter((k) => {
      const vars = (s: string) =>
        [...s.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .sort()
          .join(',')
      return vars(translate('en', k)) !== vars(translate('tr', k))
    })
    expect(mismatched).toEqual([])
  })
})

describe('translate', () => {
  it('interpolates and picks plural forms', () => {
    expect(translate('en', 'common.notifications.count', { count: 1 })).toBe('1 unread notification')
    expect(translate('en', 'common.notifications.count', { count: 3 })).toBe('3 unread notifications')
    expect(translate('tr', 'common.notifications.count', { count: 3 })).toBe('3 okunmamış bildirim')
  })
  it('formats numbers in placeholders by locale', () => {
    expect(translate('tr', 'common.notifications.count', { count: 1200 })).toBe('1.200 okunmamış bildirim')
    expect(translate('en', 'common.notifications.count', { count: 1200 })).toBe('1,200 unread notifications')
  })
  it('returns the key for an unknown key rather than crashing', () => {
    expect(translate('tr', 'nope.missing')).toBe('nope.missing')
  })
})

describe('locale resolution', () => {
  const req = (headers: Record<string, string>) => new Request('http://x/', { headers })
  it('prefers the user setting, then the cookie, then Accept-Language, then Turkish', () => {
    expect(resolveLocale(req({ 'accept-language': 'en' }), 'tr')).toBe('tr')
    expect(resolveLocale(req({ cookie: 'lang=en', 'accept-language': 'tr' }))).toBe('en')
    expect(resolveLocale(req({ 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' }))).toBe('en')
    expect(resolveLocale(req({ 'accept-language': 'de-DE' }))).toBe('tr')
    expect(resolveLocale(req({}))).toBe('tr')
  })
  it('honours q-values', () => {
    expect(acceptLanguageLocale('en;q=0.5, tr;q=0.9')).toBe('tr')
    expect(acceptLanguageLocale('en;q=0, tr;q=0.1')).toBe('tr')
  })
})

describe('Turkish-correct text handling', () => {
  it('folds İ to i and I to ı', () => {
    expect(foldCase('İSTANBUL')).toBe('istanbul')
    expect(foldCase('IĞDIR')).toBe('ığdır')
    expect(foldCase('IĞDIR', 'en')).toBe('iğdir')
  })
  it('sorts by the Turkish alphabet', () => {
    expect(['Zonguldak', 'Çorum', 'Ankara', 'Şanlıurfa', 'Samsun'].sort(compareText('tr'))).toEqual([
      'Ankara',
      'Çorum',
      'Samsun',
      'Şanlıurfa',
      'Zonguldak',
    ])
  })
  it('formats dates in the user time zone', () => {
    const d = new Date('2026-03-01T21:30:00Z')
    expect(formatDateTime('tr', d, 'Europe/Istanbul', 'time')).toBe('00:30')
    expect(formatDateTime('en', d, 'Europe/Dublin', 'time')).toBe('21:30')
  })
})
