import { describe, expect, it } from 'vitest'
import { sniffImage } from './logo.server'

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)))

describe('sniffImage', () => {
  it('knows PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffImage(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0]))).toBe('png')
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xdb]))).toBe('jpg')
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp')
  })

  it('refuses everything else, including look-alikes and truncated headers', () => {
    expect(sniffImage(bytes('<!doctype html><script>'))).toBeNull()
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffImage(bytes('GIF89a'))).toBeNull()
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBeNull()
    expect(sniffImage(bytes([0x89], 'PNG'))).toBeNull()
    expect(sniffImage(bytes([0xff, 0xd8]))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
  })
})
