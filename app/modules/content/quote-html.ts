/**
 * A post's rendered HTML (or the part of it a reader selected) back into Markdown for a quote, so lists,
 * links, code and emphasis survive quoting (issue 10, item 8.10); the browser's innerText dropped them.
 * It reads only what the sanitizer lets through (markdown.server.ts ALLOWED_TAGS) and works on anything
 * shaped like a DOM node, so the browser passes its own nodes and tests pass parsed ones.
 */

export interface QuoteNode {
  /** 1 element, 3 text, 11 fragment (a selection's contents) */
  nodeType: number
  nodeName: string
  nodeValue: string | null
  childNodes: ArrayLike<QuoteNode>
  getAttribute?: (name: string) => string | null
}

const BLOCKS = new Set(['P', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'TABLE', 'DIV'])

const children = (node: QuoteNode) => Array.from(node.childNodes)
const tag = (node: QuoteNode) => node.nodeName.toUpperCase()
const isBlock = (node: QuoteNode) => node.nodeType === 1 && BLOCKS.has(tag(node))
const attr = (node: QuoteNode, name: string) => node.getAttribute?.(name) ?? null

/** Characters that would otherwise turn plain text into Markdown. */
const escapeText = (s: string) => s.replace(/[\\`*_[\]]/g, '\\$&')

function textOf(node: QuoteNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? ''
  return children(node).map(textOf).join('')
}

function codeSpan(text: string) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return text.startsWith('`') || text.endsWith('`') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`
}

function inline(nodes: QuoteNode[]): string {
  return nodes.map(inlineNode).join('')
}

function inlineNode(node: QuoteNode): string {
  if (node.nodeType === 3) return escapeText((node.nodeValue ?? '').replace(/\s+/g, ' '))
  if (node.nodeType !== 1 && node.nodeType !== 11) return ''
  const inner = () => inline(children(node))
  const wrap = (mark: string) => {
    const text = inner()
    // Markdown emphasis may not start or end with a space: keep the spaces outside the marks.
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!
    return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : text
  }
  switch (tag(node)) {
    case 'STRONG':
    case 'B':
      return wrap('**')
    case 'EM':
    case 'I':
      return wrap('*')
    case 'DEL':
    case 'S':
      return wrap('~~')
    case 'CODE':
      return codeSpan(textOf(node))
    case 'BR':
      return '\\\n'
    case 'IMG': {
      const src = attr(node, 'src')
      return src ? `![${escapeText(attr(node, 'alt') ?? '')}](${src})` : ''
    }
    case 'A': {
      const href = attr(node, 'href')
      const text = inner()
      // A mention is its text ("@name"); a bare link whose text is its address stays bare (autolinked).
      if (!href || (attr(node, 'class') ?? '').split(/\s+/).includes('mention')) return text
      if (text.replace(/\\/g, '') === href) return href
      return `[${text}](${href.replace(/[()\s]/g, encodeURIComponent)})`
    }
    default:
      return isBlock(node) ? blocks([node]).join('\n\n') : inner()
  }
}

const indent = (text: string, first: string, rest: string) =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : '') + line)
    .join('\n')

/** Block nodes to Markdown blocks (separated by blank lines); loose inline runs become paragraphs. */
function blocks(nodes: QuoteNode[]): string[] {
  const out: string[] = []
  let run: QuoteNode[] = []
  const flush = () => {
    const text = inline(run).trim()
    if (text) out.push(text)
    run = []
  }
  for (const node of nodes) {
    if (!isBlock(node)) {
      if (node.nodeType === 11) {
        flush()
        out.push(...blocks(children(node)))
      } else run.push(node)
      continue
    }
    flush()
    const block = blockNode(node)
    if (block) out.push(block)
  }
  flush()
  return out
}

function blockNode(node: QuoteNode): string {
  switch (tag(node)) {
    case 'P':
      return inline(children(node)).trim()
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
      return `${'#'.repeat(Number(tag(node)[1]))} ${inline(children(node)).trim()}`
    case 'HR':
      return '---'
    case 'PRE': {
      const code = textOf(node).replace(/\n$/, '')
      const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length))
      const fence = '`'.repeat(longest + 1)
      return `${fence}\n${code}\n${fence}`
    }
    case 'BLOCKQUOTE':
      return blocks(children(node))
        .join('\n\n')
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n')
    case 'UL':
    case 'OL': {
      const ordered = tag(node) === 'OL'
      const start = Number(attr(node, 'start') ?? 1) || 1
      const items = children(node).filter((c) => c.nodeType === 1 && tag(c) === 'LI')
      // Tight lists (no <p> inside the items) stay tight.
      const loose = items.some((li) => children(li).some((c) => c.nodeType === 1 && tag(c) === 'P'))
      return items
        .map((li, i) => {
          const marker = ordered ? `${start + i}. ` : '- '
          const body = blocks(children(li)).join(loose ? '\n\n' : '\n')
          return indent(body, marker, ' '.repeat(marker.length))
        })
        .join(loose ? '\n\n' : '\n')
    }
    case 'LI':
      return indent(blocks(children(node)).join('\n'), '- ', '  ')
    case 'TABLE': {
      const rows = collect(node, 'TR').map((tr) =>
        children(tr)
          .filter((c) => c.nodeType === 1 && (tag(c) === 'TD' || tag(c) === 'TH'))
          .map((cell) => inline(children(cell)).trim().replace(/\|/g, '\\|')),
      )
      if (!rows.length) return ''
      const width = Math.max(...rows.map((r) => r.length))
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`
      return [line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n')
    }
    default:
      return blocks(children(node)).join('\n\n')
  }
}

function collect(node: QuoteNode, name: string): QuoteNode[] {
  return children(node).flatMap((c) => (c.nodeType !== 1 ? [] : tag(c) === name ? [c] : collect(c, name)))
}

/** The Markdown for a post body or a selection of it. */
export function htmlToMarkdown(root: QuoteNode): string {
  return blocks(root.nodeType === 1 && !isBlock(root) ? children(root) : [root])
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
