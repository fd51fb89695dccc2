/**
 * Unicode TR39 skeletons (https://www.unicode.org/reports/tr39/#Confusable_Detection): two strings that look
 * alike have the same skeleton ("Ernre" and "Emre", Cyrillic "а" and Latin "a"). Stored per person as
 * User.nameSkeleton, so a new name that looks like someone else's is found through an index.
 *
 * The table is Unicode's confusables.txt as the npm package `unhomoglyph` ships it (one entry per
 * character, prototype strings as values); it is read once, on the server only.
 */
import { createRequire } from 'node:module'
import { foldCase } from './case-fold'

let table: ReadonlyMap<string, string> | undefined

function confusables(): ReadonlyMap<string, string> {
  if (!table) {
    // A JSON file inside a CommonJS package: require() reads it the same way under tsx, vitest and the
    // ESM server build, where a JSON import would need an import attribute that not every tool keeps.
    const require = createRequire(import.meta.url)
    const data = require('unhomoglyph/data.json') as Record<string, string>
    table = new Map(Object.entries(data))
  }
  return table
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
const SPACES = /\s+/gu

/** TR39's step: NFD, each character replaced by its prototype (ignorables dropped), NFD again. */
function prototypes(s: string) {
  const map = confusables()
  let out = ''
  for (const ch of s.normalize('NFD')) if (!IGNORABLE.test(ch)) out += map.get(ch) ?? ch
  return out.normalize('NFD')
}

/**
 * The skeleton of a display name, compared case-insensitively:
 * 1. NFKC, so compatibility forms (ﬁ, full-width letters, mathematical bold) read as what they show;
 * 2. the confusables table on whole characters, before case folding: capital I is TR39's lookalike of
 *    small l, and folding first would make it a dotless ı (Turkish) or an i and lose that;
 * 3. Turkish-correct case folding (İ → i, I → ı), then TR39's NFD → prototypes → NFD;
 * 4. folded and mapped once more, since some prototypes are capitals ("0" → "O");
 * 5. spacing collapsed, so "Emre  Demir" is "Emre Demir".
 * Never empty: a name with nothing visible gets " ", so two such names still match each other.
 */
export function nameSkeleton(name: string): string {
  let s = name.normalize('NFKC')
  const map = confusables()
  s = [...s].map((ch) => map.get(ch) ?? ch).join('')
  s = prototypes(foldCase(s, 'tr'))
  s = prototypes(foldCase(s, 'tr'))
  return s.replace(SPACES, ' ').trim() || ' '
}
