/**
 * Moderator alerts (issue 10, item 1): a space moderator watches a page; a member files a report in
 * another browser; the moderator's Moderation link shows "1 waiting" and the bell rises, live, without a
 * reload. Handling the item in another tab makes the badge go away, live as well. Axe on the header with
 * a badge and on the notification settings with the moderators' mail choice.
 */
import { randomBytes } from 'node:crypto'
import { expect, expectNoAxeViolations, signIn, test, uniqueEmail, type DbHelper } from './fixtures.ts'

async function setUp(db: DbHelper) {
  const suffix = randomBytes(3).toString('hex')
  const prisma = db.prisma
  const author = await db.createUser({ email: uniqueEmail('author'), name: `Aylin Yazar ${suffix}`, locale: 'en' })
  const reporter = await db.createUser({ email: uniqueEmail('reporter'), name: `Rıza Okur ${suffix}`, locale: 'en' })
  const moderator = await db.createUser({ email: uniqueEmail('smod'), name: `Selin Moderatör ${suffix}`, locale: 'en' })
  const space = await prisma.space.create({
    data: {
      slug: `alerts-e2e-${suffix}`,
      nameTr: `Uyarı alanı ${suffix}`,
      nameEn: `Alerts space ${suffix}`,
      visibility: 'MEMBERS',
      threadCount: 1,
      postCount: 1,
    },
  })
  // A moderator of this space only: the count is this space's queue, whatever other tests report.
  await prisma.spaceMember.create({ data: { spaceId: space.id, userId: moderator.id, role: 'MODERATOR' } })
  const thread = await prisma.thread.create({
    data: {
      spaceId: space.id,
      authorId: author.id,
      title: `Toplantı notları ${suffix}`,
      lastPostNumber: 1,
      postCount: 1,
      posts: { create: { number: 1, path: '0000001', authorId: author.id, body: 'Kaba bir söz', html: '<p>Kaba bir söz</p>' } },
    },
  })
  return { author, reporter, moderator, space, thread }
}

test('a moderator’s badge rises live when a member reports, and falls when the report is handled', async ({ page, browser, db }) => {
  test.setTimeout(180_000)
  const s = await setUp(db)
  await signIn(page, s.moderator)
  await page.goto(`/spaces/${s.space.slug}`)
  const moderation = page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: /^Moderation/ })
  await expect(moderation).toHaveAccessibleName('Moderation')
  const bell = page.getByTestId('notification-bell')
  const bellBefore = await bell.getAttribute('aria-label')
  // A marker that a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { alertMarker: number }).alertMarker = 1))

  // A member reports the post in their own browser.
  const other = await browser.newContext({ locale: 'en-GB' })
  const reporterPage = await other.newPage()
  await signIn(reporterPage, s.reporter)
  await reporterPage.goto(`/threads/${s.thread.id}/posts/1/report`)
  await reporterPage.getByLabel('What is the problem?').selectOption('ABUSE')
  await reporterPage.getByRole('button', { name: 'Send report' }).click()
  await expect(reporterPage.locator('main').getByRole('status')).toHaveText('Thank you. Your report reached the moderators.')

  // The moderator's header: the count beside Moderation, said in words to screen readers; the bell rose.
  await expect(moderation).toHaveAccessibleName(/^Moderation\s*1\s+waiting$/, { timeout: 15_000 })
  await expect(page.getByTestId('nav-badge-moderation').first()).toHaveText('1')
  await expect(bell).not.toHaveAttribute('aria-label', bellBefore ?? '')
  expect(await page.evaluate(() => (window as unknown as { alertMarker?: number }).alertMarker)).toBe(1)
  await expectNoAxeViolations(page)

  // The alert in the bell leads to the item's moderation page.
  const handling = await page.context().newPage()
  await handling.goto('/notifications')
  await handling
    .getByRole('button', { name: /was reported and waits for your review/ })
    .first()
    .click()
  await expect(handling).toHaveURL(new RegExp(`/threads/${s.thread.id}/posts/1/moderate$`))
  await handling.getByRole('button', { name: 'Keep post, dismiss reports' }).click()
  await expect(handling.locator('main').getByRole('status')).toContainText('dismissed')

  // The first tab, untouched: the badge went away without a reload.
  await expect(moderation).toHaveAccessibleName('Moderation', { timeout: 15_000 })
  await expect(page.getByTestId('nav-badge-moderation')).toHaveCount(0)
  expect(await page.evaluate(() => (window as unknown as { alertMarker?: number }).alertMarker)).toBe(1)
  await other.close()
})

test('moderators choose mail about new items to review; the settings page stays accessible', async ({ page, db }) => {
  const s = await setUp(db)
  await signIn(page, s.moderator)
  await page.goto('/settings/notifications')
  const choice = page.getByRole('group', { name: 'E-mails about new items to review' })
  await expect(choice.getByRole('radio', { name: 'No e-mails' })).toBeChecked()
  await choice.getByRole('radio', { name: /right away/ }).check()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator('main').getByRole('status').first()).not.toBeEmpty()
  await expectNoAxeViolations(page)
  expect((await db.prisma.user.findUniqueOrThrow({ where: { id: s.moderator.id } })).moderationEmail).toBe('IMMEDIATE')

  // Members are not asked.
  await page.context().clearCookies()
  await signIn(page, s.reporter)
  await page.goto('/settings/notifications')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByRole('group', { name: 'E-mails about new items to review' })).toHaveCount(0)
})

test('the header with a badge has no axe violations at 390 and 1280 px, in Turkish and English', async ({ page, db }) => {
  test.setTimeout(180_000)
  const s = await setUp(db)
  const post = await db.prisma.post.findFirstOrThrow({ where: { threadId: s.thread.id, number: 1 } })
  await db.prisma.report.create({ data: { postId: post.id, reporterId: s.reporter.id, reason: 'SPAM' } })
  for (const locale of ['tr', 'en'] as const) {
    await db.prisma.user.update({ where: { id: s.moderator.id }, data: { locale } })
    await page.context().clearCookies()
    await signIn(page, s.moderator)
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/spaces')
      if (width === 390) await page.locator('details summary').first().click()
      const name = locale === 'tr' ? /^Moderasyon\s*1\s+bekliyor$/ : /^Moderation\s*1\s+waiting$/
      await expect(page.getByRole('link', { name })).toBeVisible()
      await expectNoAxeViolations(page)
    }
  }
})
