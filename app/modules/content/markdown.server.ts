/**
 * Post bodies are Markdown. They are rendered once, when written, to HTML that has been through a strict
 * allow-list, and that HTML is what every reader gets. Raw HTML in the source is never passed through.
 *
 * Two layers, so one mistake is not enough for a stored XSS:
 * 1. markdown-it with `html: false` (tags in the source stay text), our own link check (only http(s),
 *    mailto and same-site paths become links), images only from our uploads, headings demoted;
 * 2. sanitize-html over the result with an allow-list of tags and attributes, checking every URL again.
 * tests/fixtures/xss-corpus.ts holds the payloads both layers are tested against (also in Chromium).
 */
import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'
import type { Tx } from '~/lib/db.server'
import { resolveMentions, type ResolvedMentions } from './mentions.server'
import { HANDLE_MAX, POST_IMAGE_PATH } from './shared'

type Token = ReturnType<MarkdownIt['parse']>[number]

export interface Rendered {
  html: string
  mentions: string[]
}

interface RenderEnv {
  /** every @handle written outside code and links, lower-cased */
  handles?: Set<string>
  /** handles that name a person or an organization; unresolved ones stay plain text */
  resolved?: { users: Map<string, string>; orgs: Map<string, string> }
}

// ── links ────────────────────────────────────────────────────────────────────────────────────────

/** Browsers skip whitespace, control and invisible characters inside a URL's scheme: so does the check. */
const IGNORED_IN_URL =
  // Each of these is listed alone on purpose (fillers and invisible marks), not as part of a cluster.
  // eslint-disable-next-line no-misleading-character-class
  /[\u0000-\u0020\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0]/g

export type LinkKind = 'external' | 'internal'

/** Which links a post may carry: http(s) and mailto, and paths on this site (never `//host` or `/\host`). */
export function classifyUrl(raw: string): LinkKind | null {
  const url = raw.replace(IGNORED_IN_URL, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase()
  if (scheme) {
    if (scheme === 'mailto') return url.length > 'mailto:'.length ? 'external' : null
    if (scheme === 'http' || scheme === 'https') return /^https?:\/\/[^/\\\s]/i.test(url) ? 'external' : null
    return null
  }
  if (url.startsWith('#')) return 'internal'
  if (url.startsWith('/') && !/^\/[/\\]/.test(url)) return 'internal'
  return null
}

// ── mentions ─────────────────────────────────────────────────────────────────────────────────────

/**
 * `@name` after a start, a space or punctuation (not inside a word or an address), ending where the
 * name ends: `@ayşe` is no mention of `@ay`.
 */
const MENTION = /(^|[^\p{L}\p{N}_@./+-])@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?![\p{L}\p{N}_]|-[\p{L}\p{N}])/giu

function splitMentions(text: string): (string | { raw: string; handle: string })[] {
  const parts: (string | { raw: string; handle: string })[] = []
  let last = 0
  for (const m of text.matchAll(MENTION)) {
    if (m[2].length > HANDLE_MAX) continue
    const start = m.index + m[1].length
    if (start > last) parts.push(text.slice(last, start))
    parts.push({ raw: `@${m[2]}`, handle: m[2].toLowerCase() })
    last = start + 1 + m[2].length
  }
  if (last < text.length) parts.push(text.slice(last))
  return parts
}

// ── markdown-it ──────────────────────────────────────────────────────────────────────────────────

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
md.validateLink = (url) => classifyUrl(url) !== null
const escapeHtml = md.utils.escapeHtml

/** A post's own heading is an h3 on the thread page, so its body's headings start at h4. */
const DEMOTED: Record<string, string> = { h1: 'h4', h2: 'h4', h3: 'h5', h4: 'h6', h5: 'h6', h6: 'h6' }

md.core.ruler.push('birlikte', (state) => {
  const env = state.env as RenderEnv
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = DEMOTED[token.tag] ?? token.tag
    if (token.type !== 'inline' || !token.children) continue
    const out: Token[] = []
    let inLink = 0
    for (const child of token.children) {
      if (child.type === 'link_open') inLink++
      if (child.type === 'link_close') inLink--
      if (child.type !== 'text' || inLink > 0 || !child.content.includes('@')) {
        out.push(child)
        continue
      }
      for (const part of splitMentions(child.content)) {
        if (typeof part === 'string') {
          const text = new state.Token('text', '', 0)
          text.content = part
          out.push(text)
        } else {
          ;(env.handles ??= new Set()).add(part.handle)
          const mention = new state.Token('mention', '', 0)
          mention.content = part.raw
          mention.meta = { handle: part.handle }
          out.push(mention)
        }
      }
    }
    token.children = out
  }
})

