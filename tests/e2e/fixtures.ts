/**
 * What every e2e spec needs: mail caught by serve.ts's SMTP catcher, users and organizations created
 * straight in the e2e database through tests/support/factories.ts, signing in through the real form,
 * and axe checks that fail with a readable list.
 */
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { DEMO_PASSWORD, DEMO_USERS } from '../../prisma/demo-data.ts'
import { linkIn, type CaughtMail } from '../support/smtp.ts'
import { ENV_FILE, type E2eEnv } from './env.ts'

export { expect }
export type { CaughtMail }

let cachedEnv: E2eEnv | undefined
/** Read lazily: spec files are loaded for listing before serve.ts has written it. */
export function e2eEnv(): E2eEnv {
  cachedEnv ??= JSON.parse(readFileSync(ENV_FILE, 'utf8')) as E2eEnv
  return cachedEnv
}

export const uniqueEmail = (prefix = 'e2e') => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.org`

/** A password the strength rules accept, different every time. */
export const strongPassword = (tag = 'pw') => `Kestane-${tag}-${randomBytes(3).toString('hex')}-42`

/** The seeded platform admin (prisma/demo-data.ts); their own language setting is Turkish. */
export const DEMO_ADMIN = { email: DEMO_USERS.find((u) => u.role === 'ADMIN')!.email, password: DEMO_PASSWORD }

// ── mail ────────────────────────────────────────────────────────────────────────────────────────

export interface MailHelper {
  /** Waits for a mail to `to` (and matching `match`, when given) to reach the SMTP catcher. */
  waitFor(to: string, options?: { match?: (m: CaughtMail) => boolean; timeoutMs?: number }): Promise<CaughtMail>
  /** Everything caught so far for `to`. */
  list(to: string): Promise<CaughtMail[]>
  /** The first absolute link in the mail's text containing `part`, e.g. '/verify-email'. */
  link(mail: CaughtMail, part: string): string
}

function mailHelper(): MailHelper {
  const list = async (to: string) => {
    const res = await fetch(`${e2eEnv().mailApiUrl}/messages?to=${encodeURIComponent(to)}`)
    if (!res.ok) throw new Error(`mail API answered ${res.status}`)
    return (await res.json()) as CaughtMail[]
  }
  return {
    list,
    link: linkIn,
    async waitFor(to, { match = () => true, timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const all = await list(to)
        const found = all.find(match)
        if (found) return found
        if (Date.now() > deadline) {
          const seen = all.map((m) => `"${m.subject}"`).join(', ') || 'none'
          throw new Error(`no matching mail to ${to} within ${timeoutMs} ms (caught for that address: ${seen})`)
        }
        await new Promise((r) => setTimeout(r, 200))
      }
    },
  }
}

// ── database ────────────────────────────────────────────────────────────────────────────────────

type Factories = typeof import('../support/factories.ts')

export interface DbHelper {
  createUser: Factories['createUser']
  createOrg: Factories['createOrg']
  addMember: Factories['addMember']
  /** The Prisma client on the e2e database, for asserting on what a journey wrote. */
  prisma: (typeof import('../../app/lib/db.server.ts'))['db']
}

async function dbHelper(): Promise<{ helper: DbHelper; close: () => Promise<void> }> {
  // The app modules read DATABASE_URL on first use; point them at the e2e server's database.
  process.env.DATABASE_URL = e2eEnv().databaseUrl
  const factories = await import('../support/factories.ts')
  const { db, disconnectDb } = await import('../../app/lib/db.server.ts')
  return {
    helper: { createUser: factories.createUser, createOrg: factories.createOrg, addMember: factories.addMember, prisma: db },
    close: disconnectDb,
  }
}

// ── signing in ──────────────────────────────────────────────────────────────────────────────────

/** Signs in through the login form (the browser's English UI) and waits until the app has left /login. */
export async function signIn(page: Page, user: { email: string; password: string }, options: { remember?: boolean } = {}) {
  await page.goto('/login')
  await page.getByLabel(/^E-mail address/).fill(user.email)
  await page.getByLabel(/^Password/).fill(user.password)
  if (options.remember) await page.getByLabel(/^Remember me/).check()
  await page.locator('main').getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).not.toHaveURL(/\/login(\?|$)/)
  // The account's own language setting wins from here on, so accept either.
  await expect(page.getByRole('banner').getByRole('button', { name: /^(Sign out|Çıkış yap)$/ })).toBeVisible()
}

/** Signs out with the header's button and waits for the signed-out header. */
export async function signOut(page: Page) {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^(sign out|çıkış yap)$/i })
    .click()
  await expect(page.getByRole('banner').getByRole('link', { name: /^(sign in|giriş yap)$/i })).toBeVisible()
}

// ── accessibility ───────────────────────────────────────────────────────────────────────────────

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Runs axe on the page as it is now; fails listing every violation with its selectors. */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[]; soft?: boolean } = {}) {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS)
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector)
  const { violations } = await builder.analyze()
  const report = violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n')
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`
    })
    .join('\n')
  ;(options.soft ? expect.soft : expect)(
    violations.length,
    `axe found ${violations.length} violation(s) on ${page.url()}:\n${report}`,
  ).toBe(0)
}

// ── small screens ───────────────────────────────────────────────────────────────────────────────

/** The page must fit the viewport's width: wide content scrolls in its own box, never the page. */
export async function expectNoHorizontalScroll(page: Page, options: { soft?: boolean } = {}) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX)
    // What sticks out: anything outside a scroll box, and absolutely positioned things (such as
    // .sr-only text) whose containing block lies outside the scroll box they sit in.
    const culprits = [...document.querySelectorAll('body *')].filter((el) => {
      if (el.getBoundingClientRect().right <= width + 1) return false
      const absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position)
      let a = el.parentElement
      while (a && a !== document.body && !scrolls(a)) a = a.parentElement
      return absolute || !a || a === document.body
    })
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')} (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`
    return { scroll: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 6).map(describe) }
  })
  ;(options.soft ? expect.soft : expect)(
    overflow.scroll,
    `${page.url()} is wider than ${overflow.width} px: ${overflow.culprits.join(', ')}`,
  ).toBeLessThanOrEqual(overflow.width)
}

// ── the test object ─────────────────────────────────────────────────────────────────────────────

export const test = base.extend<{ mail: MailHelper }, { db: DbHelper }>({
  // Every page must hydrate and run without a JavaScript error (e.g. a value imported from a .server
  // module, which the browser build leaves empty), a React hydration mismatch, or anything our own CSP
  // refuses (an inline style attribute silently loses its layout).
  context: async ({ context }, use) => {
    const errors: string[] = []
    context.on('page', (page) => {
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
      page.on('console', (m) => {
        if (m.type() === 'error' && /React|hydrat|Content Security Policy/i.test(m.text())) errors.push(`${page.url()}: ${m.text()}`)
      })
    })
    await use(context)
    expect(errors, 'JavaScript errors in the browser').toEqual([])
  },
  mail: async ({}, use) => {
    await use(mailHelper())
  },
  db: [
    async ({}, use) => {
      const { helper, close } = await dbHelper()
      await use(helper)
      await close()
    },
    { scope: 'worker' },
  ],
})
