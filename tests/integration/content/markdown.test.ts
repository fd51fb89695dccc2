import { describe, expect, it } from 'vitest'
import { classifyUrl, extractMentions, renderMarkdown } from '../../../app/modules/content/markdown.server.ts'
import { quoteMarkdown } from '../../../app/modules/content/quote.ts'

const html = (s: string) => renderMarkdown(s).html

describe('renderMarkdown', () => {
  it('keeps rel="nofollow ugc noopener" on every link a person wrote', () => {
    expect(html('[site](https://example.org)')).toBe('<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>\n')
    expect(html('see https://example.org/x')).toContain('<a href="https://example.org/x" rel="nofollow ugc noopener">')
    expect(html('[thread](/threads/abc)')).toContain('<a href="/threads/abc" rel="nofollow ugc noopener">')
    expect(html('<mailto:a@example.org>')).toContain('href="mailto:a@example.org" rel="nofollow ugc noopener"')
  })

  it('demotes headings below the post heading (h4–h6 only)', () => {
    expect(html('# a\n## b\n### c\n#### d\n##### e\n###### f')).toBe(
      '<h4>a</h4>\n<h4>b</h4>\n<h5>c</h5>\n<h6>d</h6>\n<h6>e</h6>\n<h6>f</h6>\n',
    )
  })

  it('shows only uploaded images; others become links, or text inside a link', () => {
    const ok = '/uploads/posts/0123456789abcdef0123456789abcdef.webp'
    expect(html(`![poster](${ok})`)).toBe(`<p><img src="${ok}" alt="poster" loading="lazy" /></p>\n`)
    expect(html('![poster](https://tracker.example/p.png)')).toBe(
      '<p><a href="https://tracker.example/p.png" rel="nofollow ugc noopener">poster</a></p>\n',
    )
    expect(html('[![poster](https://tracker.example/p.png)](https://example.org)')).toBe(
      '<p><a href="https://example.org" rel="nofollow ugc noopener">poster</a></p>\n',
    )
    expect(html('![x](data:image/png;base64,AAAA)')).not.toContain('<img')
  })

  it('never passes raw HTML, styles or classes through; code blocks stay', () => {
    expect(html('<b style="color:red">x</b>')).toBe('<p>&lt;b style="color:red"&gt;x&lt;/b&gt;</p>\n')
    expect(html('```js\nconst a = "<b>"\n```')).toBe('<pre><code>const a = "&lt;b&gt;"\n</code></pre>\n')
    expect(html('| a |\n|--:|\n| 1 |')).not.toContain('style')
  })

  it('leaves @names as text when nothing is looked up, and lists them', () => {
    const r = renderMarkdown('Hi @Ayse-Kaya, @stgm and @ayşe; me@example.org `@code` [@x](https://e.example)')
    expect(r.html).not.toContain('mention')
    expect(r.mentions).toEqual(['ayse-kaya', 'stgm'])
    expect(extractMentions('@a-b-c. (@ok) x@no @-no @yes-')).toEqual(['a-b-c', 'ok', 'yes'])
  })
})

describe('classifyUrl', () => {
  it('accepts http(s), mailto and same-site paths only', () => {
    expect(classifyUrl('https://example.org')).toBe('external')
    expect(classifyUrl('mailto:a@example.org')).toBe('external')
    expect(classifyUrl('/threads/1')).toBe('internal')
    expect(classifyUrl('#post-3')).toBe('internal')
    for (const bad of [
      'javascript:alert(1)',
      ' JAVA\tSCRIPT:x',
      'vbscript:x',
      'data:text/html,x',
      '//evil.example',
      '/\\evil.example',
      'http:/x',
      'ftp://x',
      'relative/path',
      'java\u200bscript:x',
    ]) {
      expect(classifyUrl(bad)).toBeNull()
    }
  })
})

describe('quoteMarkdown', () => {
  it('quotes a passage under a link to its post', () => {
    expect(quoteMarkdown('first line\n\nsecond [line]', { name: 'Ayşe [Kaya]', number: 12, href: '/threads/t1/posts/12' })).toBe(
      '> [Ayşe \\[Kaya\\] · #12](/threads/t1/posts/12)\n>\n> first line\n>\n> second [line]\n\n',
    )
    expect(quoteMarkdown('x', { name: 'A', number: 1, href: 'javascript:alert(1)' })).toBe('> A · #1\n>\n> x\n\n')
  })
})
