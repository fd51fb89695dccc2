/**
 * Issue 10, item 8 — the smaller things a new user trips over: a header that fits on one line, a clean
 * address after deleting a post, no history link on a deleted post, quotes that keep their formatting,
 * a human status page.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { TEST_PASSWORD } from '../support/factories.ts'
import {
  expect,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  signIn,
  strongPassword,
  test,
  uniqueEmail,
  type DbHelper,
} from './fixtures.ts'

for (const locale of ['tr', 'en'] as const) {
  test(`an admin's header fits on one line at 1280 px and stays usable at 390 px (${locale})`, async ({ page, db }) => {
    // The factories' shared password: hashing a new one per test is what a busy machine times out on.
    const user = await db.createUser({ email: uniqueEmail('hdr'), name: 'Başlık Yönetici', role: 'ADMIN', locale })
    await signIn(page, { email: user.email, password: TEST_PASSWORD })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/spaces')
    const banner = page.getByRole('banner')
    const nav = banner.getByRole('navigation')
    await expect(nav.getByRole('link', { name: locale === 'tr' ? 'Moderasyon' : 'Moderation' })).toBeVisible()
    // One line: the logo, the menu and the account buttons share a row, and the header is one row high.
    const logo = (await banner.getByRole('link').first().boundingBox())!
    const menu = (await nav.boundingBox())!
    const signOut = (await banner.getByRole('button', { name: /^(Sign out|Çıkış yap)$/ }).boundingBox())!
    expect(Math.abs(menu.y + menu.height / 2 - (logo.y + logo.height / 2))).toBeLessThan(8)
    expect(Math.abs(signOut.y + signOut.height / 2 - (logo.y + logo.height / 2))).toBeLessThan(8)
    expect((await banner.boundingBox())!.height).toBeLessThan(80)
    // Room for the Moderation link's count badge: the row does not fill the width.
    expect(signOut.x - (menu.x + menu.width)).toBeGreaterThan(120)
    await page.screenshot({ path: `/tmp/shots-polish/header-1280-${locale}.png` })

    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto('/spaces')
    await page.getByText(locale === 'tr' ? 'Menü' : 'Menu', { exact: true }).click()
    const small = page.getByRole('banner').getByRole('navigation')
    for (const name of locale === 'tr'
      ? ['Alanlar', 'Kuruluşlar', 'Moderasyon', 'Yönetim']
      : ['Spaces', 'Organizations', 'Moderation', 'Admin'])
      // Moderation's name carries its count of waiting items when there are any ("Moderation 3 waiting").
      await expect(small.getByRole('link', { name: new RegExp(`^${name}(\\s|$)`) })).toBeVisible()
    await expectNoHorizontalScroll(page)
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `/tmp/shots-polish/header-390-${locale}.png` })
  })
}

/** A members' space and a signed-in member with a thread whose opening post is `body`. */
async function threadWith(page: Page, db: DbHelper, body: string) {
  const suffix = randomBytes(3).toString('hex')
  const space = await db.prisma.space.create({
    data: { slug: `e2e-polish-${suffix}`, nameTr: `Alan ${suffix}`, nameEn: `Space ${suffix}`, visibility: 'MEMBERS' },
  })
  const name = `Deniz Polish ${suffix}`
  await signIn(page, await db.createUser({ email: uniqueEmail('polish'), name, locale: 'en' }))
  await page.goto(`/spaces/${space.slug}/new-thread`)
  await page.getByRole('textbox', { name: /^Title/ }).fill('Formatting')
  await page.getByRole('textbox', { name: /^Message/ }).fill(body)
  await page.getByRole('button', { name: 'Start the thread' }).click()
  await expect(page.getByRole('heading', { name: `Post 1 by ${name}` })).toBeVisible()
  return { name, threadId: new URL(page.url()).pathname.split('/')[2] }
}

test('a quote keeps the post’s list, link and code; deleting goes back to the clean address, with no history link', async ({
  page,
  db,
}) => {
  const { name, threadId } = await threadWith(page, db, 'Steps:\n\n- read [the guide](https://example.org/guide)\n- run `npm ci`\n\nDone.')
  await page.locator('article[data-post-number="1"]').getByRole('link', { name: 'Quote post 1' }).click()
  const box = page.getByRole('textbox', { name: /^Your reply/ })
  await expect(box).toBeFocused()
  await expect(box).toHaveValue(/> - read \[the guide\]\(https:\/\/example\.org\/guide\)\n> - run `npm ci`\n>\n> Done\./)
  await box.fill('A reply I will edit and then take back.')
  await page.getByRole('button', { name: 'Post reply' }).click()
  const second = page.locator('article[data-post-number="2"]')
  await expect(second.getByRole('heading', { name: `Post 2 by ${name}` })).toBeFocused()

  // Edited, so it has a history link…
  await db.prisma.post.updateMany({ where: { threadId, number: 2 }, data: { revisionCount: 1, editedAt: new Date() } })
  const post2 = await db.prisma.post.findFirstOrThrow({ where: { threadId, number: 2 } })
  await db.prisma.postRevision.create({ data: { postId: post2.id, number: 1, body: 'Before the edit', editorId: post2.authorId } })
  await page.reload()
  await expect(second.getByRole('link', { name: 'edited' })).toBeVisible()

  // …until it is deleted: then the address is the thread's own, and no link leads to a history that is gone.
  page.once('dialog', (d) => void d.accept())
  await second.getByRole('button', { name: 'Delete' }).click()
  await expect(second).toContainText('This post was deleted.')
  await expect(page).toHaveURL(new RegExp(`/threads/${threadId}\\?page=1#post-2$`))
  expect(page.url()).not.toContain('index')
  await expect(second.getByRole('link', { name: 'edited' })).toHaveCount(0)

  const res = await page.goto(`/threads/${threadId}/posts/2/history`)
  expect(res?.status()).toBe(410)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit history of post 2')
  await expect(page.locator('main')).toContainText('This post was deleted, and its earlier versions went with it.')
  await expect(page.locator('main')).not.toContainText('Before the edit')
  await expectNoAxeViolations(page)
})

