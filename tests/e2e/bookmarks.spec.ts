/**
 * Issue 10, item 7 (part): bookmark a post and find it on /bookmarks (axe 0 at 1280 and 390 px, both
 * languages), remove it; a thread's title edited by its author changes live in a second browser; an
 * @mention of someone outside a private space is warned about, as typed, in the preview and after posting.
 */
import { mkdirSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { expect, expectNoAxeViolations, signIn, test, type DbHelper } from './fixtures.ts'

const SHOTS = '/tmp/shots-bookmarks'
mkdirSync(SHOTS, { recursive: true })

/** A space, a thread by `authorId` and its posts, straight into the database. */
async function seedThread(
  db: DbHelper,
  o: { suffix: string; authorId: string; title: string; visibility?: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'; posts: [string, string][] },
) {
  const { childPath } = await import('../../app/modules/discussions/path.ts')
  const space = await db.prisma.space.create({
    data: {
      slug: `yer-${o.suffix}`,
      nameTr: `Yer imi alanı ${o.suffix}`,
      nameEn: `Bookmark space ${o.suffix}`,
      visibility: o.visibility ?? 'MEMBERS',
    },
  })
  const thread = await db.prisma.thread.create({
    data: {
      spaceId: space.id,
      authorId: o.authorId,
      title: o.title,
      lastPostNumber: o.posts.length,
      postCount: o.posts.length,
      posts: {
        create: o.posts.map(([authorId, body], i) => ({
          number: i + 1,
          path: childPath(null, i + 1),
          authorId,
          body,
          html: `<p>${body}</p>`,
        })),
      },
    },
  })
  return { space, thread }
}

test('bookmark a post, find it on /bookmarks, remove it', async ({ page, db }) => {
  test.setTimeout(150_000)
  const suffix = randomUUID().slice(0, 8)
  const ayse = await db.createUser({ name: `Ayşe Okur ${suffix}`, locale: 'en' })
  const burak = await db.createUser({ name: `Burak Yazar ${suffix}`, locale: 'en' })
  const { thread } = await seedThread(db, {
    suffix,
    authorId: burak.id,
    title: `Gönüllü eğitimi takvimi ${suffix}`,
    posts: [
      [burak.id, 'Eğitim takvimi için önerilerinizi bekliyoruz.'],
      [burak.id, 'İkinci oturum Mart ayında, İzmir’de yapılacak.'],
    ],
  })

  await signIn(page, ayse)
  await page.goto(`/threads/${thread.id}?page=1`)
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1))
  const button = page.locator('article[data-post-number="2"]').getByRole('button', { name: 'Bookmark post 2' })
  await expect(button).toHaveAttribute('aria-pressed', 'false')
  await button.click()
  await expect(button).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('status').filter({ hasText: 'Post 2 bookmarked.' })).toBeAttached()
  // Saved in place: no navigation.
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1)
  await page.locator('article[data-post-number="2"]').screenshot({ path: `${SHOTS}/thread-bookmarked-1280-en.png` })
  // After a reload the state comes from the page's ids.
  await page.reload()
  await expect(page.locator('article[data-post-number="2"]').getByRole('button', { name: 'Bookmark post 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect(page.locator('article[data-post-number="1"]').getByRole('button', { name: 'Bookmark post 1' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )

  // The header's entry leads to the list.
  await page.getByRole('banner').getByRole('link', { name: 'Bookmarks' }).click()
  await expect(page).toHaveURL(/\/bookmarks$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Bookmarks' })).toBeVisible()
  const item = page.getByRole('list', { name: 'Your bookmarks' }).getByRole('listitem')
  await expect(item).toHaveCount(1)
  await expect(item.getByRole('heading', { name: `Gönüllü eğitimi takvimi ${suffix}` })).toBeVisible()
  await expect(item).toContainText('İkinci oturum Mart ayında')
  await expect(item).toContainText(`Bookmark space ${suffix}`)
  await expect(item.getByRole('link', { name: 'Post 2' })).toHaveAttribute('href', `/threads/${thread.id}/posts/2`)
  await item.getByRole('textbox', { name: /^Note for post 2/ }).fill('Tarihleri takvime ekle')
  await item.getByRole('button', { name: 'Save note' }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('Note saved.')
  await expect(item.getByRole('textbox', { name: /^Note for post 2/ })).toHaveValue('Tarihleri takvime ekle')

  for (const locale of ['en', 'tr'] as const) {
    await db.prisma.user.update({ where: { id: ayse.id }, data: { locale } })
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/bookmarks')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'en' ? 'Bookmarks' : 'Yer imleri')
      await expectNoAxeViolations(page)
      await page.screenshot({ path: `${SHOTS}/bookmarks-${width}-${locale}.png`, fullPage: true })
    }
  }
  await db.prisma.user.update({ where: { id: ayse.id }, data: { locale: 'en' } })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto('/bookmarks')
  await page.getByRole('button', { name: `Remove the bookmark on post 2 in “Gönüllü eğitimi takvimi ${suffix}”` }).click()
  await expect(page.locator('main').getByRole('status')).toHaveText('Bookmark removed.')
  await expect(page.getByText('You have no bookmarks yet.')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${SHOTS}/bookmarks-empty-1280-en.png`, fullPage: true })
})

test("a thread's author edits its title and a second reader sees it change live", async ({ page, browser, db }) => {
  test.setTimeout(150_000)
  const suffix = randomUUID().slice(0, 8)
  const author = await db.createUser({ name: `Cem Başlık ${suffix}`, locale: 'en' })
  const reader = await db.createUser({ name: `Deniz Okur ${suffix}`, locale: 'en' })
  const { thread } = await seedThread(db, {
    suffix,
    authorId: author.id,
    title: `Toplantı notlar ${suffix}`,
    posts: [[author.id, 'Notlar.']],
  })

  const readerContext = await browser.newContext({ locale: 'en-GB' })
  const readerPage = await readerContext.newPage()
  await signIn(page, author)
  await signIn(readerPage, reader)
  await readerPage.goto(`/threads/${thread.id}?page=1`)
  await expect(readerPage.getByRole('heading', { level: 1 })).toHaveText(`Toplantı notlar ${suffix}`)
  await expect(readerPage.getByTestId('live-presence')).toBeAttached()
  await expect(readerPage.getByRole('link', { name: 'Edit title' })).toHaveCount(0)
  await readerPage.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1))

  await page.goto(`/threads/${thread.id}?page=1`)
  await page.getByRole('link', { name: 'Edit title' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit the title of “Toplantı notlar ${suffix}”`)
  await expectNoAxeViolations(page)
  await page.getByRole('textbox', { name: /^Thread title/ }).fill('x')
  await page.getByRole('button', { name: 'Save title' }).click()
  await expect(page.getByRole('textbox', { name: /^Thread title/ })).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('textbox', { name: /^Thread title/ }).fill(`Toplantı notları ${suffix}`)
  await page.getByRole('button', { name: 'Save title' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Toplantı notları ${suffix}`)

  // The reader's open page: heading and document title change in place, no reload.
  await expect(readerPage.getByRole('heading', { level: 1 })).toHaveText(`Toplantı notları ${suffix}`)
  await expect(readerPage).toHaveTitle(`Toplantı notları ${suffix} · birlikte`)
  expect(await readerPage.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1)
  await readerPage.screenshot({ path: `${SHOTS}/title-live-reader-1280-en.png` })

  // The history keeps the old title.
  await page.goto(`/threads/${thread.id}/title`)
  await expect(page.getByRole('region', { name: 'Earlier titles' })).toContainText(`Toplantı notlar ${suffix}`)
  await page.screenshot({ path: `${SHOTS}/title-edit-1280-en.png`, fullPage: true })
  // The edit page is a page of its own: axe 0 at 1280 and 390 px, in English and Turkish.
  for (const lang of ['en', 'tr']) {
    if (lang === 'tr') {
      await page.context().addCookies([{ name: 'lang', value: 'tr', url: page.url() }])
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.reload()
    }
    await expectNoAxeViolations(page)
    await page.setViewportSize({ width: 390, height: 844 })
    await expectNoAxeViolations(page)
  }
  await readerContext.close()
})

test('mentioning someone who cannot see a private thread is warned about', async ({ page, db }) => {
  test.setTimeout(150_000)
  const suffix = randomUUID().slice(0, 8)
  const org = await db.createOrg()
  const writer = await db.createUser({ name: `Ece Yazan ${suffix}`, locale: 'en' })
  const outsider = await db.createUser({ name: `Fikret Dışarıda${suffix}`, locale: 'en' })
  await db.addMember(writer.id, org.id)
  const { space, thread } = await seedThread(db, {
    suffix,
    authorId: writer.id,
    title: `Davetlilere özel ${suffix}`,
    visibility: 'PRIVATE',
    posts: [[writer.id, 'Yalnızca davetli kuruluşlar için.']],
  })
  await db.prisma.spaceInvitation.create({ data: { spaceId: space.id, orgId: org.id } })

  await signIn(page, writer)
  await page.goto(`/threads/${thread.id}?page=1`)
  const field = page.getByRole('textbox', { name: 'Your reply' })
  const typed = `Merhaba @fikret-disarida${suffix}`
  await field.fill(typed.slice(0, -1))
  await field.press('End')
  await field.pressSequentially(typed.slice(-1))
  const option = page
    .getByRole('listbox', { name: 'Mention suggestions' })
    .getByRole('option', { name: new RegExp(`Fikret Dışarıda${suffix}`) })
  await expect(option).toContainText('can’t see this thread')
  await page.screenshot({ path: `${SHOTS}/mention-suggestion-1280-en.png` })
  await page.keyboard.press('Enter')
  await field.pressSequentially('bakabilir misin?')

  await page.getByRole('tab', { name: 'Preview' }).click()
  const warning = `You mentioned @${outsider.handle}, but they won’t be notified because they can’t see this thread.`
  await expect(page.getByRole('tabpanel', { name: 'Preview' })).toContainText(warning)
  await page.getByRole('tab', { name: 'Write' }).click()
  await page.getByRole('button', { name: 'Post reply' }).click()
  await expect(page.getByRole('status').filter({ hasText: warning })).toBeVisible()
  await expect(page.locator('article[data-post-number="2"]')).toContainText('bakabilir misin?')
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${SHOTS}/mention-after-post-1280-en.png` })
})
