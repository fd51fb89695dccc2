/**
 * Per-route dictionaries (docs/decisions/016-per-route-locales.md): a page loads only its own, and a
 * client-side navigation brings the next page's before it renders, so no key ever shows.
 */
import { expect, test } from './fixtures.ts'
import en from '../../app/locales/en/spaces.json' with { type: 'json' }
import enOrgs from '../../app/locales/en/orgs.json' with { type: 'json' }

test('navigating from home to spaces and organizations shows their strings, not keys', async ({ page }) => {
  const dictionaries: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/i18n/')) dictionaries.push(new URL(r.url()).pathname.split('/').pop()!)
  })
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  // The home page brought its own dictionaries, not those of the spaces pages.
  expect(dictionaries).toContain('en.home.js')
  expect(dictionaries).not.toContain('en.spaces.js')

  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Spaces', exact: true }).click()
  await expect(page).toHaveURL(/\/spaces$/)
  await expect(page.getByRole('heading', { level: 1, name: en.list.title })).toBeVisible()
  await expect(page.getByText(en.list.intro)).toBeVisible()
  expect(dictionaries).toContain('en.spaces.json')

  await nav.getByRole('link', { name: 'Organizations', exact: true }).click()
  await expect(page).toHaveURL(/\/orgs$/)
  await expect(page.getByRole('heading', { level: 1, name: enOrgs.directory.title })).toBeVisible()
  await expect(page.locator('body')).not.toContainText(/\b(spaces|orgs|common|home)\.[a-z]+\.[a-zA-Z]+/)

  // Back to a page whose dictionaries are here already: nothing fetched again.
  const before = dictionaries.length
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: en.list.title })).toBeVisible()
  expect(dictionaries.length).toBe(before)
})
