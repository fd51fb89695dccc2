/**
 * The Markdown field in a real reply composer: @-mention autocomplete by keyboard, the preview tab,
 * uploading an image with its alt text, and what the posted reply looks like.
 */
import AxeBuilder from '@axe-core/playwright'
import { AXE_TAGS, expect, signIn, test } from './fixtures.ts'

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

test('mentions, preview and images in the reply composer', async ({ page, db }) => {
  test.setTimeout(150_000)
  const stamp = Date.now().toString(36)
  const writer = await db.createUser({ name: `Yazan ${stamp}` })
  const target = await db.createUser({ name: `Ayşenur Özel${stamp}` })
  const space = await db.prisma.space.create({ data: { slug: `md-${stamp}`, nameTr: 'Deneme', nameEn: 'Trial', visibility: 'PUBLIC' } })
  const thread = await db.prisma.thread.create({
    data: { spaceId: space.id, authorId: writer.id, title: 'Markdown trial', lastPostNumber: 1, postCount: 1 },
  })
  await db.prisma.post.create({
    data: { threadId: thread.id, number: 1, path: '0000001', authorId: writer.id, body: 'Opening', html: '<p>Opening</p>' },
  })

  await signIn(page, writer)
  await page.goto(`/threads/${thread.id}`)
  const field = page.getByRole('textbox', { name: 'Your reply' })
  // Most of it filled at once (the machine running the tests is slow), the last letter typed.
  const typed = `Merhaba @aysenur-ozel${stamp}`
  await field.fill(typed.slice(0, -1))
  await field.press('End')
  await field.pressSequentially(typed.slice(-1))

  const list = page.getByRole('listbox', { name: 'Mention suggestions' })
  await expect(list).toBeVisible()
  const option = list.getByRole('option', { name: new RegExp(`Ayşenur Özel${stamp}`) })
  await expect(option).toHaveAttribute('aria-selected', 'true')
  await expect(field).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!)
  await expect(page.getByRole('status').filter({ hasText: /suggestion/ })).toHaveText(/1 suggestion\./)
  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).include('[data-markdown-field]').analyze()
  expect(axe.violations.map((v) => v.id)).toEqual([])

  await page.keyboard.press('Enter')
  await expect(list).toBeHidden()
  await expect(field).toHaveValue(`Merhaba @${target.handle} `)
  await expect(field).toBeFocused()

  // Escape closes the list without touching the text.
  await field.pressSequentially('@aysenur')
  await expect(list).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(list).toBeHidden()
  await expect(field).toHaveValue(`Merhaba @${target.handle} @aysenur`)
  await field.fill(`Merhaba @${target.handle} **bold**`)

  // The image: alt text is asked for, then the Markdown lands in the text.
  await page.getByRole('button', { name: 'Add an image' }).click()
  await expect(page.getByLabel('Image file')).toBeFocused()
  await page.getByLabel('Image file').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG })
  await page.getByRole('button', { name: 'Upload and insert' }).click()
  await expect(page.getByText('Describe the image before adding it.')).toBeVisible()
  await page.getByLabel('Describe the image').fill('Afiş taslağı')
  await page.getByRole('button', { name: 'Upload and insert' }).click()
  await expect(field).toHaveValue(/\n!\[Afiş taslağı\]\(\/uploads\/posts\/[a-f0-9]{32}\.png\)\n$/)
  await expect(field).toBeFocused()

  // Preview: the same rendering the post will get.
  await page.getByRole('tab', { name: 'Preview' }).click()
  const preview = page.getByRole('tabpanel', { name: 'Preview' })
  await expect(preview.locator('.mention')).toHaveText(`@${target.handle}`)
  await expect(preview.locator('strong')).toHaveText('bold')
  await expect(preview.getByRole('img', { name: 'Afiş taslağı' })).toBeVisible()
  await page.getByRole('tab', { name: 'Preview' }).press('ArrowLeft')
  await expect(page.getByRole('tab', { name: 'Write' })).toBeFocused()
  await expect(field).toBeVisible()

  await page.getByRole('button', { name: 'Post reply' }).click()
  // The posted article, not the composer's preview (the live post can arrive before the composer is reset).
  const posted = page.locator('article .post-body').filter({ hasText: 'Merhaba' })
  await expect(posted.locator('.mention')).toHaveText(`@${target.handle}`)
  await expect(posted.getByRole('img', { name: 'Afiş taslağı' })).toBeVisible()
})
