/**
 * Threads and posts in Chromium: start a thread, reply, reply to a reply, react, edit and read the
 * diff, get an unsent reply back after a reload, and axe on the thread page at 1280 and 320 px; deleting
 * through the page's one shared delete form; every post control without JavaScript.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, signIn, test, uniqueEmail, type DbHelper } from './fixtures.ts'

test('a member starts a thread, replies, reacts, edits and keeps a draft', async ({ page, db }) => {
  test.setTimeout(180_000)
  const suffix = randomBytes(3).toString('hex')
  const space = await db.prisma.space.create({
    data: { slug: `e2e-alan-${suffix}`, nameTr: `Deneme alanı ${suffix}`, nameEn: `Test space ${suffix}`, visibility: 'MEMBERS' },
  })
  const name = `Deniz Yazar ${suffix}`
  const user = await db.createUser({ email: uniqueEmail('threads'), name, locale: 'en' })
  await signIn(page, user)

  // 1. A new thread.
  await page.goto(`/spaces/${space.slug}/new-thread`)
  await page.getByRole('textbox', { name: /^Title/ }).fill('Working with volunteers')
  await page.getByRole('textbox', { name: /^Message/ }).fill('How do you keep volunteers for more than a season?')
  await page.getByRole('button', { name: 'Start the thread' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Working with volunteers')
  await expect(page.getByRole('heading', { name: `Post 1 by ${name}` })).toBeVisible()

  // 2. A reply; its heading takes focus after posting.
  const composer = page.getByRole('textbox', { name: /^Your reply/ })
  await composer.fill('We pair each newcomer with a mentor.')
  await page.getByRole('button', { name: 'Post reply' }).click()
  await expect(page.getByRole('heading', { name: `Post 2 by ${name}` })).toBeFocused()

  // 3. A reply to the reply, nested, with its "in reply to" link. From the keyboard: Enter on the link,
  // and the reply box has focus, so typing starts without a Tab.
  await page.getByRole('link', { name: 'Reply to post 2' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Replying to post 2' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: /^Your reply/ })).toBeFocused()
  await page.keyboard.type('Mentors work for us too.')
  await expect(page.getByRole('textbox', { name: /^Your reply/ })).toHaveValue('Mentors work for us too.')
  await page.getByRole('button', { name: 'Post reply' }).click()
  const nested = page.getByRole('heading', { level: 3, name: `Post 3 by ${name}` })
  await expect(nested).toBeFocused()
  await expect(page.locator('article', { has: nested }).getByRole('link', { name: 'in reply to post 2' })).toBeVisible()

  // 4. React to the opening post (a toggle button).
  const first = page.locator('article[data-post-number="1"]')
  const like = first.getByRole('button', { name: /^Like/ })
  await expect(like).toHaveAttribute('aria-pressed', 'false')
  await like.click()
  await expect(like).toHaveAttribute('aria-pressed', 'true')
  await expect(like).toContainText('1')

  // 5. Edit the opening post, then read the diff in its history.
  await first.getByRole('link', { name: 'Edit' }).click()
  // A client navigation that also loads the edit page's dictionaries: on a loaded 2-core CI machine it has
  // taken longer than the 10 s an action waits, so the page's own heading is waited for like a page load.
  await expect(page.getByRole('heading', { level: 1, name: 'Edit post 1' })).toBeVisible({ timeout: 30_000 })
  await page.getByRole('textbox', { name: /^Text/ }).fill('How do you keep volunteers for more than a year?')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { name: `Post 1 by ${name}` })).toBeVisible()
  await page.locator('article[data-post-number="1"]').getByRole('link', { name: 'edited' }).click()
  const diff = page.getByTestId('diff')
  await expect(diff.locator('del')).toContainText('season')
  await expect(diff.locator('ins')).toContainText('year')

  // 6. An unsent reply survives a reload.
  await page.getByRole('link', { name: 'Back to the post' }).click()
  await page.getByRole('textbox', { name: /^Your reply/ }).fill('Half-written thought about rotas')
  await page.waitForResponse((r) => r.url().endsWith('/drafts') && r.request().method() === 'POST')
  await page.reload()
  await expect(page.getByRole('textbox', { name: /^Your reply/ })).toHaveValue('Half-written thought about rotas')

  // 7. Accessible at desktop and phone widths.
  await page.setViewportSize({ width: 1280, height: 900 })
  await expectNoAxeViolations(page)
  await page.setViewportSize({ width: 320, height: 800 })
  await expectNoAxeViolations(page)
  await expectNoHorizontalScroll(page)
})

/** A members' space and a signed-in member on a new thread of one post; returns the post's article. */
async function memberOnNewThread(page: Page, db: DbHelper, label: string) {
  const suffix = randomBytes(3).toString('hex')
  const space = await db.prisma.space.create({
    data: { slug: `e2e-${label}-${suffix}`, nameTr: `Alan ${suffix}`, nameEn: `Space ${suffix}`, visibility: 'MEMBERS' },
  })
  const name = `Deniz ${label} ${suffix}`
  await signIn(page, await db.createUser({ email: uniqueEmail(label), name, locale: 'en' }))
  await page.goto(`/spaces/${space.slug}/new-thread`)
  await page.getByRole('textbox', { name: /^Title/ }).fill('Shared forms')
  await page.getByRole('textbox', { name: /^Message/ }).fill('The opening post.')
  await page.getByRole('button', { name: 'Start the thread' }).click()
  await expect(page.getByRole('heading', { name: `Post 1 by ${name}` })).toBeVisible()
  return name
}

