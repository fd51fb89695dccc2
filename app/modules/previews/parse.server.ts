/**
 * What a preview card shows, read from a page's <head>: OpenGraph, then Twitter card, then the plain
 * <meta name="description"> and <title>. htmlparser2 reads it as a stream (entities decoded, broken
 * markup tolerated) and we stop at <body>. Every value is sanitized text: one line, no control, direction
 * or invisible characters, capped in length. It is shown as text (React escapes it), never as HTML.
 */
import { Parser } from 'htmlparser2'
import { tidyLine } from '~/lib/text-safety'

export const LIMITS = { siteName: 80, title: 200, description: 300 } as const

export interface PageMeta {
  siteName: string | null
  title: string | null
  description: string | null
}

// Direction controls, control and format characters, default-ignorables (zero-width and friends), the
// replacement character and the blank Braille pattern: nothing a card needs, each a way to mislead.
const UNWANTED = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\p{Co}\uFFFD\u2800]/gu

/** One line of plain text at most `max` characters (cut at a word, with an ellipsis), or null. */
export function cleanText(raw: string | undefined, max: number): string | null {
  if (!raw) return null
  const text = tidyLine(raw.replace(UNWANTED, ' '))
  if (!text) return null
  const chars = [...text]
  if (chars.length <= max) return text
  const cut = chars.slice(0, max - 1).join('')
  const atWord = cut.replace(/\s+\S*$/, '')
  return `${atWord.length > max / 2 ? atWord : cut}…`
}

export function parseMeta(html: string): PageMeta {
  const meta = new Map<string, string>()
  let title = ''
  let inTitle = false
  let done = false
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (done) return
        if (name === 'body') done = true
        else if (name === 'title') inTitle = true
        else if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').trim().toLowerCase()
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content)
        }
      },
      ontext(text) {
        if (inTitle && !done && title.length < 2_000) title += text
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false
        if (name === 'head') done = true
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.end(html)
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v?.trim())
  return {
    siteName: cleanText(first('og:site_name', 'application-name'), LIMITS.siteName),
    title: cleanText(first('og:title', 'twitter:title') ?? title, LIMITS.title),
    description: cleanText(first('og:description', 'twitter:description', 'description'), LIMITS.description),
  }
}
