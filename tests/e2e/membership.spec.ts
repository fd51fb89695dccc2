/**
 * Journey (a): sign up → confirm from the mail → sign in → ask to join an organization → its admin,
 * in another browser, approves → the newcomer's bell updates live → home lists the membership →
 * switch language → sign out.
 */
import { randomBytes } from 'node:crypto'
import { expect, signIn, strongPassword, test, uniqueEmail } from './fixtures.ts'

test('a newcomer joins an organization and hears about the approval live', async ({ page, browser, db, mail }) => {
  // The organization and its admin exist before the newcomer arrives.
  const suffix = randomBytes(3).toString('hex')
  const org = await db.createOrg({ name: `Dayanışma Derneği ${suffix}`, city: 'İzmir' })
  const admin = await db.createUser({ email: uniqueEmail('orgadmin'), name: `Kerem Yönetici ${suffix}`, locale: 'en' })
  await db.addMember(admin.id, org.id, 'ADMIN')

  // 1. Sign up.
  const name = `Selin Katılımcı ${suffix}`
  const email = uniqueEmail('newcomer')
  const password = strongPassword('join')
  await page.goto('/signup')
  await page.getByLabel(/^Your name/).fill(name)
  await page.getByLabel(/^E-mail address/).fill(email)
  await page.getByLabel(/^Password/).fill(password)
  await page.getByLabel(/^Language/).selectOption({ label: 'English' })
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox')

  // 2. The confirmation mail reaches the SMTP server; its link confirms the address.
  const confirmation = await mail.waitFor(email, { match: (m) => m.subject.includes('Confirm') })
  await page.goto(mail.link(confirmation, '/verify-email'))
  await expect(page.getByRole('status').filter({ hasText: 'your e-mail address is confirmed' })).toBeVisible()

  // 3. Sign in, find the organization and ask to join.
  await signIn(page, { email, password })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome back, ${name}`)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations', exact: true }).click()
  await expect(page).toHaveURL(/\/orgs$/)
  // Everything from signing in on is in-app navigation: the live connection opened before signing in
  // must follow the session.
  await page.getByLabel('Name or city').fill(`Dayanışma Derneği ${suffix}`)
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(/\/orgs\?q=/)
  await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: org.name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(org.name)
  await page.getByLabel(/^Message to the admins/).fill('I coordinate volunteers in Bornova.')
  await page.getByRole('button', { name: 'Ask to join' }).click()
  await expect(page.getByRole('status').filter({ hasText: "Your request was sent to the organization's admins." })).toBeVisible()
  await expect(page.getByTestId('membership-state')).toHaveText(/pending/)
  const bell = page.getByTestId('notification-bell')
  await expect(bell).toHaveAccessibleName('No unread notifications')

  // 4. The org admin, in a browser of their own, approves the request.
  const adminContext = await browser.newContext({ locale: 'en-GB' })
  try {
    const adminPage = await adminContext.newPage()
    await signIn(adminPage, admin)
    await adminPage.goto(`/orgs/${org.slug}`)
    await adminPage.getByRole('link', { name: 'Manage members (1 request)' }).click()
    await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Members and requests')
    const request = adminPage.getByTestId('join-request').filter({ hasText: name })
    await expect(request).toContainText('I coordinate volunteers in Bornova.')
    await request.getByRole('button', { name: `Approve ${name}` }).click()
    await expect(adminPage.getByRole('status').filter({ hasText: 'Request approved.' })).toBeVisible()
    await expect(adminPage.getByTestId('member-row').filter({ hasText: name })).toBeVisible()
  } finally {
    await adminContext.close()
  }

  // 5. Without a reload, the newcomer's bell shows the notification (and says so to screen readers).
  await expect(bell).toHaveAccessibleName('1 unread notification')
  await expect(page.getByTestId('notification-count')).toHaveText('1')
  await expect(page.getByRole('status').filter({ hasText: '1 unread notification' })).toBeAttached()

  await bell.click()
  await expect(page).toHaveURL(/\/notifications$/)
  await expect(page.getByRole('main')).toContainText(`Your request to join ${org.name} was approved. Welcome!`)

  // 6. Home lists the membership.
  await page.goto('/')
  const yours = page.getByRole('region', { name: 'Your organizations' })
  await expect(yours.getByRole('listitem').filter({ hasText: org.name })).toContainText('(member)')

  // 7. Switch to Turkish: the choice is saved to the account.
  await page.getByRole('banner').getByRole('button', { name: "Türkçe'ye geç" }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tekrar hoş geldiniz, ${name}`)
  await expect(page.getByRole('region', { name: 'Kuruluşlarınız' })).toContainText(`${org.name} (üye)`)
  expect((await db.prisma.user.findUniqueOrThrow({ where: { email } })).locale).toBe('tr')

  // 8. Sign out.
  await page.getByRole('banner').getByRole('button', { name: 'Çıkış yap' }).click()
  await expect(page.getByRole('banner').getByRole('link', { name: 'Giriş yap' })).toBeVisible()
  await expect(page.getByTestId('notification-bell')).toHaveCount(0)
  await page.goto('/notifications')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnotifications/)
})

test("after signing out, the next person on the same computer gets their own live updates, not the previous one's", async ({
  page,
  browser,
  db,
}) => {
  const org = await db.createOrg()
  const orgAdmin = await db.createUser({ email: uniqueEmail('orgadmin'), locale: 'en' })
  await db.addMember(orgAdmin.id, org.id, 'ADMIN')
  const tag = randomBytes(2).toString('hex')
  const first = await db.createUser({ email: uniqueEmail('first'), name: `İlk Kullanıcı ${tag}`, locale: 'en' })
  const second = await db.createUser({ email: uniqueEmail('second'), name: `İkinci Kullanıcı ${tag}`, locale: 'en' })
  await db.addMember(first.id, org.id, 'MEMBER', 'PENDING')
  await db.addMember(second.id, org.id, 'MEMBER', 'PENDING')

  // The first person signs in (the live connection opens for them) and signs out again …
  const socketOpened = page.waitForEvent('websocket')
  await signIn(page, first)
  await socketOpened
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
  // … and the next person signs in in the same tab, without the page ever reloading.
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click()
  await page.getByLabel(/^E-mail address/).fill(second.email)
  await page.getByLabel(/^Password/).fill(second.password)
  await page.locator('main').getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible()
  const bell = page.getByTestId('notification-bell')
  await expect(bell).toHaveAccessibleName('No unread notifications')

  const adminContext = await browser.newContext({ locale: 'en-GB' })
  try {
    const adminPage = await adminContext.newPage()
    await signIn(adminPage, orgAdmin)
    await adminPage.goto(`/orgs/${org.slug}/members`)

    // Something happens for the first person: the second person's bell must not hear of it …
    await adminPage.getByRole('button', { name: `Approve ${first.name}` }).click()
    await expect(adminPage.getByRole('status').filter({ hasText: 'Request approved.' })).toBeVisible()
    expect(await db.prisma.notification.count({ where: { userId: first.id } })).toBe(1)
    await page.waitForTimeout(3_000)
    await expect(bell).toHaveAccessibleName('No unread notifications')

    // … but it does hear of what happens for the second person.
    await adminPage.getByRole('button', { name: `Approve ${second.name}` }).click()
    await expect(adminPage.getByTestId('member-row').filter({ hasText: second.name })).toBeVisible()
  } finally {
    await adminContext.close()
  }
  await expect(bell).toHaveAccessibleName('1 unread notification')
})
