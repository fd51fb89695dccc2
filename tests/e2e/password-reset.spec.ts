/** Journey (b): forgot password → mail → reset → the new password works and the old one does not. */
import { strongPassword, expect, signIn, test, uniqueEmail } from './fixtures.ts'

test('a member who forgot the password resets it through the mailed link', async ({ page, db, mail }) => {
  const oldPassword = strongPassword('old')
  const newPassword = strongPassword('new')
  const user = await db.createUser({ email: uniqueEmail('forgot'), name: 'Elif Unutkan', password: oldPassword, locale: 'en' })

  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password')
  await page.getByLabel(/^E-mail address/).fill(user.email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')

  const resetMail = await mail.waitFor(user.email, { match: (m) => /reset/i.test(m.subject) })
  expect(resetMail.subject).toBe('Reset your birlikte password')
  const link = mail.link(resetMail, '/reset-password')
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=/)

  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password')
  // A weak password is refused with a clear message and changes nothing.
  await page.getByLabel(/^New password/).fill('short')
  await page.getByRole('button', { name: 'Save new password' }).click()
  await expect(page.getByRole('alert')).toContainText('Please correct the fields marked below.')
  await expect(page.getByLabel(/^New password/)).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText(/Choose a stronger password/)).toBeVisible()

  await page.getByLabel(/^New password/).fill(newPassword)
  await page.getByRole('button', { name: 'Save new password' }).click()
  await expect(page).toHaveURL(/\/login\?reset=1$/)
  await expect(page.getByRole('status').filter({ hasText: 'Your password has been changed' })).toBeVisible()

  // The account is told, in case it was not them.
  const changed = await mail.waitFor(user.email, { match: (m) => /changed/i.test(m.subject) })
  expect(changed.subject).toBe('Your birlikte password was changed')

  // The old password no longer works …
  await page.getByLabel(/^E-mail address/).fill(user.email)
  await page.getByLabel(/^Password/).fill(oldPassword)
  await page.locator('main').getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('The e-mail address or password is not correct.')
  await expect(page).toHaveURL(/\/login/)
  // … the link cannot be used twice …
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This reset link has expired or was already used')
  // … and the new password signs in.
  await signIn(page, { email: user.email, password: newPassword })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back, Elif Unutkan')
})

test('asking for a reset of an unknown address looks the same and sends nothing', async ({ page, mail }) => {
  const nobody = uniqueEmail('nobody')
  await page.goto('/forgot-password')
  await page.getByLabel(/^E-mail address/).fill(nobody)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')
  // The worker delivers within a second or two; give it time, then make sure nothing came.
  await page.waitForTimeout(2_000)
  expect(await mail.list(nobody)).toEqual([])
})

test('a malformed address is refused with a translated message and keeps what was typed', async ({ page }) => {
  await page.goto('/forgot-password')
  await page.getByLabel(/^E-mail address/).fill('not-an-address')
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByText('Enter a valid e-mail address, like name@example.org.')).toBeVisible()
  await expect(page.getByLabel(/^E-mail address/)).toHaveValue('not-an-address')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password')
})
