import { describe, expect, it } from 'vitest'
import { MAX_PREVIEWS, normalizePreviewUrl, previewUrls } from './links.server'

describe('previewUrls: a bare link alone on its line, at the top level', () => {
  it('takes lone links, in order, once each, normalized', () => {
    const body = ['Bakın:', 'https://Example.org/rehber#bolum', '', '<https://ornek.org.tr/a?b=1>', '', 'https://example.org/rehber'].join(
      '\n',
    )
    expect(previewUrls(body)).toEqual(['https://example.org/rehber', 'https://ornek.org.tr/a?b=1'])
  })

  it('leaves links inside sentences, with their own text, in quotes, lists and code', () => {
    const body = [
      'Şuna bakın https://example.org/a bence iyi.',
      '',
      '[rehber](https://example.org/b)',
      '',
      '> https://example.org/c',
      '',
      '- https://example.org/d',
      '',
      '```',
      'https://example.org/e',
      '```',
      '',
      '    https://example.org/f',
      '',
      '`https://example.org/g`',
    ].join('\n')
    expect(previewUrls(body)).toEqual([])
  })

  it('leaves other schemes and links with credentials; other ports are for the guard to refuse', () => {
    const body = ['http://user:pw@example.org/', 'ftp://example.org/', 'mailto:a@example.org', 'http://example.org:8080/'].join('\n\n')
    expect(previewUrls(body)).toEqual(['http://example.org:8080/'])
  })

  it(`at most ${MAX_PREVIEWS} per post`, () => {
    const body = Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`).join('\n\n')
    expect(previewUrls(body)).toHaveLength(MAX_PREVIEWS)
  })

  it('normalizes the default port away and keeps the query', () => {
    expect(normalizePreviewUrl('HTTPS://EXAMPLE.org:443/Yol?q=1#x')).toBe('https://example.org/Yol?q=1')
    expect(normalizePreviewUrl(`https://example.org/${'a'.repeat(3000)}`)).toBeNull()
  })
})
