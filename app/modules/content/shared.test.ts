import { describe, expect, it } from 'vitest'
import { plainExcerpt } from './shared'

describe('plainExcerpt', () => {
  it('drops Markdown marks but keeps the words (and underscores inside them)', () => {
    expect(
      plainExcerpt('Merhaba, **personel** ve _dolaylı_ giderler.\n\n- [bağlantı](https://x.org) `kod`\n> alıntı\n# Başlık snake_case', 300),
    ).toBe('Merhaba, personel ve dolaylı giderler. bağlantı kod alıntı Başlık snake_case')
  })
  it('cuts at a word near the limit', () => {
    expect(plainExcerpt('bir iki üç dört beş altı yedi', 16)).toBe('bir iki üç dört…')
  })
})
