/**
 * A strict reading of rendered post HTML for the tests: every tag must be on the allow-list with only
 * its allowed attributes, every URL must be one a post may carry. Returns the problems found.
 */
import { ALLOWED_TAGS, classifyUrl } from '../../../app/modules/content/markdown.server.ts'
import { POST_IMAGE_PATH } from '../../../app/modules/content/shared.ts'

const ALLOWED_ATTRS: Record<string, string[]> = {
  a: ['href', 'title', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'loading'],
  ol: ['start'],
  span: ['class'],
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*(\/?)>/g
const ATTR = /\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g

export function decodeEntities(s: string) {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

const DANGEROUS_SCHEME = /^(?:javascript|vbscript|data|livescript|mocha|file|blob|filesystem):/i
const IGNORABLE = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g

export function htmlProblems(html: string): string[] {
  const problems: string[] = []
  if (/<script/i.test(html)) problems.push('contains <script')
  for (const m of html.matchAll(TAG)) {
    const [, closing, rawName, attrs] = m
    const name = rawName.toLowerCase()
    if (!(ALLOWED_TAGS as readonly string[]).includes(name)) problems.push(`tag <${name}> is not allowed`)
    if (closing && attrs.trim()) problems.push(`closing tag with attributes: ${m[0]}`)
    for (const a of attrs.matchAll(ATTR)) {
      const attr = a[1].toLowerCase()
      const value = decodeEntities(a[2] ?? '')
      if (attr.startsWith('on')) problems.push(`event handler ${attr} on <${name}>`)
      if (!(ALLOWED_ATTRS[name] ?? []).includes(attr)) problems.push(`attribute ${attr} not allowed on <${name}>`)
      if (attr === 'href' || attr === 'src') {
        const bare = value.replace(IGNORABLE, '')
        if (DANGEROUS_SCHEME.test(bare)) problems.push(`dangerous URL ${value}`)
        if (!classifyUrl(value)) problems.push(`URL not allowed: ${value}`)
        if (attr === 'src' && !POST_IMAGE_PATH.test(value)) problems.push(`image not from uploads: ${value}`)
      }
      if (attr === 'class' && value !== 'mention') problems.push(`class ${value}`)
    }
  }
  // Anything that looks like a tag but is not one of the well-formed ones above.
  const rest = html.replace(TAG, '')
  if (rest.includes('<')) problems.push(`stray "<" in ${JSON.stringify(rest.slice(rest.indexOf('<'), rest.indexOf('<') + 40))}`)
  return problems
}
