/**
 * What stands in for a photo: a person's initials on a coloured circle. Pure, for the server and the
 * browser alike, so a pushed post and a rendered one show the same circle.
 */

const LETTER = /[\p{L}\p{N}]/u

/** The first letter of a word (with any marks that belong to it), upper-cased the Turkish way: i → İ, ı → I. */
function initialOf(word: string): string | null {
  const chars = [...word.normalize('NFC')]
  const at = chars.findIndex((c) => LETTER.test(c))
  if (at < 0) return null
  const c = chars[at]
  // A letter typed upper-case stays as typed; a lower-case one follows Turkish rules, the community's
  // first language ("ismail" → "İ", "ılgaz" → "I").
  return c === c.toLocaleLowerCase('tr') ? c.toLocaleUpperCase('tr') : c
}

/** "İsmail Çelik" → "İÇ", "ayşe nur yılmaz" → "AY", "Zeynep" → "Z"; "?" when the name has no letter. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => LETTER.test(w))
  if (!words.length) return '?'
  const first = initialOf(words[0]) ?? ''
  const last = words.length > 1 ? (initialOf(words[words.length - 1]) ?? '') : ''
  return first + last
}

/**
 * Background classes for the circle, each with white text at 4.5:1 or more (WCAG AA for normal text).
 * Listed in full so Tailwind generates them; a style attribute would be dropped by the CSP.
 */
export const AVATAR_COLOURS = [
  'bg-teal-700',
  'bg-sky-700',
  'bg-blue-700',
  'bg-indigo-700',
  'bg-violet-700',
  'bg-fuchsia-700',
  'bg-rose-700',
  'bg-red-700',
  'bg-amber-800',
  'bg-emerald-700',
  'bg-cyan-800',
  'bg-stone-600',
] as const

/** A colour for a person that never changes: from their id (not their name, which they may change). */
export function avatarColour(key: string): (typeof AVATAR_COLOURS)[number] {
  // FNV-1a: tiny, stable and spreads short ids well.
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return AVATAR_COLOURS[(h >>> 0) % AVATAR_COLOURS.length]
}

/** The address of a person's avatar, versioned by its file name so browsers may keep it for good. */
export const avatarUrl = (handle: string, avatarPath: string | null | undefined) =>
  avatarPath ? `/people/${encodeURIComponent(handle)}/avatar?v=${avatarPath.slice(0, 12)}` : null

export const profilePath = (handle: string) => `/people/${encodeURIComponent(handle)}`
