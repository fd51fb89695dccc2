/**
 * "Quote a passage": the selected text as a Markdown blockquote headed by a link to where it was
 * written. Language-neutral on purpose — it becomes part of the post, read in both languages.
 */

/** Characters that would turn a name into Markdown (or end the link text early). */
const escapeInline = (s: string) => s.replace(/[\\`*_[\]<>#!|~]/g, '\\$&')

export function quoteMarkdown(text: string, source: { name: string; number: number; href: string }): string {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n')
  const body = lines.map((l) => (l.trim() ? `> ${l}` : '>')).join('\n')
  const name = escapeInline(source.name.replace(/\s+/g, ' ').trim())
  // Only a path on this site may head a quote (a thread permalink).
  const href = /^\/(?![/\\])[^\s()<>]*$/.test(source.href) ? source.href : ''
  const heading = href ? `> [${name} · #${source.number}](${href})` : `> ${name} · #${source.number}`
  return `${heading}\n>\n${body}\n\n`
}