test('quoting fills the reply box in place; deleting asks first, then goes through the page’s one delete form', async ({ page, db }) => {
  const name = await memberOnNewThread(page, db, 'del')
  // Quote, with JavaScript: the post's text goes into the reply box in place, which takes focus.
  await page.locator('article[data-post-number="1"]').getByRole('link', { name: 'Quote post 1' }).click()
  const box = page.getByRole('textbox', { name: /^Your reply/ })
  await expect(box).toBeFocused()
  await expect(box).toHaveValue(/\n> The opening post\./)
  await box.fill('A reply I will take back.')
  await page.getByRole('button', { name: 'Post reply' }).click()
  const second = page.locator('article[data-post-number="2"]')
  await expect(second.getByRole('heading', { name: `Post 2 by ${name}` })).toBeFocused()
  // One delete form for the page, whatever the number of posts.
  await expect(page.locator('form#post-delete')).toHaveCount(1)

  page.once('dialog', (d) => void d.dismiss())
  await second.getByRole('button', { name: 'Delete' }).click()
  await expect(second).toContainText('A reply I will take back.')

  page.once('dialog', (d) => {
    expect(d.message()).toBe('Delete post 2? Its replies stay.')
    void d.accept()
  })
  await second.getByRole('button', { name: 'Delete' }).click()
  await expect(second).toContainText('This post was deleted.')
  await expect(page.locator('article[data-post-number="1"]')).toContainText('The opening post.')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('every post control is a real form or link: react, reply, quote, delete', async ({ page, db }) => {
    const name = await memberOnNewThread(page, db, 'nojs')
    const first = page.locator('article[data-post-number="1"]')
    const like = first.getByRole('button', { name: /^Like/ })
    await expect(like).toHaveAttribute('aria-pressed', 'false')
    await like.click()
    await expect(first.getByRole('button', { name: /^Like/ })).toHaveAttribute('aria-pressed', 'true')
    await expect(first.getByRole('button', { name: /^Like/ })).toContainText('1')

    await first.getByRole('link', { name: 'Quote post 1' }).click()
    await expect(page.getByRole('heading', { name: 'Replying to post 1' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: /^Your reply/ })).toHaveValue(/The opening post\./)
    await page.getByRole('textbox', { name: /^Your reply/ }).fill('Agreed.')
    await page.getByRole('button', { name: 'Post reply' }).click()
    const second = page.locator('article[data-post-number="2"]')
    await expect(second.getByRole('heading', { name: `Post 2 by ${name}` })).toBeVisible()
    await expect(second.getByRole('link', { name: 'in reply to post 1' })).toBeVisible()

    await second.getByRole('button', { name: 'Delete' }).click()
    await expect(page.locator('article[data-post-number="2"]')).toContainText('This post was deleted.')
  })
})
