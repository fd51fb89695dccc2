/**
 * Issue 10, item 4: every error page — an unknown address, an unknown thread, space or organization, a
 * private space's thread — is inside the site's shell (header, language switch), in the reader's
 * language, with the right status and a way back; a private space's 403 says why and whom to ask. axe 0.
 */
import type { Page } from '@playwright/test'
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, signIn, test, uniqueEmail } from './fixtures.ts'

async function expectErrorPage(page: Page, path: string, status: number, heading: string | RegExp, lang: 'en' | 'tr') {
  const response = await page.goto(path)
  expect(response?.status(), `status of ${path}`).toBe(status)
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
  await expect(page.getByRole('banner')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
  const wayBack = page.getByRole('navigation', { name: lang === 'en' ? 'Ways back' : 'Geri dönüş yolları' })
  await expect(wayBack.getByRole('link', { name: lang === 'en' ? 'Go to the home page' : 'Ana sayfaya dön' })).toHaveAttribute('href', '/')
  await expectNoAxeViolations(page)
}

test.describe('error pages', () => {
  test('unknown addresses, threads, spaces and organizations: 404 in the shell, in English and Turkish', async ({ page, browser }) => {
    test.setTimeout(240_000)
    for (const path of ['/nope/deeper', '/threads/doesnotexist/posts/1', '/spaces/nope', '/orgs/nope']) {
      await test.step(path, () => expectErrorPage(page, path, 404, 'Page not found', 'en'))
    }
    // Signed out: a way to sign in that comes back here.
    await expect(page.getByRole('navigation', { name: 'Ways back' }).getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/login?redirectTo=%2Forgs%2Fnope',
    )

    const tr = await browser.newContext({ locale: 'tr-TR', extraHTTPHeaders: { 'accept-language': 'tr' } })
    const trPage = await tr.newPage()
    for (const path of ['/nope', '/threads/doesnotexist/posts/1']) {
      await test.step(`tr ${path}`, () => expectErrorPage(trPage, path, 404, 'Sayfa bulunamadı', 'tr'))
    }
    await tr.close()
  })

  test("a private space's thread tells a signed-in outsider why and whom to ask, at 1280 and 390 px", async ({ page, db }) => {
    test.setTimeout(240_000)
    const space = await db.prisma.space.findUniqueOrThrow({
      where: { slug: 'partners-room' },
      select: { id: true, nameEn: true, nameTr: true },
    })
    const thread = await db.prisma.thread.findFirstOrThrow({ where: { spaceId: space.id }, select: { id: true } })
    const outsider = await db.createUser({ email: uniqueEmail('outsider'), name: 'Deniz Dışarıda', locale: 'en' })
    await signIn(page, outsider)

    for (const path of [`/threads/${thread.id}`, `/threads/${thread.id}/posts/1`, '/spaces/partners-room']) {
      await test.step(path, () => expectErrorPage(page, path, 403, 'This space is private', 'en'))
    }
    const main = page.locator('main')
    await expect(main).toContainText(`Space: ${space.nameEn}`)
    await expect(main).toContainText('Only members of the organizations invited to it can read it.')
    await expect(main.getByRole('heading', { name: 'Open to members of' })).toBeVisible()
    const ask = main.getByRole('link', { name: /^ask to join / })
    expect(await ask.count()).toBeGreaterThan(0)
    await expect(ask.first()).toHaveAttribute('href', /^\/orgs\//)
    await expect(main.getByRole('link', { name: 'Find your organization' })).toHaveAttribute('href', '/orgs')
    // Signed in: no "Sign in" among the ways back.
    await expect(page.getByRole('navigation', { name: 'Ways back' }).getByRole('link', { name: 'Sign in' })).toHaveCount(0)

    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`/threads/${thread.id}`)
    await expectNoHorizontalScroll(page)
    await expectNoAxeViolations(page)

    // In Turkish, the account's language.
    await db.prisma.user.update({ where: { id: outsider.id }, data: { locale: 'tr' } })
    await expectErrorPage(page, `/threads/${thread.id}`, 403, 'Bu alan özel', 'tr')
    await expect(main).toContainText(`Alan: ${space.nameTr}`)
  })

  test('a safe space is not named to someone outside the community', async ({ page, db }) => {
    const safe = await db.prisma.space.findFirstOrThrow({ where: { safeSpace: true }, select: { slug: true, nameEn: true } })
    const outsider = await db.createUser({ email: uniqueEmail('outsider'), locale: 'en' })
    await signIn(page, outsider)
    await expectErrorPage(page, `/spaces/${safe.slug}`, 403, 'This space is for members of organizations', 'en')
    await expect(page.locator('main')).not.toContainText(safe.nameEn)
    await expect(page.locator('main').getByRole('link', { name: 'Find your organization' })).toBeVisible()
  })
})
