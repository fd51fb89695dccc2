/**
 * URL slugs for organizations: Turkish letters transliterated (ç→c, ğ→g, ı/İ→i, ö→o, ş→s, ü→u), other
 * Latin accents stripped, everything else collapsed into single hyphens.
 */

const TURKISH: Record<string, string> = {
  ç: 'c',
  Ç: 'c',
  ğ: 'g',
  Ğ: 'g',
  ı: 'i',
  I: 'i',
  İ: 'i',
  ö: 'o',
  Ö: 'o',
  ş: 's',
  Ş: 's',
  ü: 'u',
  Ü: 'u',
}
// Letters that Unicode decomposition does not reduce to ASCII.
const LIGATURES: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  œ: 'oe',
  Œ: 'oe',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
}

export const SLUG_MAX = 60
/** Slugs a route already uses (/orgs/new) can never name an organization. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['new'])
export const FALLBACK_SLUG = 'org'
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export function slugify(name: string, maxLength = SLUG_MAX): string {
  const ascii = name
    .replace(/[çÇğĞıIİöÖşŞüÜ]/g, (c) => TURKISH[c])
    .replace(/[ßæÆøØœŒđĐłŁþÞ]/g, (c) => LIGATURES[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "Ireland's" reads better as "irelands" than "ireland-s".
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (ascii.length <= maxLength) return ascii
  const cut = ascii.slice(0, maxLength)
  // Cut at a word boundary when one is reasonably close to the limit.
  const lastHyphen = cut.lastIndexOf('-')
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/g, '')
}

/** The slug to start from: the name's, or a neutral one when the name has no Latin letters or digits. */
export function baseSlug(name: string): string {
  return slugify(name) || FALLBACK_SLUG
}

/** `base`, or `base-2`, `base-3`, … : the first one neither taken nor reserved. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base) && !RESERVED_SLUGS.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!used.has(candidate)) return candidate
  }
}
