import { describe, expect, it } from 'vitest'
import { withoutNul } from './entry.server'

describe('withoutNul', () => {
  it('drops the unfilled bytes React 18.3 leaves where a character did not fit, and keeps the text', () => {
    const text = Buffer.from('metnin yazdığından farklı')
    const at = text.indexOf(Buffer.from('ğ'))
    const broken = Buffer.concat([text.subarray(0, at), Buffer.from([0]), text.subarray(at)])
    expect(withoutNul(broken).toString()).toBe('metnin yazdığından farklı')
  })
  it('returns a page without NUL as it is', () => {
    const page = Buffer.from('<!DOCTYPE html><p>İstanbul</p>')
    expect(withoutNul(page)).toBe(page)
  })
})
