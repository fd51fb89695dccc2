/** Sign-up, e-mail confirmation and signing in and out, including what a wrong input looks like. */
import { expect, signIn, signOut, strongPassword, test, uniqueEmail } from './fixtures.ts'

test('the sign-up form explains every problem, focusing the summary', async ({ page }) => {
  await page.goto('/signup')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account')
  await page.getByRole('button', { name: 'Create account' }).click()
  const summary = page.getByRole('alert')
  await expect(summary).toContainText('Please correct the fields marked below.')
  await expect(summary).toBeFocused()
  for (const label of [/^Your name/, /^E-mail address/, /^Password/]) {
    await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'true')
  }

  await page.getByLabel(/^Password/).fill('password123')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('This password is too common. Choose one that is harder to guess.')).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the sign-up form still works, keeps what was typed but never the password', async ({ page }) => {
    const email = uniqueEmail('nojs')
    await page.goto('/signup')
    await page.getByLabel(/^Your name/).fill('Deniz Deneme')
    await page.getByLabel(/^E-mail address/).fill(email)
    await page.getByLabel(/^Password/).fill('password123')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByText('This password is too common. Choose one that is harder to guess.')).toBeVisible()
    await expect(page.getByLabel(/^Your name/)).toHaveValue('Deniz Deneme')
    await expect(page.getByLabel(/^E-mail address/)).toHaveValue(email)
    await expect(page.getByLabel(/^Password/)).toHaveValue('')

    await page.getByLabel(/^Password/).fill(strongPassword('nojs'))
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')
  })
})

test('a new member signs up, confirms the address from the mail, signs in and out', async ({ page, mail, db }) => {
  const email = uniqueEmail('signup')
  const password = strongPassword('signup')
  await page.goto('/')
  await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click()
  await page.getByLabel(/^Your name/).fill('Selin Yeni')
  await page.getByLabel(/^E-mail address/).fill(email)
  await page.getByLabel(/^Password/).fill(password)
  await page.getByLabel(/^Language/).selectOption({ label: 'English' })
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')
  await expect(page.getByRole('status')).toContainText(email)

  const confirm = await mail.waitFor(email)
  expect(confirm.subject).toBe('Confirm your e-mail address for birlikte')
  const stored = await db.prisma.user.findUniqueOrThrow({ where: { email } })
  expect(stored.emailVerifiedAt).toBeNull()

  await page.goto(mail.link(confirm, '/verify-email'))
  await expect(page).toHaveURL(/\/login\?verified=1$/)
  await expect(page.getByRole('status').filter({ hasText: 'your e-mail address is confirmed' })).toBeVisible()
  expect((await db.prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull()

  await signIn(page, { email, password })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back, Selin Yeni')
  await signOut(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learn together, act together')
  // Signed out means signed out: settings sends us to sign in.
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings/)
})

test('a used or made-up confirmation link says so and offers a way on', async ({ page }) => {
  const response = await page.goto('/verify-email?token=not-a-real-token')
  expect(response?.status()).toBe(410)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This confirmation link does not work any more')
  await expect(page.getByRole('link', { name: 'Sign in to get a new link' })).toBeVisible()
})

test('a wrong password is refused without saying whether the account exists', async ({ page, db }) => {
  const user = await db.createUser({ email: uniqueEmail('wrong') })
  for (const email of [user.email, uniqueEmail('nobody')]) {
    await page.goto('/login')
    await page.getByLabel(/^E-mail address/).fill(email)
    await page.getByLabel(/^Password/).fill('Not-The-Password-1')
    await page.locator('main').getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByRole('alert')).toHaveText('The e-mail address or password is not correct.')
    await expect(page.getByLabel(/^E-mail address/)).toHaveValue(email)
  }
})

test('signing in returns to the page that asked for it', async ({ page, db }) => {
  const user = await db.createUser({ email: uniqueEmail('back'), locale: 'en' })
  await page.goto('/settings/sessions')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  await page.getByLabel(/^E-mail address/).fill(user.email)
  await page.getByLabel(/^Password/).fill(user.password)
  await page.locator('main').getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/settings\/sessions$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})
