/** Opaque page cursors: a small JSON tuple in base64url. Anything unreadable is "from the start". */

export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string | null | undefined): unknown[] | null {
  if (!cursor || cursor.length > 500) return null
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    return Array.isArray(v) ? v : null
  } catch {
    return null
  }
}
