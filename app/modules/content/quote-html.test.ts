/** Quoting keeps a post's lists, links, code and emphasis as Markdown (issue 10, item 8.10). */
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Document } from 'domhandler'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown.server'
import { htmlToMarkdown, type QuoteNode } from './quote-html'
import { quoteMarkdown } from './quote'

/** htmlparser2's nodes in the DOM's shape (the browser hands over real DOM nodes). */
function asDom(node: ChildNode | Document): QuoteNode {
  if (node.type === 'text') return { nodeType: 3, nodeName: '#text', nodeValue: node.data, childNodes: [] }
  if (node.type === 'root') return { nodeType: 11, nodeName: '#document-fragment', nodeValue: null, childNodes: node.children.map(asDom) }
  if (node.type === 'tag')
    return {
      nodeType: 1,
      nodeName: node.name.toUpperCase(),
      nodeValue: null,
      childNodes: node.children.map(asDom),
      getAttribute: (name) => node.attribs[name] ?? null,
    }
  return { nodeType: 8, nodeName: '#comment', nodeValue: null, childNodes: [] }
}

const fromHtml = (html: string) => htmlToMarkdown(asDom(parseDocument(html)))
/** Rendered, turned back into Markdown and rendered again: the same post. */
const roundTrip = (source: string) => {
  const html = renderMarkdown(source).html
  const back = fromHtml(html)
  return { html, back, again: renderMarkdown(back).html }
}

describe('quoting a rendered post', () => {
  it('keeps lists, nested lists and ordered starts', () => {
    const { back, html, again } = roundTrip('Plan:\n\n- first *step*\n- second\n  1. sub one\n  2. sub two\n\n3. three\n4. four')
    expect(back).toContain('- first *step*\n- second\n  1. sub one\n  2. sub two')
    expect(back).toContain('3. three\n4. four')
    expect(again).toBe(html)
  })

  it('keeps links (text and address), bare links and mentions as written', () => {
    const { back, html, again } = roundTrip('See [the guide](https://example.org/a_b?x=1) or https://example.org/c — thanks @ayse')
    expect(back).toContain('[the guide](https://example.org/a_b?x=1)')
    expect(back).toContain('https://example.org/c')
    expect(back).toContain('@ayse')
    expect(again).toBe(html)
  })

  it('keeps code blocks, inline code, emphasis, strike-through, headings and quotes', () => {
    const source = '#### Notes\n\nUse `npm ci` and **never** ~~skip~~ tests.\n\n```\nconst a = `x`\n  indented\n```\n\n> quoted *line*'
    const { back, html, again } = roundTrip(source)
    expect(back).toContain('#### Notes')
    expect(back).toContain('Use `npm ci` and **never** ~~skip~~ tests.')
    expect(back).toContain('```\nconst a = `x`\n  indented\n```')
    expect(back).toContain('> quoted *line*')
    expect(again).toBe(html)
  })

  it('escapes what was plain text, so it stays plain', () => {
    const { back, html, again } = roundTrip('2 \\* 3 and snake\\_case and \\[not a link\\]')
    expect(again).toBe(html)
    expect(back).toBe('2 \\* 3 and snake\\_case and \\[not a link\\]')
  })

  it('turns a selection (a fragment of text and list items) into Markdown too', () => {
    expect(fromHtml('<li>one <a href="https://example.org">link</a></li><li>two</li>')).toBe('- one [link](https://example.org)\n\n- two')
    expect(fromHtml('just some <strong>bold</strong> words')).toBe('just some **bold** words')
  })

  it('becomes a quote whose every line is quoted', () => {
    const md = fromHtml(renderMarkdown('- a\n- [b](https://example.org)').html)
    expect(quoteMarkdown(md, { name: 'Ayşe', number: 3, href: '/threads/t/posts/3' })).toBe(
      '> [Ayşe · #3](/threads/t/posts/3)\n>\n> - a\n> - [b](https://example.org)\n\n',
    )
  })
})
