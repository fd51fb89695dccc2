/**
 * A reply with a link on its own line gets a preview card under it, pushed into the open page (no
 * reload) once the job has fetched the page: from serve.ts's local page server, which the harness alone
 * allows. The card is one link named by its title and site; axe finds nothing at 1280 and 390 px.
 */
import { randomUUID } from 'node:crypto'
import { e2eEnv, expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

test('a lone link in a reply gets its preview card, live, in both languages', async ({ page, browser, db }) => {
  // Two browsers, a job and a fetch on one small shared machine.
  test.setTimeout(240_000)
  const suffix = randomUUID().slice(0, 8)
  const ayse = await db.createUser({ name: `Ayşe Yılmaz ${suffix}`, locale: 'en' })
  const burak = await db.createUser({ name: `Burak Demir ${suffix}`, locale: 'tr' })
  const space = await db.prisma.space.create({
    data: { slug: `onizleme-${suffix}`, nameTr: `Önizleme alanı ${suffix}`, nameEn: `Preview space ${suffix}`, visibility: 'MEMBERS' },
  })
  const { childPath } = await import('../../app/modules/discussions/path.ts')
  const { id: threadId } = await db.prisma.thread.create({
    data: {
      spaceId: space.id,
      authorId: ayse.id,
      title: 'Gönüllü rehberleri',
      lastPostNumber: 1,
      postCount: 1,
      posts: {
        create: [{ number: 1, path: childPath(null, 1), authorId: ayse.id, body: 'Önerileriniz?', html: '<p>Önerileriniz?</p>' }],
      },
    },
  })
  const link = `${e2eEnv().previewPagesUrl}/karsilama-${suffix}`

  // Burak (Turkish) watches the thread while Ayşe (English) replies with a lone link.
  // Signed out the form follows the browser (English); signed in, his own setting (Turkish).
  const burakContext = await browser.newContext({ locale: 'en-GB' })
  const burakPage = await burakContext.newPage()
  await signIn(page, ayse)
  await signIn(burakPage, burak)
  await burakPage.goto(`/threads/${threadId}?page=1`)
  await burakPage.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1))

  await page.goto(`/threads/${threadId}?page=1`)
  await page.getByRole('textbox', { name: /^Your reply/ }).fill(`This guide helped us:\n${link}`)
  await page.getByRole('button', { name: 'Post reply' }).click()

  const title = `Gönüllü yönetimi rehberi: karsilama-${suffix}`
  const ayseCard = page.locator('article[data-post-number="2"]').getByRole('list', { name: 'Link preview' })
  await expect(ayseCard.getByRole('link', { name: `${title} (on STK Bilgi Merkezi)` })).toHaveAttribute('href', link, { timeout: 20_000 })
  await expect(ayseCard).toContainText('STK Bilgi Merkezi')
  await expect(ayseCard).toContainText('adım adım bir rehber')

  // Pushed into Burak's open page: same card, his language, no reload.
  const burakCard = burakPage.locator('article[data-post-number="2"]').getByRole('list', { name: 'Bağlantı önizlemesi' })
  await expect(burakCard.getByRole('link', { name: `${title} (STK Bilgi Merkezi sitesinde)` })).toBeVisible({ timeout: 20_000 })
  expect(await burakPage.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1)

  const stored = await db.prisma.linkPreview.findUniqueOrThrow({ where: { url: link } })
  expect(stored).toMatchObject({ status: 'OK', siteName: 'STK Bilgi Merkezi', failureReason: null })

  const shots = process.env.SHOTS_DIR
  for (const [p, lang] of [
    [page, 'en'],
    [burakPage, 'tr'],
  ] as const) {
    for (const width of [1280, 390]) {
      await p.setViewportSize({ width, height: 900 })
      await p.locator('article[data-post-number="2"]').scrollIntoViewIfNeeded()
      await expectNoAxeViolations(p)
      // The viewport, not the element: a live page never holds still long enough for an element shot.
      if (shots) await p.screenshot({ path: `${shots}/preview-${lang}-${width}.png` })
    }
  }
  await burakContext.close()
})
