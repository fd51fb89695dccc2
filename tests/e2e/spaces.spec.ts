/**
 * Spaces: the seeded moderator creates a safe space through the form (in Turkish, their language), finds
 * it in the list, a member joins, follows and accepts its rules, a signed-out visitor is sent to sign in;
 * axe finds nothing on the list, space, edit and access pages at 1280 and 320 px.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, DEMO_USERS } from '../../prisma/demo-data.ts'
import { expect, expectNoAxeViolations, type DbHelper, expectNoHorizontalScroll, signIn, test, uniqueEmail } from './fixtures.ts'

const MODERATOR = { email: DEMO_USERS.find((u) => u.role === 'MODERATOR')!.email, password: DEMO_PASSWORD }

async function audit(page: Page, path: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(path)
    await expectNoAxeViolations(page)
    await expectNoHorizontalScroll(page)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

/** A safe space written straight to the database, for the journeys that do not test the form. */
async function safeSpace(db: DbHelper) {
  const suffix = randomBytes(3).toString('hex')
  return db.prisma.space.create({
    data: {
      slug: `safe-room-${suffix}`,
      nameTr: `Güvenli Oda ${suffix}`,
      nameEn: `Safe Room ${suffix}`,
      descriptionTr: 'Hassas deneyimler için kapalı bir alan.',
      descriptionEn: 'A closed space for sensitive experiences.',
      visibility: 'MEMBERS',
      safeSpace: true,
      icon: 'shield',
      color: 'violet',
      rulesTr: 'Burada paylaşılan burada kalır. Saygılı olun.',
      rulesEn: 'What is shared here stays here. Be respectful.',
    },
  })
}

