/**
 * Issue 10, item 7, as people see it: the bell empties once the thread a notification points to is
 * opened (pushed over the user room, no reload), and the home page shows an org admin's role and the
 * requests to join waiting for them, with a link to handle them. axe 0.
 */
import { randomBytes } from 'node:crypto'
import { expect, expectNoAxeViolations, signIn, test, uniqueEmail } from './fixtures.ts'

test('opening the thread a reply notification points to empties the bell', async ({ page, browser, db }) => {
  test.setTimeout(240_000)
  const suffix = randomBytes(3).toString('hex')
  const space = await db.prisma.space.create({
    data: { slug: `e2e-settle-${suffix}`, nameTr: `Alan ${suffix}`, nameEn: `Space ${suffix}`, visibility: 'MEMBERS' },
  })
  const author = await db.createUser({ email: uniqueEmail('author'), name: `Zeynep ${suffix}`, locale: 'en' })
  await signIn(page, author)
  await page.goto(`/spaces/${space.slug}/new-thread`)
  await page.getByRole('textbox', { name: /^Title/ }).fill('Volunteer meeting')
  await page.getByRole('textbox', { name: /^Message/ }).fill('We meet on Saturday.')
  await page.getByRole('button', { name: 'Start the thread' }).click()
  await expect(page.getByRole('heading', { name: `Post 1 by Zeynep ${suffix}` })).toBeVisible()
  const threadUrl = page.url()

  // Someone replies; the author, elsewhere, sees the bell rise.
  await page.goto('/spaces')
  const bell = page.getByTestId('notification-bell')
  await expect(bell).toHaveAccessibleName('No unread notifications')
  const other = await browser.newContext()
  const replier = await other.newPage()
  await signIn(replier, await db.createUser({ email: uniqueEmail('replier'), name: `Mert ${suffix}`, locale: 'en' }))
  await replier.goto(threadUrl)
  await replier.getByRole('textbox', { name: /^Your reply/ }).fill('I will come too.')
  await replier.getByRole('button', { name: 'Post reply' }).click()
  await expect(replier.getByRole('heading', { name: `Post 2 by Mert ${suffix}` })).toBeVisible()
  await other.close()
  await expect(bell).not.toHaveAccessibleName('No unread notifications', { timeout: 15_000 })

  // Opening the thread reads it: the bell empties without a reload.
  await page.goto(threadUrl)
  await expect(page.getByText('I will come too.')).toBeVisible()
  await expect(bell).toHaveAccessibleName('No unread notifications', { timeout: 15_000 })
  expect(await db.prisma.notification.count({ where: { userId: author.id, readAt: null } })).toBe(0)
})

test('an org admin sees their role and the requests to join waiting, and goes to handle them', async ({ page, db }) => {
  test.setTimeout(180_000)
  const org = await db.createOrg({ name: `Dayanışma Derneği ${Date.now().toString(36)}` })
  const admin = await db.createUser({ email: uniqueEmail('orgadmin'), locale: 'en' })
  await db.addMember(admin.id, org.id, 'ADMIN')
  const asker = await db.createUser({ email: uniqueEmail('asker'), name: 'İstekli Kişi', locale: 'en' })
  await db.addMember(asker.id, org.id, 'MEMBER', 'PENDING')

  await signIn(page, admin)
  await page.goto('/')
  const yours = page.getByRole('region', { name: 'Your organizations' })
  await expect(yours.getByRole('listitem')).toContainText(`${org.name} (admin)`)
  await expectNoAxeViolations(page)
  await yours.getByRole('link', { name: '1 request to join waiting for you' }).click()
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.slug}/members$`))
  await expect(page.locator('main')).toContainText('İstekli Kişi')
})