md.renderer.rules.mention = (tokens, idx, _options, env: RenderEnv) => {
  const { content, meta } = tokens[idx]
  const handle = (meta as { handle: string }).handle
  // A person links to their profile page, an organization to its profile.
  if (env.resolved?.users.has(handle)) return `<a class="mention" href="/people/${escapeHtml(handle)}">@${escapeHtml(handle)}</a>`
  const slug = env.resolved?.orgs.get(handle)
  if (slug) return `<a class="mention" href="/orgs/${escapeHtml(slug)}">@${escapeHtml(slug)}</a>`
  return escapeHtml(content)
}

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  const src = token.attrGet('src') ?? ''
  const title = token.attrGet('title')
  const alt = self.renderInlineAsText(token.children ?? [], options, env)
  if (POST_IMAGE_PATH.test(src)) {
    return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''} loading="lazy">`
  }
  // An image from another site would tell that site who reads the thread: it becomes a link instead,
  // or its text when it already sits inside a link (links cannot nest).
  const insideLink = tokens.slice(0, idx).reduce((n, t) => n + (t.type === 'link_open' ? 1 : t.type === 'link_close' ? -1 : 0), 0) > 0
  if (insideLink) return escapeHtml(alt || src)
  return `<a href="${escapeHtml(src)}">${escapeHtml(alt || src)}</a>`
}

// ── sanitize-html ────────────────────────────────────────────────────────────────────────────────

export const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'span',
  'h4',
  'h5',
  'h6',
  'hr',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
] as const

export const USER_LINK_REL = 'nofollow ugc noopener'

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  // `rel` must be listed here: transformTags runs first, and an attribute not on this list is dropped.
  allowedAttributes: { a: ['href', 'title', 'rel', 'class'], img: ['src', 'alt', 'title', 'loading'], ol: ['start'], span: ['class'] },
  allowedClasses: { a: ['mention'], span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h4',
    h2: 'h4',
    h3: 'h5',
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const { href, title } = attribs
      const kind = href ? classifyUrl(href) : null
      // Mention links are ours (made above from a resolved slug); every other link was written by a user.
      if (kind === 'internal' && attribs.class === 'mention' && /^\/(orgs|people)\/[a-z0-9-]+$/.test(href)) {
        return { tagName, attribs: { href, class: 'mention' } }
      }
      if (!kind) return { tagName: 'span', attribs: {} }
      return { tagName, attribs: { href, ...(title ? { title } : {}), rel: USER_LINK_REL } }
    },
    img: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: { src: attribs.src ?? '', alt: attribs.alt ?? '', ...(attribs.title ? { title: attribs.title } : {}), loading: 'lazy' },
    }),
    span: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: attribs.class === 'mention' ? { class: 'mention' } : {} }),
    ol: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: /^\d{1,9}$/.test(attribs.start ?? '') ? { start: attribs.start } : {},
    }),
  },
  // An image that is not one of our uploads has no place in a post.
  exclusiveFilter: (frame) => frame.tag === 'img' && !POST_IMAGE_PATH.test(frame.attribs.src ?? ''),
}

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE)
}

function render(source: string, env: RenderEnv) {
  const tokens = md.parse(source, env)
  return { tokens, html: () => sanitizePostHtml(md.renderer.render(tokens, md.options, env)) }
}

/** @handles and @org-slugs written in a body (outside code and links), lower-cased, without duplicates. */
export function extractMentions(source: string): string[] {
  const env: RenderEnv = {}
  md.parse(source, env)
  return [...(env.handles ?? [])]
}

/** Renders without looking anything up: every @name stays plain text. */
export function renderMarkdown(source: string): Rendered {
  const env: RenderEnv = {}
  const { html } = render(source, env)
  return { html: html(), mentions: [...(env.handles ?? [])] }
}

/**
 * Renders a post body: its @names are looked up, and only existing people and organizations become
 * mentions (what the caller notifies).
 */
export async function renderPost(tx: Tx, source: string): Promise<{ html: string; mentions: ResolvedMentions }> {
  const env: RenderEnv = {}
  const { html } = render(source, env)
  const mentions = await resolveMentions(tx, [...(env.handles ?? [])])
  env.resolved = {
    users: new Map(mentions.users.map((u) => [u.handle, u.handle])),
    orgs: new Map(mentions.orgs.map((o) => [o.slug, o.slug])),
  }
  return { html: html(), mentions }
}
