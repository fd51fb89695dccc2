/**
 * Journey (c): axe finds no WCAG 2.2 A/AA violation on any page, signed out, signed in, as an org
 * admin and as the platform admin, including forms showing their errors.
 */
import type { Page } from '@playwright/test'
import {
  type DbHelper,
  DEMO_ADMIN,
  expect,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  signIn,
  signOut,
  test,
  uniqueEmail,
} from './fixtures.ts'

/** Opens `path`, checks it has exactly one h1, and runs axe. */
async function audit(page: Page, path: string, status = 200) {
  const response = await page.goto(path)
  expect(response?.status(), `status of ${path}`).toBe(status)
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  await expectNoAxeViolations(page)
}

/** The same for a list of pages, reporting every page's problems rather than stopping at the first. */
async function auditAll(page: Page, paths: string[], extra?: (page: Page) => Promise<void>) {
  for (const path of paths) {
    await test.step(path, async () => {
      const response = await page.goto(path)
      expect.soft(response?.status(), `status of ${path}`).toBe(200)
      await expect.soft(page.getByRole('heading', { level: 1 })).toHaveCount(1)
      await expectNoAxeViolations(page, { soft: true })
      await extra?.(page)
    })
  }
}

test.describe('signed out', () => {
  test('home, sign in, sign up, forgot password', async ({ page }) => {
    for (const path of ['/', '/login', '/signup', '/forgot-password']) await audit(page, path)
  })

  test('sign-up and sign-in forms showing their errors', async ({ page }) => {
    await page.goto('/signup')
    await page.getByLabel(/^E-mail address/).fill('not-an-address')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expect(page.getByLabel(/^E-mail address/)).toHaveAttribute('aria-invalid', 'true')
    await expectNoAxeViolations(page)

    await page.goto('/login')
    await page.getByLabel(/^E-mail address/).fill(uniqueEmail('nobody'))
    await page.getByLabel(/^Password/).fill('Not-The-Password-1')
    await page.locator('main').getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expectNoAxeViolations(page)
  })

  test('sign-up confirmation, forgot-password confirmation', async ({ page }) => {
    await page.goto('/signup')
    await page.getByLabel(/^Your name/).fill('Axe Denetçi')
    await page.getByLabel(/^E-mail address/).fill(uniqueEmail('axe'))
    await page.getByLabel(/^Password/).fill('Kestane-axe-Denetim-42')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')
    await expectNoAxeViolations(page)

    await page.goto('/forgot-password')
    await page.getByLabel(/^E-mail address/).fill(uniqueEmail('axe'))
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')
    await expectNoAxeViolations(page)
  })

  test('reset password with a live link, with errors, and with a dead link', async ({ page, db, mail }) => {
    const user = await db.createUser({ email: uniqueEmail('axe-reset'), locale: 'en' })
    await page.goto('/forgot-password')
    await page.getByLabel(/^E-mail address/).fill(user.email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    const link = mail.link(await mail.waitFor(user.email), '/reset-password')
    await audit(page, new URL(link).pathname + new URL(link).search)
    await page.getByLabel(/^New password/).fill('short')
    await page.getByRole('button', { name: 'Save new password' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expectNoAxeViolations(page)
    await audit(page, '/reset-password?token=not-a-real-token', 410)
  })

  test('e-mail confirmation results', async ({ page, db, mail }) => {
    await audit(page, '/verify-email?token=not-a-real-token', 410)
    await audit(page, '/verify-email')

    const email = uniqueEmail('axe-verify')
    await page.goto('/signup')
    await page.getByLabel(/^Your name/).fill('Onay Bekleyen')
    await page.getByLabel(/^E-mail address/).fill(email)
    await page.getByLabel(/^Password/).fill('Kestane-verify-Onay-42')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')
    await page.goto(mail.link(await mail.waitFor(email), '/verify-email'))
    await expect(page.getByRole('status').filter({ hasText: 'confirmed' })).toBeVisible()
    await expectNoAxeViolations(page)

    // Signed in but not yet confirmed: the pending state with its resend button.
    const pending = await db.createUser({ email: uniqueEmail('axe-pending'), verified: false, locale: 'en' })
    await signIn(page, pending)
    await audit(page, '/verify-email')
  })
})

test.describe('signed in', () => {
  test('home and every settings page', async ({ page, db }) => {
    const user = await db.createUser({ email: uniqueEmail('axe-member'), locale: 'en' })
    await signIn(page, user)
    for (const path of ['/', '/settings', '/settings/password', '/settings/sessions', '/settings/tokens']) await audit(page, path)
  })

  test('settings forms after saving and with errors', async ({ page, db }) => {
    const user = await db.createUser({ email: uniqueEmail('axe-forms'), locale: 'en' })
    await signIn(page, user)

    await page.goto('/settings')
    await page.getByLabel(/^Name/).fill('')
    await page.locator('main').getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expect(page.getByLabel(/^Name/)).toHaveAttribute('aria-invalid', 'true')
    await expectNoAxeViolations(page)
    await page.getByLabel(/^Name/).fill('Axe Denetçi')
    await page.locator('main').getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
    await expectNoAxeViolations(page)

    await page.goto('/settings/password')
    await page.getByLabel(/^Current password/).fill('Not-The-Password-1')
    await page.getByLabel(/^New password/).fill('Kestane-axe-Yeni-42')
    await page.locator('main').getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByText('The current password is not correct.')).toBeVisible()
    await expectNoAxeViolations(page)

    await page.goto('/settings/tokens')
    await page.getByLabel(/^Token name/).fill('Axe token')
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect(page.locator('main').getByRole('table')).toBeVisible()
    await expectNoAxeViolations(page)
  })
})

test.describe('organizations', () => {
  test('directory, a search, and a profile, signed out', async ({ page, db }) => {
    const org = await db.createOrg({ themes: ['advocacy', 'digital'] })
    await audit(page, '/orgs')
    await audit(page, '/orgs?q=Ankara')
    await audit(page, '/orgs?q=no-such-organization-anywhere')
    await audit(page, `/orgs/${org.slug}`)
    await audit(page, '/orgs/stgm')
  })

  test('a profile with the join form, with a pending request, and its members page', async ({ page, db }) => {
    const org = await db.createOrg()
    const admin = await db.createUser({ email: uniqueEmail('axe-orgadmin'), locale: 'en' })
    await db.addMember(admin.id, org.id, 'ADMIN')
    const member = await db.createUser({ email: uniqueEmail('axe-joiner'), locale: 'en' })

    await signIn(page, member)
    await audit(page, `/orgs/${org.slug}`)
    await page.getByLabel(/^Message to the admins/).fill('Merhaba, ben de katılmak istiyorum.')
    await page.getByRole('button', { name: 'Ask to join' }).click()
    await expect(page.getByTestId('membership-state')).toBeVisible()
    await expectNoAxeViolations(page)

    await signOut(page)
    await signIn(page, admin)
    await audit(page, `/orgs/${org.slug}`)
    await audit(page, `/orgs/${org.slug}/members`)
    await expect(page.getByTestId('join-request')).toHaveCount(1)
    await audit(page, `/orgs/${org.slug}/edit`)
  })

  test('registering an organization, with errors', async ({ page, db }) => {
    const user = await db.createUser({ email: uniqueEmail('axe-register'), locale: 'en' })
    await signIn(page, user)
    await audit(page, '/orgs/new')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expect(page.getByLabel(/^Name of the organization/)).toHaveAttribute('aria-invalid', 'true')
    await expectNoAxeViolations(page)
  })
})

test.describe('notifications', () => {
  test('empty, and with an unread notification', async ({ page, browser, db }) => {
    const org = await db.createOrg()
    const admin = await db.createUser({ email: uniqueEmail('axe-notify-admin'), locale: 'en' })
    await db.addMember(admin.id, org.id, 'ADMIN')
    const user = await db.createUser({ email: uniqueEmail('axe-notify'), locale: 'en' })

    await signIn(page, user)
    await audit(page, '/notifications')
    await page.goto(`/orgs/${org.slug}`)
    await page.getByRole('button', { name: 'Ask to join' }).click()
    await expect(page.getByTestId('membership-state')).toBeVisible()

    const adminContext = await browser.newContext({ locale: 'en-GB' })
    try {
      const adminPage = await adminContext.newPage()
      await signIn(adminPage, admin)
      // The admin was told about the request: their list has an unread item.
      await audit(adminPage, '/notifications')
      await expect(adminPage.getByTestId('notification')).toHaveCount(1)
    } finally {
      await adminContext.close()
    }
  })
})

test.describe('the platform admin', () => {
  /** Something in every admin list: a registration waiting for a decision, a member, mail. */
  async function adminPages(db: DbHelper) {
    const registrant = await db.createUser({ email: uniqueEmail('axe-registrant'), locale: 'tr' })
    await db.createOrg({ name: `Onay Bekleyen Derneği ${Date.now()}`, status: 'PENDING', createdById: registrant.id })
    const mail = await db.prisma.outboxMail.findFirst({ orderBy: { createdAt: 'desc' } })
    return [
      '/admin',
      '/admin/users',
      `/admin/users/${registrant.id}`,
      '/admin/orgs',
      '/admin/mail',
      ...(mail ? [`/admin/mail/${mail.id}`] : []),
      '/admin/audit',
    ]
  }

  test('every admin page', async ({ page, db, mail }) => {
    // Make sure the outgoing-mail list has at least one message to show.
    const someone = await db.createUser({ email: uniqueEmail('axe-admin-mail'), locale: 'en' })
    await page.goto('/forgot-password')
    await page.getByLabel(/^E-mail address/).fill(someone.email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await mail.waitFor(someone.email)

    const paths = await adminPages(db)
    await signIn(page, DEMO_ADMIN)
    await auditAll(page, paths)
  })

  test.describe('on a 320 px wide phone', () => {
    test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true })
    test('every admin page fits', async ({ page, db }) => {
      const paths = await adminPages(db)
      await signIn(page, DEMO_ADMIN)
      await auditAll(page, paths, (p) => expectNoHorizontalScroll(p, { soft: true }))
    })
  })
})

test.describe('a 320 px wide phone, signed in as an org admin', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true })

  test('account, organization and notification pages fit and pass axe', async ({ page, browser, db }) => {
    const org = await db.createOrg({ name: `Uzun İsimli Kadın Kooperatifleri Dayanışma ve Destek Derneği ${Date.now()}` })
    const admin = await db.createUser({ email: uniqueEmail('axe-phone-with-a-rather-long-address'), locale: 'en' })
    await db.addMember(admin.id, org.id, 'ADMIN')
    const joiner = await db.createUser({ email: uniqueEmail('axe-phone-joiner'), locale: 'en' })
    await db.addMember(joiner.id, org.id, 'MEMBER', 'PENDING')
    // A second session elsewhere, so the sessions table has a row to sign out.
    const elsewhere = await browser.newContext()
    await signIn(await elsewhere.newPage(), admin)
    await elsewhere.close()

    await signIn(page, admin)
    await page.goto('/settings/tokens')
    await page.getByLabel(/^Token name/).fill('Raporlama betiği')
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect(page.locator('main').getByRole('table')).toBeVisible()
    const paths = [
      '/',
      '/settings',
      '/settings/password',
      '/settings/sessions',
      '/settings/tokens',
      '/notifications',
      '/orgs',
      `/orgs/${org.slug}`,
      `/orgs/${org.slug}/members`,
      `/orgs/${org.slug}/edit`,
      '/orgs/new',
    ]
    await auditAll(page, paths, (p) => expectNoHorizontalScroll(p, { soft: true }))

    // The members table fits: an admin sees each member's actions without scrolling sideways.
    await page.goto(`/orgs/${org.slug}/members`)
    const row = page.getByTestId('member-row').first()
    for (const name of [/^Change role/, /^Remove/]) {
      const box = await row.getByRole('button', { name }).boundingBox()
      expect(box, String(name)).not.toBeNull()
      expect(box!.x + box!.width, String(name)).toBeLessThanOrEqual(320)
    }
  })
})
