/**
 * Two people in one thread: a reply appears for the other reader without a reload, announced politely,
 * while their half-written reply keeps its focus and text; "2 people reading"; typing indicator.
 */
import { randomUUID } from 'node:crypto'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

test('two readers of a thread see each other live', async ({ page, browser, db }) => {
  // Two browsers on one small machine.
  test.setTimeout(180_000)
  const ayse = await db.createUser({ name: 'Ayşe Yılmaz' })
  const burak = await db.createUser({ name: 'Burak Demir' })
  const suffix = randomUUID().slice(0, 8)
  const space = await db.prisma.space.create({
    data: { slug: `canli-${suffix}`, nameTr: `Canlı alan ${suffix}`, nameEn: `Live space ${suffix}`, visibility: 'MEMBERS' },
  })
  // Straight into the database (the posting module's JSON imports do not load under Playwright).
  const { childPath } = await import('../../app/modules/discussions/path.ts')
  const { id: threadId } = await db.prisma.thread.create({
    data: {
      spaceId: space.id,
      authorId: ayse.id,
      title: 'Gönüllü buluşması ne zaman?',
      lastPostNumber: 1,
      postCount: 1,
      posts: {
        create: {
          number: 1,
          path: childPath(null, 1),
          authorId: ayse.id,
          body: 'Önerilerinizi bekliyorum.',
          html: '<p>Önerilerinizi bekliyorum.</p>',
        },
      },
    },
  })

  const other = await browser.newContext({ locale: 'en-GB' })
  const burakPage = await other.newPage()
  await signIn(page, ayse)
  await signIn(burakPage, burak)
  await page.goto(`/threads/${threadId}`)
  await burakPage.goto(`/threads/${threadId}`)

  await expect(page.getByTestId('live-presence')).toHaveText('2 people reading')
  await expect(burakPage.getByTestId('live-presence')).toHaveText('2 people reading')

  // Ayşe starts a reply; Burak sees that she is typing.
  const composer = page.getByRole('textbox', { name: 'Your reply' })
  await composer.click()
  await composer.pressSequentially('Yarım kalmış bir düşünce')
  await expect(burakPage.getByTestId('live-typing')).toHaveText('Ayşe Yılmaz is typing…')

  // A marker that a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1))
  await burakPage.getByRole('textbox', { name: 'Your reply' }).fill('Cumartesi öğleden sonra uygun mu?')
  await burakPage.getByRole('button', { name: 'Post reply' }).click()

  await expect(page.getByText('Cumartesi öğleden sonra uygun mu?')).toBeVisible()
  await expect(page.getByTestId('live-announcer')).toHaveText('New reply by Burak Demir (post 2)')
  await expect(page.getByTestId('live-announcer')).toHaveAttribute('aria-live', 'polite')
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1)
  await expect(composer).toBeFocused()
  await expect(composer).toHaveValue('Yarım kalmış bir düşünce')
  // Typing on goes on where it was.
  await page.keyboard.type(', devam ediyor')
  await expect(composer).toHaveValue('Yarım kalmış bir düşünce, devam ediyor')

  await expectNoAxeViolations(page)
  await other.close()
})
