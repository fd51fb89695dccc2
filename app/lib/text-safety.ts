/**
 * Text that deceives: names and titles are shown beside other people's, in lists, mails and the moderation
 * queue, so a character that is invisible or turns text around is a way to pass for someone else or to
 * hide what a title says. Names and titles (never post bodies: people write Arabic and Hebrew there, with
 * whatever marks they need) refuse direction controls, invisible format characters and piles of combining
 * marks, and keep every script's real letters. Browser-safe: the forms that use it ship to the browser.
 */
import { z } from './validation'

/** 'name': a person's, an organization's or a space's name; 'title': a thread title. */
export type TextKind = 'name' | 'title'

/** Combining marks one letter may carry (after NFD): Vietnamese and vocalised Arabic need 2, pointed Hebrew 3. */
export const MAX_MARKS = 3

export type TextProblem = 'badEncoding' | 'bidi' | 'invisible' | 'marks' | 'noLetter'

/** The translation key of each problem (the marks message also takes `{ max }`). */
export const TEXT_PROBLEM_KEYS: Record<TextProblem, string> = {
  badEncoding: 'validation.badEncoding',
  bidi: 'validation.text.bidi',
  invisible: 'validation.text.invisible',
  marks: 'validation.text.marks',
  noLetter: 'validation.text.noLetter',
}

// Embeddings, overrides and isolates, and the three marks (LRM, RLM, ALM) that act like invisible letters.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u
// Format characters and everything Unicode says to render as nothing (zero-width spaces and joiners, word
// joiner, BOM, Mongolian vowel separator, Hangul fillers, variation selectors, tags, …), control
// characters, and the blank Braille pattern that passes for a letter in "invisible" user names.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/u
// Format characters that are drawn (Arabic number signs, the Syriac abbreviation mark, …), not hidden.
const VISIBLE_FORMAT = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}]/u
const ZWNJ = '\u200C'
const ZWJ = '\u200D'
// Where ZWNJ and ZWJ change how letters join or form conjuncts (Persian "می‌خواهم", Indic scripts).
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u
const LETTER_OR_MARK = /[\p{L}\p{M}]/u
const PICTOGRAPH = /\p{Extended_Pictographic}/u
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u
const EMOJI = /\p{Emoji}/u
const IDEOGRAPH = /\p{Ideographic}/u
const MARK = /\p{M}/u
const LETTER = /\p{L}/u
const UNREADABLE = /[\uFFFD\u0000\p{Cs}]/u
// Runs of spacing, tabs and line breaks become one space: "Emre\u00A0Demir" must not pass for another "Emre Demir".
const SPACES = /[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]+/gu

/** What every name and title goes through before it is checked and stored: NFC, one line, single spaces. */
export function tidyLine(s: string) {
  return s.normalize('NFC').replace(SPACES, ' ').trim()
}

/**
 * A format character that does visible work where it stands: emoji presentation after an emoji, an
 * ideographic variant after an ideograph, and in titles the joiners inside emoji sequences and between
 * letters of scripts that join. Never in names: there a joiner only ever hides something.
 */
function allowedFormat(cp: string, prev: string | undefined, next: string | undefined, kind: TextKind) {
  if (VISIBLE_FORMAT.test(cp)) return true
  if (!prev) return false
  if (cp === '\uFE0E' || cp === '\uFE0F') return EMOJI.test(prev)
  const code = cp.codePointAt(0)!
  if (code >= 0xe0100 && code <= 0xe01ef) return IDEOGRAPH.test(prev)
  if (kind !== 'title' || !next || (cp !== ZWJ && cp !== ZWNJ)) return false
  if (cp === ZWJ && (PICTOGRAPH.test(prev) || EMOJI_MODIFIER.test(prev) || prev === '\uFE0F') && PICTOGRAPH.test(next)) return true
  return LETTER_OR_MARK.test(prev) && JOINING_SCRIPT.test(prev) && LETTER.test(next) && JOINING_SCRIPT.test(next)
}

/** The first reason `s` (already tidied) cannot be a name or title, or null. */
export function textProblem(s: string, kind: TextKind): TextProblem | null {
  if (UNREADABLE.test(s)) return 'badEncoding'
  if (BIDI.test(s)) return 'bidi'
  // Counted on NFD: a mark is a mark whether or not Unicode has a precomposed letter for it.
  const cps = [...s.normalize('NFD')]
  let marks = 0
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]
    if (INVISIBLE.test(cp) && !allowedFormat(cp, cps[i - 1], cps[i + 1], kind)) return 'invisible'
    if (MARK.test(cp)) {
      marks++
      // A mark on nothing (at the start, on a space) stacks over the neighbouring text.
      if (marks > MAX_MARKS || i === 0 || cps[i - marks] === ' ') return 'marks'
    } else marks = 0
  }
  if (kind === 'name' && !LETTER.test(s)) return 'noLetter'
  return null
}

const message = (problem: TextProblem) =>
  problem === 'marks' ? JSON.stringify({ key: TEXT_PROBLEM_KEYS.marks, vars: { max: MAX_MARKS } }) : TEXT_PROBLEM_KEYS[problem]

/**
 * A one-line name or title: tidied (see tidyLine), measured, then checked by textProblem. The same shape
 * as validation's `text()`, so `.pipe(z.string().min(2))` and `.optional()` work the same way.
 */
export function safeText(kind: TextKind, { min = 1, max = 200 }: { min?: number; max?: number } = {}) {
  return z
    .string()
    .transform(tidyLine)
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .superRefine((s, ctx) => {
          const problem = textProblem(s, kind)
          if (problem) ctx.addIssue({ code: 'custom', message: message(problem) })
        }),
    )
}

export const DISPLAY_NAME_MIN = 2
export const DISPLAY_NAME_MAX = 100

/** A person's display name, wherever it is set (sign-up, settings, the API). */
export const displayName = () => safeText('name', { min: DISPLAY_NAME_MIN, max: DISPLAY_NAME_MAX })
