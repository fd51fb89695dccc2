/**
 * Issue 10, item 8 — the smaller things a new user trips over: a header that fits on one line, a clean
 * address after deleting a post, no history link on a deleted post, quotes that keep their formatting,
 * a human status page.
 */
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, signIn, strongPassword, test, uniqueEmail } from './fixtures.ts'

for (const locale of ['tr', 'en'] as const) {
  test(`an admin's header fits on one line at 1280 px and stays usable at 390 px (${locale})`, async ({ page, db }) => {
    const password = strongPassword('hdr')
    const email = uniqueEmail('hdr')
    await db.createUser({ email, password, name: 'Başlık Yönetici', role: 'ADMIN', locale })
    await signIn(page, { email, password })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/spaces')
    const banner = page.getByRole('banner')
    const nav = banner.getByRole('navigation')
    await expect(nav.getByRole('link', { name: locale === 'tr' ? 'Moderasyon' : 'Moderation' })).toBeVisible()
    // One line: the logo, the menu and the account buttons share a row, and the header is one row high.
    const logo = (await banner.getByRole('link').first().boundingBox())!
    const menu = (await nav.boundingBox())!
    const signOut = (await banner.getByRole('button', { name: /^(Sign out|Çıkış yap)$/ }).boundingBox())!
    expect(Math.abs(menu.y + menu.height / 2 - (logo.y + logo.height / 2))).toBeLessThan(8)
    expect(Math.abs(signOut.y + signOut.height / 2 - (logo.y + logo.height / 2))).toBeLessThan(8)
    expect((await banner.boundingBox())!.height).toBeLessThan(80)
    // Room for the Moderation link's count badge: the row does not fill the width.
    expect(signOut.x - (menu.x + menu.width)).toBeGreaterThan(120)
    await page.screenshot({ path: `/tmp/shots-polish/header-1280-${locale}.png` })

    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto('/spaces')
    await page.getByText(locale === 'tr' ? 'Menü' : 'Menu', { exact: true }).click()
    const small = page.getByRole('banner').getByRole('navigation')
    for (const name of locale === 'tr'
      ? ['Alanlar', 'Kuruluşlar', 'Moderasyon', 'Yönetim']
      : ['Spaces', 'Organizations', 'Moderation', 'Admin'])
      await expect(small.getByRole('link', { name, exact: true })).toBeVisible()
    await expectNoHorizontalScroll(page)
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `/tmp/shots-polish/header-390-${locale}.png` })
  })
}