for (const width of [1280, 390]) {
  test(`the footer's Status opens a page for people, in both languages (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/orgs')
    await page.getByRole('contentinfo').getByRole('link', { name: 'Status' }).click()
    await expect(page).toHaveURL(/\/status$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Platform status')
    await expect(page.getByTestId('status-database')).toContainText('Working')
    await expectNoAxeViolations(page)
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: `/tmp/shots-polish/status-${width}-en.png`, fullPage: true })
    await page.context().addCookies([{ name: 'lang', value: 'tr', url: page.url() }])
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Platform durumu')
    await expect(page.getByTestId('status-database')).toContainText('Çalışıyor')
    await expectNoAxeViolations(page)
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: `/tmp/shots-polish/status-${width}-tr.png`, fullPage: true })
  })
}

test('the time-zone list speaks Turkish on a Turkish page, Türkiye first, and saves the IANA id', async ({ page, db }) => {
  const password = strongPassword('tz')
  const email = uniqueEmail('tz')
  await db.createUser({ email, password, name: 'Saat Dilimi', locale: 'tr' })
  await signIn(page, { email, password })
  await page.goto('/settings')
  const select = page.getByLabel(/^Saat dilimi/)
  await expect(select.locator('option').first()).toHaveText(/^İstanbul — Türkiye .*Saati \(GMT\+3\)$/)
  await expect(select.locator('optgroup[label="Avrupa"] option[value="Europe/Berlin"]')).toHaveText(/^Berlin — Orta Avrupa Saati/)
  await select.selectOption('Europe/Berlin')
  await page.getByRole('button', { name: 'Kaydet' }).click()
  await expect(page.locator('main').getByRole('status')).not.toBeEmpty()
  expect((await db.prisma.user.findUniqueOrThrow({ where: { email } })).timeZone).toBe('Europe/Berlin')
  await expectNoAxeViolations(page)
  await page.screenshot({ path: '/tmp/shots-polish/settings-tz-tr.png' })
})

test('a queued post has one reason box, not required for Approve', async ({ page, db }) => {
  const suffix = randomBytes(3).toString('hex')
  const author = await db.createUser({ email: uniqueEmail('qa'), name: `Onay Bekleyen ${suffix}`, locale: 'en' })
  const password = strongPassword('mod')
  const email = uniqueEmail('qm')
  await db.createUser({ email, password, name: `Moderatör ${suffix}`, role: 'MODERATOR', locale: 'en' })
  const space = await db.prisma.space.create({
    data: {
      slug: `e2e-q-${suffix}`,
      nameTr: `Kuyruk ${suffix}`,
      nameEn: `Queue ${suffix}`,
      visibility: 'MEMBERS',
      threadCount: 1,
      postCount: 1,
    },
  })
  const thread = await db.prisma.thread.create({
    data: { spaceId: space.id, authorId: author.id, title: `Onay ${suffix}`, lastPostNumber: 1, postCount: 1 },
  })
  await db.prisma.post.create({
    data: {
      threadId: thread.id,
      number: 1,
      path: '0000001',
      authorId: author.id,
      body: `Bekleyen ${suffix}`,
      html: `<p>Bekleyen ${suffix}</p>`,
      status: 'PENDING',
    },
  })
  await signIn(page, { email, password })
  await page.goto(`/threads/${thread.id}/posts/1/moderate`)
  const form = page.getByTestId('post-decision')
  await expect(form.getByRole('textbox')).toHaveCount(1)
  await expect(form.getByRole('textbox', { name: 'Reason' })).not.toHaveAttribute('required')
  await expect(form).not.toContainText('Reason *')
  await expect(form).toContainText(/Needed to reject, warn,? or suspend/)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: '/tmp/shots-polish/moderate-post-en.png', fullPage: true })
  await form.getByRole('button', { name: 'Approve' }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('The post is approved and visible.')
})
