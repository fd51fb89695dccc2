/**
 * Notifications: a reply that @mentions someone reaches them live in the bell, on the notifications page
 * and by mail; they choose a daily digest in their settings; the mail's one-click unsubscribe link works
 * signed out. axe finds nothing on the notifications, settings and unsubscribe pages at 1280 and 320 px.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, signIn, test, uniqueEmail } from './fixtures.ts'

async function audit(page: Page) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 })
    await expectNoAxeViolations(page)
    await expectNoHorizontalScroll(page)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('a mention notifies live and by mail; daily digest chosen; one-click unsubscribe signed out', async ({
  page,
  browser,
  db,
  mail,
  baseURL,
}) => {
  // Two browsers and six axe runs: long on a shared 2-core machine.
  test.setTimeout(420_000)
  const suffix = randomBytes(3).toString('hex')
  const ayse = await db.createUser({ email: uniqueEmail('ayse'), name: `Ayşe ${suffix}` })
  const mert = await db.createUser({ email: uniqueEmail('mert'), name: `Mert ${suffix}` })
  await db.prisma.user.update({ where: { id: ayse.id }, data: { handle: `ayse-${suffix}` } })
  const space = await db.prisma.space.create({
    data: { slug: `bildirim-${suffix}`, nameTr: `Bildirim Alanı ${suffix}`, nameEn: `Notice Space ${suffix}`, visibility: 'MEMBERS' },
  })
  await db.prisma.spaceMember.create({ data: { spaceId: space.id, userId: ayse.id } })
  const thread = await db.prisma.thread.create({
    data: { spaceId: space.id, authorId: ayse.id, title: `Water rights ${suffix}`, lastPostNumber: 1, postCount: 1 },
  })
  await db.prisma.post.create({
    data: { threadId: thread.id, number: 1, path: '0000001', authorId: ayse.id, body: 'Opening', html: '<p>Opening</p>' },
  })

  // Ayşe is on her notifications page when Mert's reply arrives.
  await signIn(page, ayse)
  await page.goto('/notifications')
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
  const bell = page.getByTestId('notification-bell')
  await expect(bell).toHaveAccessibleName('No unread notifications')

  const mertContext = await browser.newContext()
  const mertPage = await mertContext.newPage()
  await signIn(mertPage, mert)
  const res = await mertPage.request.post(`/api/v1/threads/${thread.id}/posts`, {
    headers: { origin: baseURL! },
    data: { body: `What do you think, @ayse-${suffix}?`, clientKey: randomUUID() },
  })
  expect(res.status(), await res.text()).toBe(201)
  await mertContext.close()

  await expect(bell).not.toHaveAccessibleName('No unread notifications')
  await page.reload()
  const sentence = `Mert ${suffix} mentioned you in “Water rights ${suffix}” in Notice Space ${suffix}.`
  await expect(page.getByTestId('notification').first()).toContainText(sentence)
  await page.getByRole('link', { name: 'Unread only' }).click()
  await expect(page.getByRole('link', { name: 'Unread only' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('notification')).toHaveCount(1)
  await audit(page)

  // The mail: immediate, with the excerpt and a one-click unsubscribe link.
  const m = await mail.waitFor(ayse.email, { match: (x) => x.subject === `Mert ${suffix} mentioned you` })
  expect(m.text).toContain(`“What do you think, @ayse-${suffix}?”`)
  const unsubscribe = mail.link(m, '/unsubscribe?token=')

  // Settings: a daily digest instead, and nothing for this space.
  await page.getByRole('link', { name: 'E-mail settings for notifications' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Notification e-mails' })).toBeVisible()
  await page.getByLabel('Daily digest').check()
  await page.getByLabel('E-mails about this space').selectOption('NONE')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  await audit(page)
  expect(await db.prisma.user.findUniqueOrThrow({ where: { id: ayse.id } })).toMatchObject({ discussionEmail: 'DAILY' })
  expect((await db.prisma.spaceMember.findUniqueOrThrow({ where: { spaceId_userId: { spaceId: space.id, userId: ayse.id } } })).email).toBe(
    'NONE',
  )

  // Signed out, from the mail: the page explains, one button stops all discussion mail.
  const visitor = await browser.newContext()
  const vPage = await visitor.newPage()
  await vPage.goto(new URL(unsubscribe).pathname + new URL(unsubscribe).search)
  await expect(vPage.getByRole('heading', { level: 1, name: 'Stop e-mails' })).toBeVisible()
  await audit(vPage)
  await vPage.getByRole('button', { name: 'Stop these e-mails' }).click()
  await expect(vPage.getByRole('status')).toHaveText('Done: we will no longer e-mail you about discussions.')
  await audit(vPage)
  await visitor.close()
  expect(await db.prisma.user.findUniqueOrThrow({ where: { id: ayse.id } })).toMatchObject({ discussionEmail: 'NONE' })
})
