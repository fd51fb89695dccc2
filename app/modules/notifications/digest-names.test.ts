/** One name for one setting: "Daily digest" / "Günlük özet" in settings, space settings and mails (issue 10, item 8.6). */
import { describe, expect, it } from 'vitest'
import { getT } from '~/lib/i18n'
import { resources } from '~/locales'

describe('digest names', () => {
  for (const locale of ['tr', 'en'] as const) {
    it(`are the same everywhere in ${locale}`, () => {
      const t = getT(locale)
      for (const f of ['DAILY', 'WEEKLY'] as const) {
        const name = t(`settings.notifications.frequency.${f}`)
        expect(t(`spaces.email.${f}`)).toBe(name)
        const subject = t(`mail.discussion.digest.subject${f === 'DAILY' ? 'Daily' : 'Weekly'}`, { count: 2 })
        expect(subject.startsWith(`${name}:`)).toBe(true)
      }
    })
  }

  it('no English text calls it a "summary"', () => {
    const text = JSON.stringify([resources.en.settings, resources.en.spaces, resources.en.mail, resources.en.notifications])
    expect(text).not.toMatch(/daily summary|weekly summary|last summary|weekly or daily summary|daily or weekly summary/i)
  })
})
