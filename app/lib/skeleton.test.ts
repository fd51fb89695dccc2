import { describe, expect, it } from 'vitest'
import { nameSkeleton } from './skeleton.server'

const alike = (a: string, b: string) => nameSkeleton(a) === nameSkeleton(b)

describe('nameSkeleton (TR39, case-folded)', () => {
  it.each([
    ['Latin a and Cyrillic а (U+0430)', 'Ali Kaya', 'Аli Kаya'],
    ['rn and m', 'Emre Demir', 'Ernre Dernir'],
    ['dotless ı and i', 'Emre Demir', 'Emre Demır'],
    ['Cyrillic у (U+0443) and y', 'Zeynep', 'Zeуnep'],
    ['Greek Ο (U+039F) and O', 'Ozan', 'Οzan'],
    ['the digit 0 and O', 'Ozan', '0zan'],
    ['capital I and small l', 'Ali', 'AIi'],
    ['Latin ş (cedilla) and Romanian ș (comma below)', 'Ayşe', 'Ayșe'],
    ['full-width letters (NFKC)', 'Emre', 'Ｅｍｒｅ'],
    ['a no-break space, a double space', 'Emre Demir', 'Emre\u00A0 Demir'],
    ['a zero-width space (ignorable)', 'Emre Demir', 'Emre\u200B Demir'],
    ['case, Turkish-correctly: İ folds to i', 'İpek Yıldız', 'ipek yıldız'],
    ['case', 'Emre Demir', 'EMRE DEMİR'],
  ])('finds %s alike', (_, a, b) => {
    expect(alike(a, b)).toBe(true)
  })

  it.each([
    ['ş and s', 'Ayşe', 'Ayse'],
    ['ö and o', 'Öykü', 'Oyku'],
    ['different names', 'Emre Demir', 'Emre Deniz'],
    ['Arabic names', 'محمد', 'أحمد'],
  ])('tells %s apart', (_, a, b) => {
    expect(alike(a, b)).toBe(false)
  })

  it('is stable, lower-case and never empty', () => {
    expect(nameSkeleton('Ernre Dernir')).toBe(nameSkeleton('Ernre Dernir'))
    expect(nameSkeleton('Emre Demir')).toBe('ernre dernir')
    expect(nameSkeleton('\u200B\u200D')).toBe(' ')
  })
})
