import { describe, expect, it } from 'vitest'
import { baseSlug, firstFreeSlug, slugify, SLUG_MAX, SLUG_PATTERN } from './slug'

describe('slugify', () => {
  it('transliterates every Turkish letter, upper and lower case', () => {
    expect(slugify('çÇğĞıIİiöÖşŞüÜ')).toBe('ccggiiiioossuu')
    expect(slugify('Kadın Emeği Dayanışma Derneği')).toBe('kadin-emegi-dayanisma-dernegi')
    expect(slugify('ÇOCUK HAKLARI GİRİŞİMİ')).toBe('cocuk-haklari-girisimi')
    expect(slugify('Işık Öğrenme Şebekesi Ünye')).toBe('isik-ogrenme-sebekesi-unye')
  })

  it('strips other accents and spells out letters that do not decompose', () => {
    expect(slugify('Siobhán Ó Súilleabháin')).toBe('siobhan-o-suilleabhain')
    expect(slugify('Straße für Æbler, Øresund & Łódź')).toBe('strasse-fur-aebler-oresund-lodz')
  })

  it('collapses punctuation and spaces into single hyphens, trimmed at both ends', () => {
    expect(slugify('  Sivil Toplum Geliştirme Merkezi (STGM)  ')).toBe('sivil-toplum-gelistirme-merkezi-stgm')
    expect(slugify('--A  &  B--')).toBe('a-b')
    expect(slugify("Ireland's Wheel")).toBe('irelands-wheel')
    expect(slugify('2026 Vizyon / Plan')).toBe('2026-vizyon-plan')
  })

  it('cuts long names at a word boundary', () => {
    const slug = slugify('Çok Uzun Bir Adı Olan Ve Bitmek Bilmeyen Sivil Toplum Kuruluşları Dayanışma Ağı Derneği')
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX)
    expect(slug).toMatch(SLUG_PATTERN)
    expect(slug.endsWith('-')).toBe(false)
    expect(slug.startsWith('cok-uzun-bir-adi-olan')).toBe(true)
    expect(slugify('a'.repeat(100))).toHaveLength(SLUG_MAX)
  })

  it('always yields a usable slug', () => {
    expect(baseSlug('Ελληνική Ένωση')).toBe('org')
    expect(baseSlug('!!!')).toBe('org')
    for (const name of ['İ', 'ı', 'Ğ Ş', 'x', 'Αθήνα 2024']) expect(baseSlug(name)).toMatch(SLUG_PATTERN)
  })
})

describe('firstFreeSlug', () => {
  it('adds the first free numeric suffix on a clash', () => {
    expect(firstFreeSlug('kuzey-ekoloji', [])).toBe('kuzey-ekoloji')
    expect(firstFreeSlug('kuzey-ekoloji', ['kuzey-ekoloji'])).toBe('kuzey-ekoloji-2')
    expect(firstFreeSlug('kuzey-ekoloji', ['kuzey-ekoloji', 'kuzey-ekoloji-2', 'kuzey-ekoloji-4'])).toBe('kuzey-ekoloji-3')
  })

  it('never hands out a slug that a route uses', () => {
    expect(firstFreeSlug(baseSlug('New'), [])).toBe('new-2')
  })
})
