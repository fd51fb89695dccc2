/**
 * Posts arrive rendered and are put in place, no reload: an edit and a reaction by one reader show on the
 * other's page; a moderator's view of a hidden post changes while a member never receives its text
 * (checked on the member's WebSocket frames, not only on the screen).
 */
import { randomUUID } from 'node:crypto'
import { expect, expectNoAxeViolations, signIn, test } from './fixtures.ts'

test('edits, reactions and hidden posts update in place for each audience', async ({ page, browser, db }) => {
  // Three browsers on one small machine.
  test.setTimeout(180_000)
  const suffix = randomUUID().slice(0, 8)
  const ayse = await db.createUser({ name: `Ayşe Yılmaz ${suffix}`, locale: 'en' })
  const burak = await db.createUser({ name: `Burak Demir ${suffix}`, locale: 'en' })
  const meral = await db.createUser({ name: `Meral Moderatör ${suffix}`, role: 'MODERATOR', locale: 'en' })
  const space = await db.prisma.space.create({
    data: { slug: `canli-${suffix}`, nameTr: `Canlı alan ${suffix}`, nameEn: `Live space ${suffix}`, visibility: 'MEMBERS' },
  })
  // Straight into the database (the posting module's JSON imports do not load under Playwright).
  const { childPath } = await import('../../app/modules/discussions/path.ts')
  const post = (number: number, authorId: string, body: string, status: 'VISIBLE' | 'HIDDEN' = 'VISIBLE') => ({
    number,
    path: childPath(null, number),
    authorId,
    body,
    html: `<p>${body}</p>`,
    status,
  })
  const { id: threadId } = await db.prisma.thread.create({
    data: {
      spaceId: space.id,
      authorId: ayse.id,
      title: 'Canlı güncellemeler',
      lastPostNumber: 3,
      postCount: 3,
      posts: {
        create: [
          post(1, ayse.id, 'Açılış mesajı.'),
          post(2, burak.id, 'Gizlenmiş ilk metin.', 'HIDDEN'),
          post(3, burak.id, 'Burak’ın ilk hâli.'),
        ],
      },
    },
  })

  const burakContext = await browser.newContext({ locale: 'en-GB' })
  const meralContext = await browser.newContext({ locale: 'en-GB' })
  const burakPage = await burakContext.newPage()
  const meralPage = await meralContext.newPage()
  await signIn(page, ayse)
  await signIn(burakPage, burak)
  await signIn(meralPage, meral)

  // Everything the member's browser receives over the socket.
  const frames: string[] = []
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString())))

  await page.goto(`/threads/${threadId}?page=1`)
  await meralPage.goto(`/threads/${threadId}?page=1`)
  await expect(page.getByTestId('live-presence')).toHaveText('2 people reading')
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1))

  const ayseSees = (n: number) => page.locator(`article[data-post-number="${n}"]`)
  const meralSees = (n: number) => meralPage.locator(`article[data-post-number="${n}"]`)
  await expect(ayseSees(2)).toContainText('This post was hidden by a moderator.')
  await expect(ayseSees(2)).not.toContainText('Gizlenmiş')
  await expect(meralSees(2)).toContainText('Gizlenmiş ilk metin.')

  // Burak edits his post on its edit page: Ayşe's page shows the new text in place.
  await burakPage.goto(`/threads/${threadId}/posts/3/edit`)
  await burakPage.getByRole('textbox', { name: /^Text/ }).fill('Burak’ın düzeltilmiş hâli.')
  await burakPage.getByRole('button', { name: 'Save changes' }).click()
  await expect(ayseSees(3)).toContainText('Burak’ın düzeltilmiş hâli.')
  await expect(ayseSees(3).getByRole('link', { name: 'edited' })).toBeVisible()
  // Not Ayşe's post: no edit link came with it.
  await expect(ayseSees(3).getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0)

  // Burak likes the opening post: the count changes on Ayşe's page, her own button stays unpressed.
  await burakPage.goto(`/threads/${threadId}?page=1`)
  await burakPage.locator('article[data-post-number="1"]').getByRole('button', { name: /^Like/ }).click()
  const like = ayseSees(1).getByRole('button', { name: /^Like/ })
  await expect(like).toContainText('1')
  await expect(like).toHaveAttribute('aria-pressed', 'false')
  // And her own post still has its edit link (decided in the browser from the ids the page holds).
  await expect(ayseSees(1).getByRole('link', { name: 'Edit', exact: true })).toBeVisible()

  // The moderator edits the hidden post in another tab: her open page shows the new text in place,
  // the member's page keeps the placeholder and never receives the text.
  const meralTab = await meralContext.newPage()
  await meralTab.goto(`/threads/${threadId}/posts/2/edit`)
  await meralTab.getByRole('textbox', { name: /^Text/ }).fill('Moderatörün düzelttiği gizli metin.')
  await meralTab.getByRole('textbox', { name: /^Reason for the edit/ }).fill('Kişisel bilgi çıkarıldı')
  await meralTab.getByRole('button', { name: 'Save changes' }).click()
  await expect(meralSees(2)).toContainText('Moderatörün düzelttiği gizli metin.')
  await expect(meralSees(2)).toContainText('Hidden by a moderator (you see it as a moderator).')
  await expect(ayseSees(2)).toContainText('This post was hidden by a moderator.')
  // The member's socket did get the change (a placeholder), just never its text.
  await expect.poll(() => frames.some((f) => f.includes('thread:posts') && f.includes('"number":2'))).toBe(true)
  expect(frames.join('\n')).not.toContain('Moderatörün')
  expect(frames.join('\n')).not.toContain('Gizlenmiş')

  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1)
  await expectNoAxeViolations(page)
  await burakContext.close()
  await meralContext.close()
})
