import { describe, expect, it } from 'vitest'
import { translate } from './i18n'
import { displayName, MAX_MARKS, safeText, textProblem, tidyLine, TEXT_PROBLEM_KEYS, type TextKind } from './text-safety'
import { toFieldErrors } from './validation'

const check = (s: string, kind: TextKind = 'name') => textProblem(tidyLine(s), kind)

/** The translated messages a schema gives for `input`, or the value it keeps. */
function parse(schema: ReturnType<typeof safeText>, input: string) {
  const r = schema.safeParse(input)
  if (r.success) return { value: r.data }
  return { messages: toFieldErrors(r.error)._form.map((m) => translate('en', m.key, m.vars)) }
}

describe('textProblem', () => {
  it.each([
    ['U+202E right-to-left override', 'abc\u202Efdp.exe'],
    ['U+202A left-to-right embedding', '\u202AEmre Demir'],
    ['U+202D left-to-right override', 'Emre\u202D Demir'],
    ['U+2066 left-to-right isolate', 'Emre \u2066Demir\u2069'],
    ['U+2069 pop directional isolate', 'Emre Demir\u2069x'],
    ['U+200E left-to-right mark', 'Emre\u200E Demir'],
    ['U+200F right-to-left mark', 'Emre\u200F Demir'],
    ['U+061C Arabic letter mark', 'محمد\u061C علي'],
  ])('refuses bidi controls: %s', (_, s) => {
    expect(check(s)).toBe('bidi')
    expect(check(s, 'title')).toBe('bidi')
  })

  it.each([
    ['U+200B zero-width space', 'Emre\u200B Demir'],
    ['U+200C zero-width non-joiner', 'Emre\u200CDemir'],
    ['U+200D zero-width joiner', 'Em\u200Dre Demir'],
    ['only zero-width joiners', '\u200D\u200D\u200D'],
    ['U+2060 word joiner', 'Emre\u2060Demir'],
    ['U+FEFF inside a name', 'Emre\uFEFFDemir'],
    ['U+180E Mongolian vowel separator', 'Emre\u180EDemir'],
    ['U+00AD soft hyphen', 'Em\u00ADre'],
    ['U+2064 invisible plus', 'Emre\u2064'],
    ['U+034F combining grapheme joiner', 'Emre\u034FDemir'],
    ['U+3164 Hangul filler', 'Emre \u3164'],
    ['U+2800 blank Braille pattern', 'Emre\u2800'],
    ['a tag character', 'Emre\u{E0041}'],
    ['a variation selector on a letter', 'Emre\uFE0F'],
    ['a control character', 'Emre\u0007Demir'],
  ])('refuses invisible characters: %s', (_, s) => {
    expect(check(s)).toBe('invisible')
  })

  it('keeps ZWJ and ZWNJ out of names, but lets titles use them where they change what is drawn', () => {
    const persian = 'می\u200Cخواهم'
    const family = '👨\u200D👩\u200D👧 aile toplantısı'
    expect(check(persian, 'name')).toBe('invisible')
    expect(check(family, 'name')).toBe('invisible')
    expect(check(persian, 'title')).toBeNull()
    expect(check(family, 'title')).toBeNull()
    // Between Latin letters a joiner does nothing visible: it only hides a difference.
    expect(check('Em\u200Dre Demir', 'title')).toBe('invisible')
    expect(check('Emre\u200C Demir', 'title')).toBe('invisible')
  })

  it('bounds combining marks per letter, counting after NFD', () => {
    expect(check('Zalgo' + '\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308', 'title')).toBe('marks')
    expect(check('e' + '\u0301'.repeat(MAX_MARKS))).toBeNull()
    expect(check('e' + '\u0301'.repeat(MAX_MARKS + 1))).toBe('marks')
    // é is e + U+0301 after NFD: three more marks make four on one letter.
    expect(check('é\u0302\u0303\u0304')).toBe('marks')
    expect(check('\u0301Emre')).toBe('marks')
    expect(check('Emre \u0301Demir')).toBe('marks')
  })

  it.each([
    ['Turkish letters', 'İlkay Işıl Şahin Güneş Çağrı Öztürk'],
    ['Arabic', 'محمد علي'],
    ['vocalised Arabic', 'مُحَمَّد'],
    ['Hebrew with points', 'שָׁלוֹם כֹּהֵן'],
    ['Vietnamese', 'Nguyễn Thị Ánh'],
    ['Vietnamese in NFD', 'Nguye\u0302\u0303n Thi\u0323'],
    ['Greek', 'Νίκος Παπαδόπουλος'],
    ['Cyrillic', 'Ольга Иванова'],
    ['Devanagari with nukta', 'ज़िंदगी'],
    ['Chinese', '王小明'],
    ['an apostrophe and a hyphen', "Ayşe O'Brien-Kaya"],
    ['an emoji with its presentation selector', 'Ayşe ❤️'],
  ])('accepts real names: %s', (_, s) => {
    expect(check(s)).toBeNull()
  })

  it('asks names for a letter', () => {
    expect(check('...')).toBe('noLetter')
    expect(check('12')).toBe('noLetter')
    expect(check('???', 'title')).toBeNull()
  })
})

describe('safeText', () => {
  it('tidies: NFC, one line, single spaces', () => {
    expect(parse(displayName(), '  Emre\u00A0\u00A0 Demir\n ')).toEqual({ value: 'Emre Demir' })
    expect(parse(displayName(), 'Ja\u0301nos')).toEqual({ value: 'János' })
    expect(parse(displayName(), 'Ayşe\tKaya')).toEqual({ value: 'Ayşe Kaya' })
  })

  it('refuses with a translated message for each class', () => {
    const en = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars)
    expect(parse(displayName(), 'Emre\u200B Demir')).toEqual({ messages: [en(TEXT_PROBLEM_KEYS.invisible)] })
    expect(parse(safeText('title', { min: 3, max: 160 }), 'Toplantı \u202Etxt.exe')).toEqual({ messages: [en(TEXT_PROBLEM_KEYS.bidi)] })
    expect(parse(displayName(), 'Em\u0301\u0302\u0303\u0304re')).toEqual({ messages: [en(TEXT_PROBLEM_KEYS.marks, { max: MAX_MARKS })] })
    expect(parse(displayName(), '--')).toEqual({ messages: [en(TEXT_PROBLEM_KEYS.noLetter)] })
    expect(parse(displayName(), 'Zey\u0000nep')).toEqual({ messages: [en('validation.badEncoding')] })
    expect(en(TEXT_PROBLEM_KEYS.marks, { max: MAX_MARKS })).toContain(String(MAX_MARKS))
    expect(translate('tr', TEXT_PROBLEM_KEYS.bidi)).not.toBe(TEXT_PROBLEM_KEYS.bidi)
  })

  it('measures after tidying, like text()', () => {
    expect(parse(displayName(), ' E ')).toEqual({ messages: [translate('en', 'validation.tooShort', { min: 2 })] })
    expect(parse(displayName(), 'x'.repeat(101))).toEqual({ messages: [translate('en', 'validation.tooLong', { max: 100 })] })
  })
})