test('the seeded moderator creates a safe space through the form and finds it in the list', async ({ page, db }) => {
  // A journey of many page loads on a shared 2-core machine.
  test.setTimeout(240_000)
  const suffix = randomBytes(3).toString('hex')
  const nameEn = `Safe Circle ${suffix}`
  const nameTr = `Güvenli Çember ${suffix}`
  const slug = `safe-circle-${suffix}`

  // The moderator's UI is Turkish; a mistake first: a safe space without its Turkish rules.
  await signIn(page, MODERATOR)
  await page.goto('/spaces')
  await page.getByRole('link', { name: 'Alan oluştur' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alan oluştur')
  await page.getByLabel(/^Türkçe ad/).fill(nameTr)
  await page.getByLabel(/^İngilizce ad/).fill(nameEn)
  await page.getByLabel(/^Türkçe açıklama/).fill('Hassas deneyimler için kapalı bir alan.')
  await page.getByLabel(/^İngilizce açıklama/).fill('A closed space for sensitive experiences.')
  await page.getByLabel(/^Simge/).selectOption('shield')
  await page.getByLabel(/^Renk/).selectOption('violet')
  await page.getByLabel(/^Kimler okuyabilir/).selectOption('MEMBERS')
  await page.getByLabel('Güvenli alan', { exact: true }).check()
  await page.getByLabel(/^Türkçe kurallar/).fill('')
  await page.getByRole('button', { name: 'Alanı oluştur' }).click()
  await expect(page.getByTestId('error-summary')).toBeFocused()
  await expect(page.getByText('Güvenli bir alanın bu dilde kuralları olmalı.')).toBeVisible()
  expect(await db.prisma.space.count({ where: { slug } })).toBe(0)
  await page.getByLabel(/^Türkçe kurallar/).fill('Burada paylaşılan burada kalır. Saygılı olun.')
  await page.getByRole('button', { name: 'Alanı oluştur' }).click()
  await expect(page).toHaveURL(new RegExp(`/spaces/${slug}\\?done=created$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nameTr)
  await expect(page.getByRole('status').filter({ hasText: 'Alan oluşturuldu.' })).toBeVisible()
  const space = await db.prisma.space.findUniqueOrThrow({ where: { slug } })
  expect(space).toMatchObject({ safeSpace: true, visibility: 'MEMBERS', icon: 'shield', color: 'violet' })

  await page.goto('/spaces')
  await expect(page.getByRole('list', { name: 'Alanlar' }).getByRole('link', { name: nameTr })).toBeVisible()
})

test('a member organization’s member accepts the rules to enter, then joins and follows; others stay out', async ({
  page,
  browser,
  db,
}) => {
  test.setTimeout(240_000)
  const space = await safeSpace(db)
  const member = await db.createUser({ email: uniqueEmail('spaces'), name: `Deniz Üye ${randomBytes(3).toString('hex')}`, locale: 'en' })
  await db.addMember(member.id, (await db.createOrg()).id)
  await signIn(page, member)
  await page.goto('/spaces')
  await page.getByRole('list', { name: 'Spaces' }).getByRole('link', { name: space.nameEn }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(space.nameEn)
  // The rules are the way in: nothing else of the space before they are accepted.
  await expect(page.getByRole('button', { name: 'Join space' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Threads' })).toHaveCount(0)
  await page.getByRole('button', { name: 'I accept these rules' }).click()
  await expect(page.getByTestId('rules-accepted')).toBeVisible()
  // Accepting the rules is joining: the space is theirs now, with its threads.
  await expect(page.getByText(/^You joined this space on /)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Threads' })).toBeVisible()
  await page.getByRole('button', { name: 'Stop following' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You no longer follow this space.' })).toBeVisible()
  await page.getByRole('button', { name: 'Follow new threads' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You now follow' })).toBeVisible()
  await page.getByLabel('E-mail from this space').selectOption('WEEKLY')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your e-mail setting for this space is saved.' })).toBeVisible()
  await expect(page.getByTestId('rules-accepted')).toBeVisible()
  await expect(page.getByRole('button', { name: 'I accept these rules' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'New thread' })).toHaveAttribute('href', `/spaces/${space.slug}/new-thread`)
  const row = await db.prisma.spaceMember.findUniqueOrThrow({ where: { spaceId_userId: { spaceId: space.id, userId: member.id } } })
  expect(row).toMatchObject({ following: true, email: 'WEEKLY' })
  expect(row.rulesAcceptedAt).not.toBeNull()
  await page.goto('/spaces?mine=1')
  await expect(page.getByRole('list', { name: 'Spaces' }).getByRole('link', { name: space.nameEn })).toBeVisible()

  const anon = await browser.newContext({ locale: 'en-GB' })
  const anonPage = await anon.newPage()
  await anonPage.goto('/spaces')
  await expect(anonPage.getByRole('heading', { level: 1 })).toHaveText('Spaces')
  await expect(anonPage.getByText(space.nameEn)).toHaveCount(0)
  await anonPage.goto(`/spaces/${space.slug}`)
  await expect(anonPage).toHaveURL(/\/login\?redirectTo=/)
  await expect(anonPage.getByText('What is shared here stays here.')).toHaveCount(0)
  await anon.close()

  // Signed in but in no organization: not listed, and refused.
  const outsider = await db.createUser({ email: uniqueEmail('outsider'), locale: 'en' })
  const other = await browser.newContext({ locale: 'en-GB' })
  const otherPage = await other.newPage()
  await signIn(otherPage, outsider)
  await otherPage.goto('/spaces')
  await expect(otherPage.getByText(space.nameEn)).toHaveCount(0)
  expect((await otherPage.goto(`/spaces/${space.slug}`))?.status()).toBe(403)
  await other.close()
})

for (const [name, path] of [
  ['the list', () => '/spaces'],
  ['a space', (slug: string) => `/spaces/${slug}`],
  ['the new-space form', () => '/spaces/new'],
  ['the edit form', (slug: string) => `/spaces/${slug}/edit`],
  ['the access page', (slug: string) => `/spaces/${slug}/access?q=meh`],
] as const) {
  test(`axe finds nothing on ${name} at 1280 and 320 px`, async ({ page, db }) => {
    test.setTimeout(180_000)
    const space = await safeSpace(db)
    await signIn(page, MODERATOR)
    await audit(page, path(space.slug))
  })
}
