/**
 * Post paths: each post's number padded to 7 digits, from its top-level ancestor down to itself, so
 * ordering by path is the nested reading order and a subtree is one index range. Digits only, so the
 * ordering is the same under any collation.
 */
export const PATH_SEGMENT = 7

export const pathSegment = (n: number) => String(n).padStart(PATH_SEGMENT, '0')

export function childPath(parentPath: string | null, number: number) {
  return `${parentPath ?? ''}${pathSegment(number)}`
}

/**
 * The smallest digit string greater than every path that starts with `path`: the exclusive upper end
 * of its subtree's range (`path >= p AND path < subtreeEnd(p)`). Null when no such bound exists.
 */
export function subtreeEnd(path: string): string | null {
  const trimmed = path.replace(/9+$/, '')
  if (!trimmed) return null
  const last = trimmed.length - 1
  return trimmed.slice(0, last) + String(Number(trimmed[last]) + 1)
}
