/** Every audit code has a label in both languages, so no log shows "post.hide" (issue 10, item 8.5). */
import { describe, expect, it } from 'vitest'
import { getT } from '~/lib/i18n'
import { resources } from '~/locales'
import { AUDIT_ACTIONS, auditActionKey, auditActionLabel } from './actions'

const lookup = (dict: unknown, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dict)

describe('audit codes', () => {
  for (const locale of ['tr', 'en'] as const) {
    it(`each has a label in ${locale}`, () => {
      const missing = AUDIT_ACTIONS.filter((code) => {
        const [ns, ...rest] = auditActionKey(code).split('.')
        const label = lookup(resources[locale][ns as keyof (typeof resources)['tr']], rest.join('.'))
        return typeof label !== 'string' || !label.trim()
      })
      expect(missing).toEqual([])
    })
  }

  it('labels read as words, and the two languages differ', () => {
    const tr = getT('tr')
    const en = getT('en')
    for (const code of AUDIT_ACTIONS) {
      expect(auditActionLabel(en, code)).not.toBe(code)
      expect(auditActionLabel(tr, code)).not.toBe(auditActionLabel(en, code))
    }
    expect(auditActionLabel(en, 'post.hide')).toBe('Hid a post')
    expect(auditActionLabel(tr, 'post.hide')).toBe('Mesaj gizledi')
    // A code retired since it was written shows as stored, never as a dictionary key.
    expect(auditActionLabel(en, 'legacy.thing')).toBe('legacy.thing')
  })

  it('the list has no duplicates', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
  })
})
