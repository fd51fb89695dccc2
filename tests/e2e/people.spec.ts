/**
 * Profiles and avatars in Chromium: from a post's author link to the profile, initials until a picture is
 * uploaded (Turkish-correct: "İsmail Çelik" → "İÇ"), upload and removal; axe on the profile, the
 * members-only answer and the settings page at 1280 and 390 px in Turkish and English.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { silhouettePng } from '../../prisma/demo-people.ts'
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, signIn, signOut, test, uniqueEmail } from './fixtures.ts'

const shot = async (page: Page, name: string) => {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true })
}

test('a post author link opens the profile; initials until a picture is uploaded, then the picture, then initials again', async ({
  page,
  db,
}) => {
  test.setTimeout(120_000)
  const suffix = randomBytes(3).toString('hex')
  const space = await db.prisma.space.create({
    data: { slug: `e2e-profil-${suffix}`, nameTr: `Profil alanı ${suffix}`, nameEn: `Profile space ${suffix}`, visibility: 'PUBLIC' },
  })
  const user = await db.createUser({ email: uniqueEmail('people'), name: 'İsmail Çelik', locale: 'en' })
  await signIn(page, user)
  await page.goto(`/spaces/${space.slug}/new-thread`)
  await page.getByRole('textbox', { name: /^Title/ }).fill('Profiles and pictures')
  await page.getByRole('textbox', { name: /^Message/ }).fill('Who is writing here?')
  await page.getByRole('button', { name: 'Start the thread' }).click()
  await expect(page.getByRole('heading', { name: 'Post 1 by İsmail Çelik' })).toBeVisible()

  // The author line: initials beside a link to the profile.
  const authorLine = page.locator('article .post-author').first()
  await expect(authorLine.locator('[aria-hidden="true"]')).toHaveText('İÇ')
  await authorLine.getByRole('link', { name: 'İsmail Çelik' }).click()
  await expect(page).toHaveURL(new RegExp(`/people/${user.handle}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('İsmail Çelik')
  await expect(page.getByRole('img', { name: 'Profile picture of İsmail Çelik' })).toHaveText('İÇ')
  await expect(page.getByRole('link', { name: 'Profiles and pictures' })).toBeVisible()

  // Upload a picture from the settings page.
  await page.getByRole('link', { name: 'Edit your profile' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Public profile')
  await page
    .getByLabel(/^Picture file/)
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(silhouettePng([15, 83, 71], [213, 235, 227], 64)) })
  await page.getByRole('button', { name: 'Upload picture' }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('Your picture is saved.')
  const current = page.getByRole('img', { name: 'Your current picture' })
  await expect(current).toBeVisible()
  // Visible is not loaded: wait for the picture itself (it once was still on its way on a loaded CI machine).
  await expect.poll(() => current.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64)

  // The thread shows it in the author line (decorative there: the name is the link).
  await page.goto(`/spaces/${space.slug}`)
  await page.getByRole('link', { name: 'Profiles and pictures' }).click()
  const picture = page.locator('article .post-author img').first()
  await expect(picture).toHaveAttribute('alt', '')
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64)

  // Removed: initials again.
  await page.goto('/settings/public-profile')
  await page.getByRole('button', { name: 'Remove picture' }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('Your picture is removed. Your initials are shown instead.')
  await expect(page.getByRole('img', { name: /^Your initials/ })).toHaveText('İÇ')
})

test('a file that is not an image is refused with a message tied to the field', async ({ page, db }) => {
  const user = await db.createUser({ email: uniqueEmail('people-bad'), locale: 'en' })
  await signIn(page, user)
  await page.goto('/settings/public-profile')
  await page.getByLabel(/^Picture file/).setInputFiles({ name: 'not.png', mimeType: 'image/png', buffer: Buffer.from('<svg/>') })
  await page.getByRole('button', { name: 'Upload picture' }).click()
  await expect(page.getByRole('alert')).toBeFocused()
  await expect(page.getByLabel(/^Picture file/)).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('This file is not a PNG, JPEG or WebP image.')).toBeVisible()
  await expectNoAxeViolations(page)
})

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  for (const lang of ['en', 'tr'] as const) {
    test(`axe: profile, members-only answer and settings at ${viewport.width} px in ${lang}`, async ({ page, browser, db }) => {
      test.setTimeout(120_000)
      await page.setViewportSize(viewport)
      const org = await db.createOrg({ name: `Profil Derneği ${randomBytes(2).toString('hex')}` })
      const user = await db.createUser({ email: uniqueEmail(`people-axe-${lang}`), name: 'Ayşe Nur Yılmaz', locale: lang })
      await db.addMember(user.id, org.id, 'ADMIN')
      await signIn(page, user)
      const tag = `${viewport.width}-${lang}`

      await page.goto('/settings/public-profile')
      await page
        .getByRole('textbox', { name: lang === 'tr' ? /^Hakkınızda/ : /^About you/ })
        .fill('Gönüllü koordinatörü. **Ankara**, _Van_.')
      await page.getByRole('textbox', { name: lang === 'tr' ? /^Şehir/ : /^City/ }).fill('Ankara')
      await page.getByRole('checkbox', { name: lang === 'tr' ? 'Kürtçe' : 'Kurdish' }).check()
      await page.getByRole('button', { name: lang === 'tr' ? 'Kaydet' : 'Save' }).click()
      await expect(page.locator('main').getByRole('status')).toHaveText(lang === 'tr' ? 'Profiliniz kaydedildi.' : 'Your profile is saved.')
      await expectNoAxeViolations(page)
      await expectNoHorizontalScroll(page)
      await shot(page, `settings-${tag}`)

      await page.goto(`/people/${user.handle}`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ayşe Nur Yılmaz')
      await expect(page.getByRole('img', { name: /Ayşe Nur Yılmaz/ })).toHaveText('AY')
      await expectNoAxeViolations(page)
      await expectNoHorizontalScroll(page)
      await shot(page, `profile-${tag}`)

      // Signed out, the members-only profile (the default) says so in the reader's language, in the shell.
      await signOut(page)
      const outside = await browser.newContext({ locale: lang === 'tr' ? 'tr-TR' : 'en-GB', viewport })
      const out = await outside.newPage()
      const response = await out.goto(`/people/${user.handle}`)
      expect(response?.status()).toBe(401)
      await expect(out.getByRole('heading', { level: 1 })).toHaveText(lang === 'tr' ? 'Üyelere açık profil' : 'Profile for members')
      await expect(out.getByRole('banner')).toBeVisible()
      await expectNoAxeViolations(out)
      await expectNoHorizontalScroll(out)
      await shot(out, `members-only-${tag}`)
      await outside.close()
    })
  }
}

test('the demo profiles: a picture, initials, and what each person chose to show', async ({ page }) => {
  // Zeynep Kaya (public, with a picture) and Emre Demir (members only, organizations hidden).
  await page.goto('/people/zeynep-kaya')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zeynep Kaya')
  const img = page.getByRole('img', { name: 'Profile picture of Zeynep Kaya' })
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160)
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible()
  await shot(page, 'demo-zeynep-1280-en')
  const response = await page.goto('/people/emre-demir')
  expect(response?.status()).toBe(401)
})
