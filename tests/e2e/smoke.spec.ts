/**
 * The shell, signed out: both languages, every section in the main navigation, the language switch,
 * the skip link, a 320 px wide screen, and axe on each page.
 */
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, test } from './fixtures.ts'

const SECTIONS = [
  { path: '/spaces', en: 'Spaces', tr: 'Alanlar' },
  { path: '/orgs', en: 'Organizations', tr: 'Kuruluşlar' },
]
/** Sections still being built: no menu entry, and their addresses answer 404 (issue 10, item 8.3). */
const PLANNED = ['/meetings', '/civil-space', '/exchange', '/resources', '/search']
const PAGES = ['/', ...SECTIONS.map((s) => s.path)]

test.describe('home page language', () => {
  test.describe('a Turkish browser', () => {
    test.use({ locale: 'tr-TR' })
    test('gets Turkish', async ({ page }) => {
      await page.goto('/')
      await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Birlikte öğrenelim, birlikte harekete geçelim')
      await expect(page.getByRole('banner').getByRole('link', { name: 'Giriş yap' })).toBeVisible()
      await expectNoAxeViolations(page)
    })
  })

  test.describe('a browser asking for neither language', () => {
    test.use({ locale: 'de-DE' })
    test('gets Turkish, the default', async ({ page }) => {
      await page.goto('/')
      await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
      await expect(page.getByRole('navigation', { name: 'Ana menü' })).toBeVisible()
    })
  })

  test.describe('an en-GB browser', () => {
    test.use({ locale: 'en-GB' })
    test('gets English', async ({ page }) => {
      await page.goto('/')
      await expect(page.locator('html')).toHaveAttribute('lang', 'en')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learn together, act together')
      await expect(page).toHaveTitle(/birlikte/)
      await expectNoAxeViolations(page)
    })
  })
})

test('sections still being built have no menu entry and answer 404 in the shell', async ({ page }) => {
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const name of ['Meetings', 'Civil Space', 'Exchange', 'Resources', 'Search'])
    await expect(nav.getByRole('link', { name, exact: true })).toHaveCount(0)
  for (const path of PLANNED) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('banner')).toBeVisible()
  }
})

test.describe('main navigation', () => {
  for (const section of SECTIONS) {
    test(`${section.path} opens from the header, in both languages, without axe violations`, async ({ page }) => {
      await page.goto('/')
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: section.en, exact: true }).click()
      await expect(page).toHaveURL(new RegExp(`${section.path}$`))
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
      await expect(nav.getByRole('link', { name: section.en, exact: true })).toHaveAttribute('aria-current', 'page')
      await expectNoAxeViolations(page)

      const response = await page.goto(section.path)
      expect(response?.status()).toBe(200)

      await page.context().addCookies([{ name: 'lang', value: 'tr', url: page.url() }])
      await page.reload()
      await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
      await expect(page.getByRole('navigation', { name: 'Ana menü' }).getByRole('link', { name: section.tr, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      )
      await expectNoAxeViolations(page)
    })
  }
})

test('the header language switch changes the language and stays on the page', async ({ page }) => {
  await page.goto('/orgs')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('banner').getByRole('button', { name: "Türkçe'ye geç" }).click()
  await expect(page).toHaveURL(/\/orgs$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kuruluşlar')

  // The choice sticks across pages…
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
  // …and switches back.
  await page.getByRole('banner').getByRole('button', { name: 'Switch to English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learn together, act together')
})

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/orgs')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeFocused()
  // The next Tab continues inside main, not back in the header.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => !!document.activeElement?.closest('main, footer'))).toBe(true)
})

test.describe('a 320 px wide phone', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true })

  test('the home page fits and has no axe violations with the small-screen header', async ({ page }) => {
    await page.goto('/')
    await expectNoHorizontalScroll(page)
    await expectNoAxeViolations(page)
  })

  // The section pages share that header; what differs is their content, so width is what to check.
  test('every section page fits without horizontal scrolling', async ({ page }) => {
    for (const path of PAGES) {
      await test.step(path, async () => {
        await page.goto(path)
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        await expectNoHorizontalScroll(page, { soft: true })
      })
    }
  })

  test('the menu opens, passes axe and reaches every section', async ({ page }) => {
    await page.goto('/')
    await page.getByText('Menu', { exact: true }).click()
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const section of SECTIONS) await expect(nav.getByRole('link', { name: section.en, exact: true })).toBeVisible()
    await expectNoAxeViolations(page)
    await nav.getByRole('link', { name: 'Organizations', exact: true }).click()
    await expect(page).toHaveURL(/\/orgs$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organizations')
  })
})
