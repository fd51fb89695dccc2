/**
 * Content rules that the browser needs too (the composer, the preview, the upload button): kept out of
 * the *.server.ts files, which are empty in the browser build.
 */

/** Post images: up to 4 MB, PNG, JPEG, WebP or GIF (recognised by their bytes on the server). */
export const POST_IMAGE_MAX_BYTES = 4 * 1024 * 1024
export const POST_IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp,image/gif'
export const POST_IMAGE_EXTS = ['png', 'jpg', 'webp', 'gif'] as const
export type PostImageExt = (typeof POST_IMAGE_EXTS)[number]

/** A stored post image's file name (random, made by the server) and its public address. */
export const POST_IMAGE_NAME = /^[a-f0-9]{32}\.(png|jpg|webp|gif)$/
export const POST_IMAGE_PATH = /^\/uploads\/posts\/[a-f0-9]{32}\.(?:png|jpg|webp|gif)$/
export const postImageUrl = (name: string) => `/uploads/posts/${name}`

/** The longest text the preview renders; post bodies are limited well below this by the discussions area. */
export const PREVIEW_MAX_CHARS = 100_000

/** @handles and org slugs: lower-case letters, digits and inner hyphens, 2–60 characters. */
export const HANDLE_MAX = 60
export const MENTION_QUERY_MAX = 60

/** Alt text goes inside `![…]`: brackets and line breaks would end it early. */
export function imageMarkdown(alt: string, url: string) {
  const clean = alt
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\[\]])/g, '\\$1')
    .trim()
  return `![${clean}](${url})`
}

export interface Mentionable {
  kind: 'person' | 'org'
  /** what goes after the @ */
  handle: string
  name: string
  /** asked with a place (`?thread=` / `?space=`): false when this person cannot see it and will not be told */
  canSee?: boolean
}

/**
 * Plain text from Markdown source (never the HTML): links and images become their text, emphasis, code,
 * heading, quote and list marks go, whitespace is folded, and the text is cut at a word near `max`.
 */
export function plainExcerpt(source: string, max: number) {
  const flat = source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-+*]|\d{1,9}[.)])\s+/gm, '')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|\s)[*_](\S)/g, '$1$2')
    .replace(/(\S)[*_](?=\s|[.,;:!?]|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}
