/**
 * Journey: a member reports a post → a moderator hides it from the queue, with a reason → the author
 * finds the decision in their notifications. Axe on the report, queue, post and thread moderation and
 * log pages, at desktop and phone widths.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, signIn, test, uniqueEmail, type DbHelper } from './fixtures.ts'

/** The next person on the same browser (the sign-out button hides in the menu at 320 px). */
async function switchTo(page: Page, user: { email: string; password: string }) {
  await page.context().clearCookies()
  await signIn(page, user)
}

async function setUp(db: DbHelper) {
  const suffix = randomBytes(3).toString('hex')
  const prisma = db.prisma
  const author = await db.createUser({ email: uniqueEmail('author'), name: `Aylin Yazar ${suffix}`, locale: 'en' })
  const reporter = await db.createUser({ email: uniqueEmail('reporter'), name: `Rıza Okur ${suffix}`, locale: 'en' })
  const moderator = await db.createUser({ email: uniqueEmail('mod'), name: `Meral Moderatör ${suffix}`, role: 'MODERATOR', locale: 'en' })
  const space = await prisma.space.create({
    data: {
      slug: `mod-e2e-${suffix}`,
      nameTr: `Moderasyon alanı ${suffix}`,
      nameEn: `Moderation space ${suffix}`,
      visibility: 'MEMBERS',
      threadCount: 1,
      postCount: 2,
    },
  })
  const title = `Gönüllü koordinasyonu ${suffix}`
  const thread = await prisma.thread.create({
    data: { spaceId: space.id, authorId: author.id, title, lastPostNumber: 2, postCount: 2 },
  })
  await prisma.post.create({
    data: {
      threadId: thread.id,
      number: 1,
      path: '0000001',
      authorId: author.id,
      body: 'Nasıl başlıyoruz?',
      html: '<p>Nasıl başlıyoruz?</p>',
    },
  })
  const offending = `Bu yanıt kaba ${suffix}`
  await prisma.post.create({
    data: {
      threadId: thread.id,
      number: 2,
      path: '00000010000002',
      depth: 1,
      authorId: author.id,
      body: offending,
      html: `<p>${offending}</p>`,
    },
  })
  return { author, reporter, moderator, thread, title, offending }
}

test('report → a moderator hides the post from the queue → the author is told', async ({ page, db }) => {
  test.setTimeout(180_000)
  const s = await setUp(db)

  // 1. A member reports post 2.
  await signIn(page, s.reporter)
  await page.goto(`/threads/${s.thread.id}/posts/2/report`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report post 2')
  await expectNoAxeViolations(page)
  await page.getByLabel('What is the problem?').selectOption('ABUSE')
  await page.getByLabel(/^Anything the moderators should know/).fill('Kaba ve kırıcı bir dil')
  await page.getByRole('button', { name: 'Send report' }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('Thank you. Your report reached the moderators.')

  // 2. The moderator finds it in the queue, with the reporter's name and note, and hides it.
  await switchTo(page, s.moderator)
  await page.goto('/moderation')
  const item = page.getByRole('article').filter({ hasText: s.offending })
  await expect(item).toContainText(s.reporter.name)
  await expect(item).toContainText('Kaba ve kırıcı bir dil')
  await expect(item).toContainText(s.author.name)
  await expectNoAxeViolations(page)
  const decide = page.locator('li').filter({ has: item }).locator('form').first()
  await decide.getByLabel(/^Reason/).fill('Hakaret içeriyor')
  await decide.getByRole('button', { name: 'Hide post' }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('The post is hidden. Its author and the reporters were told.')
  await expect(page.getByRole('article').filter({ hasText: s.offending })).toHaveCount(0)

  // The log records who, what and why.
  await page.goto('/moderation/log')
  const entry = page.getByTestId('log-entry').filter({ hasText: 'Hakaret içeriyor' })
  await expect(entry).toContainText('Hid a post')
  await expect(entry).toContainText(s.moderator.name)
  await expectNoAxeViolations(page)

  // 3. The author reads the decision in their notifications.
  await switchTo(page, s.author)
  await page.goto('/notifications')
  await expect(page.locator('main')).toContainText('Hakaret içeriyor')
  expect((await db.prisma.post.findFirstOrThrow({ where: { threadId: s.thread.id, number: 2 } })).status).toBe('HIDDEN')
})

for (const width of [1280, 320]) {
  test(`moderation pages have no axe violations and no sideways scrolling at ${width}px`, async ({ page, db }) => {
    // Six pages under axe: generous on a shared, busy machine.
    test.setTimeout(240_000)
    await page.setViewportSize({ width, height: 900 })
    const s = await setUp(db)
    await db.prisma.report.create({
      data: {
        postId: (await db.prisma.post.findFirstOrThrow({ where: { threadId: s.thread.id, number: 2 } })).id,
        reporterId: s.reporter.id,
        reason: 'SPAM',
        note: 'Reklam',
      },
    })
    await signIn(page, s.moderator)
    for (const path of ['/moderation', '/moderation/log', `/threads/${s.thread.id}/posts/2/moderate`, `/threads/${s.thread.id}/moderate`]) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expectNoAxeViolations(page)
      await expectNoHorizontalScroll(page)
    }
    // A failed decision shows its error summary (focused) and stays accessible.
    await page.goto(`/threads/${s.thread.id}/posts/2/moderate`)
    await page.getByRole('button', { name: 'Hide post' }).click()
    await expect(page.getByTestId('error-summary').first()).toBeFocused()
    await expectNoAxeViolations(page)
    await switchTo(page, s.reporter)
    await page.goto(`/threads/${s.thread.id}/posts/1/report`)
    await expectNoAxeViolations(page)
    await expectNoHorizontalScroll(page)
  })
}
