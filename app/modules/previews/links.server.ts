/**
 * Which links of a post get a preview card: as in Discourse's "onebox", a bare http(s) link standing
 * alone on its line at the top level of the post (not in a quote, a list or code, not a link with its own
 * text), at most MAX_PREVIEWS per post, each once. The URL is normalized so one page is one preview.
 */
import MarkdownIt from 'markdown-it'

export const MAX_PREVIEWS = 3
export const MAX_URL_LENGTH = 2_000

// The same reading of links as posts get (markdown-it with linkify), without rendering anything.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true })

/**
 * The normalized form of a URL that may get a preview, or null: http(s) with no credentials, lower-case
 * host, no fragment, no default port. Whether its port and host may be fetched is the guard's question,
 * asked by the job on every hop (a refused one is stored as a failure and shows no card).
 */
export function normalizePreviewUrl(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return null
  url.hash = ''
  return url.href
}

/** The URLs of a post's Markdown that stand alone on their lines, normalized, in order. */
export function previewUrls(markdown: string): string[] {
  const tokens = md.parse(markdown, {})
  const found: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    // Top-level paragraphs only: `inline` at level 1 inside a `paragraph_open` at level 0.
    if (t.type !== 'inline' || t.level !== 1 || tokens[i - 1]?.type !== 'paragraph_open') continue
    const lines: (typeof t.children & object)[] = [[]]
    for (const c of t.children ?? []) {
      if (c.type === 'softbreak' || c.type === 'hardbreak') lines.push([])
      else lines[lines.length - 1].push(c)
    }
    for (const line of lines) {
      const parts = line.filter((c) => !(c.type === 'text' && c.content.trim() === ''))
      const [open, text, close] = parts
      if (parts.length !== 3 || open.type !== 'link_open' || text.type !== 'text' || close.type !== 'link_close') continue
      const href = open.attrGet('href') ?? ''
      // A bare link (linkified, or <autolink>), not [words](url): its text is the address itself.
      if (open.markup !== 'linkify' && open.markup !== 'autolink') continue
      const url = normalizePreviewUrl(href)
      if (url && !found.includes(url)) found.push(url)
      if (found.length === MAX_PREVIEWS) return found
    }
  }
  return found
}
