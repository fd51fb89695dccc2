/**
 * Text a client sent that PostgreSQL cannot store faithfully: NUL is refused by the database (a 500
 * if it reaches a query), and a lone UTF-16 surrogate (JSON's "\ud800") is silently turned into U+FFFD
 * on the way to UTF-8. Shared by the server's body reader (server/body.ts) and the API's JSON reader.
 */

export type TextProblem = 'nul' | 'surrogate'

export function isJsonContentType(header: string | null | undefined) {
  const type = (header ?? '').split(';')[0].trim().toLowerCase()
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)
}

export function textProblem(s: string): TextProblem | null {
  if (s.includes('\u0000')) return 'nul'
  if (!s.isWellFormed()) return 'surrogate'
  return null
}

/**
 * The first problem in any string of a parsed JSON value, keys included. Walks with its own stack: a
 * megabyte of "[[[[…" nests deeper than the call stack would allow.
 */
export function jsonTextProblem(value: unknown): TextProblem | null {
  const stack: unknown[] = [value]
  while (stack.length) {
    const v = stack.pop()
    if (typeof v === 'string') {
      const problem = textProblem(v)
      if (problem) return problem
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item)
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const problem = textProblem(key)
        if (problem) return problem
        stack.push(item)
      }
    }
  }
  return null
}
