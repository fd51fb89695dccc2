/**
 * The stored-XSS corpus in a real Chromium: every payload's rendered HTML is loaded as a page of its own
 * with no Content-Security-Policy (so the sanitizer alone must hold), with traps for anything that runs
 * (alert/confirm/prompt/print, window.__xss, dialogs, new frames). Then the live DOM — what the HTML
 * parser made of the markup, which is where mutation XSS shows — is checked against the allow-list.
 * A sample is also posted into a real thread and checked on the thread page, once that page exists.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { renderMarkdown, renderPost } from '../../app/modules/content/markdown.server.ts'
import { XSS_CORPUS } from '../fixtures/xss-corpus.ts'
import { expect, test } from './fixtures.ts'

const ORIGIN = 'http://xss.test'
const ALLOWED = [
  'html',
  'head',
  'body',
  'main',
  'script',
  'p',
  'br',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'span',
  'h4',
  'h5',
  'h6',
  'hr',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]
/** Never in a post. On the app's own page, forms and icons are the app's: only the rest is looked for there. */
const FORBIDDEN = 'iframe, frame, object, embed, form, base, meta[http-equiv], link, style, svg, math, template, portal'
const FORBIDDEN_IN_APP = 'iframe, frame, object, embed, base, meta[http-equiv], style, math, template, portal, script'
const ALLOWED_ATTRS: Record<string, string[]> = {
  a: ['href', 'title', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'loading'],
  ol: ['start'],
  span: ['class'],
  script: ['id'],
}

/** Runs before anything in the page: every way code could announce itself leaves a mark. */
const TRAPS = `<script id="trap">
  window.__xss = 0;
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => { window.__xss++ };
</script>`

interface DomReport {
  executed: number
  problems: string[]
}

/** What the parsed DOM holds that a post must never have. Runs in the page. */
function inspectDom(input: { allowed: string[]; allowedAttrs: Record<string, string[]>; scope: string; forbidden: string }): DomReport {
  const problems: string[] = []
  const roots = [...document.querySelectorAll(input.scope)]
  if (!roots.length) problems.push(`nothing matches ${input.scope}`)
  const all = roots.flatMap((root) => [root, ...root.querySelectorAll('*')])
  for (const el of all) {
    const tag = el.tagName.toLowerCase()
    // A root is the page's own container (e.g. <PostBody>'s div), not post content.
    const checked = input.allowed.length > 0 && !roots.includes(el)
    if (checked && !input.allowed.includes(tag)) problems.push(`<${tag}>`)
    if (tag === 'script' && el.id !== 'trap') problems.push('<script> besides the trap')
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) problems.push(`${attr} on <${tag}>`)
      if (checked && !(input.allowedAttrs[tag] ?? []).includes(attr)) problems.push(`${attr} on <${tag}>`)
      if (['style', 'srcdoc', 'formaction', 'action', 'xlink:href', 'background', 'dynsrc', 'lowsrc'].includes(attr))
        problems.push(`${attr} on <${tag}>`)
    }
    if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) {
      const url = new URL(el.href)
      if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) problems.push(`link to ${el.href}`)
      if (url.origin !== location.origin && url.protocol !== 'mailto:' && !/\bnofollow\b/.test(el.rel))
        problems.push(`external link without nofollow: ${el.href}`)
    }
    if (el instanceof HTMLImageElement) {
      const url = new URL(el.src)
      if (url.origin !== location.origin) problems.push(`image from ${el.src}`)
    }
  }
  for (const root of roots) {
    const found = root.querySelector(input.forbidden)
    if (found) problems.push(`forbidden element <${found.tagName.toLowerCase()}>`)
  }
  return { executed: (window as unknown as { __xss: number }).__xss ?? 0, problems }
}

/** Loads rendered HTML (one payload, or a batch each in its own <main>) as a page with no CSP, and reports. */
async function check(page: Page, htmls: string[], dialogs: string[]) {
  const body = htmls.map((html) => `<main>${html}</main>`).join('')
  await page.setContent(`<!doctype html><html><head>${TRAPS}</head><body>${body}</body></html>`, { waitUntil: 'load' })
  // Handlers that fire on a timer, on focus or on media errors get a moment to do so.
  await page.waitForTimeout(20)
  const report = await page.evaluate(inspectDom, { allowed: ALLOWED, allowedAttrs: ALLOWED_ATTRS, scope: 'html', forbidden: FORBIDDEN })
  return { ...report, dialogs: dialogs.splice(0), frames: page.frames().length }
}

const failed = (r: Awaited<ReturnType<typeof check>>) => r.executed > 0 || r.dialogs.length > 0 || r.problems.length > 0 || r.frames !== 1

async function preparePage(page: Page) {
  const dialogs: string[] = []
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`)
    await d.dismiss()
  })
  // Nothing leaves the machine: the fake origin answers with an empty page, everything else is refused.
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url === `${ORIGIN}/case`)
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>case</title>' })
    return route.abort()
  })
  await page.goto(`${ORIGIN}/case`)
  return dialogs
}

const CHUNKS = 2
const BATCH = 20
for (let chunk = 0; chunk < CHUNKS; chunk++) {
  test(`corpus part ${chunk + 1}/${CHUNKS} renders inert in Chromium`, async ({ page, db }) => {
    test.setTimeout(300_000)
    const dialogs = await preparePage(page)
    // Both ways a body is rendered: plain, and with mentions looked up in the e2e database.
    const cases: { payload: string; html: string }[] = []
    for (const [i, payload] of XSS_CORPUS.entries()) {
      if (i % CHUNKS !== chunk) continue
      const plain = renderMarkdown(payload).html
      const resolved = (await renderPost(db.prisma, payload)).html
      cases.push({ payload, html: plain }, ...(resolved !== plain ? [{ payload, html: resolved }] : []))
    }
    const failures: { payload: string; html: string; report: unknown }[] = []
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH)
      if (
        !failed(
          await check(
            page,
            batch.map((c) => c.html),
            dialogs,
          ),
        )
      )
        continue
      // Something in this batch misbehaved: find which, one page per payload.
      for (const c of batch) {
        const report = await check(page, [c.html], dialogs)
        if (failed(report)) failures.push({ ...c, report })
      }
      if (!failures.length)
        failures.push({ payload: '(batch only)', html: batch.map((c) => c.html).join('\n'), report: 'failed together, not alone' })
    }
    expect(cases.length).toBeGreaterThan(100)
    expect(failures).toEqual([])
  })
}

test('the traps do catch a payload that runs (the check is not blind)', async ({ page }) => {
  const dialogs = await preparePage(page)
  const report = await check(
    page,
    ['<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a><iframe srcdoc="x"></iframe>'],
    dialogs,
  )
  expect(report.executed).toBeGreaterThan(0)
  expect(report.problems).toEqual(expect.arrayContaining(['onerror on <img>', '<iframe>', 'link to javascript:alert(1)']))
})

const ROUTES = path.resolve(import.meta.dirname, '../../app/routes')
const threadPageExists = () => ['threads.$id.tsx', 'threads.$id._index.tsx'].some((f) => existsSync(path.join(ROUTES, f)))

test('a sample posted into a real thread stays inert on the thread page', async ({ page, db }) => {
  test.skip(!threadPageExists(), 'the thread page (/threads/:id) does not exist yet')
  const prisma = db.prisma
  const author = await db.createUser({ name: 'XSS Yazar' })
  const stamp = Date.now().toString(36)
  const space = await prisma.space.create({
    data: { slug: `xss-${stamp}`, nameTr: 'XSS alanı', nameEn: 'XSS space', visibility: 'PUBLIC' },
  })
  const sample = XSS_CORPUS.filter((_, i) => i % Math.ceil(XSS_CORPUS.length / 15) === 0).slice(0, 15)
  const thread = await prisma.thread.create({
    data: { spaceId: space.id, authorId: author.id, title: 'XSS corpus', lastPostNumber: sample.length, postCount: sample.length },
  })
  for (const [i, payload] of sample.entries()) {
    const body = `case-${i + 1}\n\n${payload}`
    await prisma.post.create({
      data: {
        threadId: thread.id,
        number: i + 1,
        path: String(i + 1).padStart(7, '0'),
        authorId: author.id,
        body,
        html: (await renderPost(prisma, body)).html,
      },
    })
  }
  const dialogs: string[] = []
  page.on('dialog', async (d) => {
    dialogs.push(d.message())
    await d.dismiss()
  })
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xss: number }
    w.__xss = 0
    for (const name of ['alert', 'confirm', 'prompt', 'print']) w[name] = () => void w.__xss++
  })
  await page.goto(`/threads/${thread.id}`)
  await expect(page.getByText('case-1', { exact: true })).toBeVisible()
  await page.waitForTimeout(300)
  // Post bodies rendered with <PostBody> are checked against the allow-list; failing that, the whole
  // main region (the app's own markup too) for what must never be there.
  const bodies = await page.locator('.post-body').count()
  const report = await page.evaluate(
    inspectDom,
    bodies
      ? { allowed: ALLOWED, allowedAttrs: ALLOWED_ATTRS, scope: '.post-body', forbidden: FORBIDDEN }
      : { allowed: [], allowedAttrs: {}, scope: 'main', forbidden: FORBIDDEN_IN_APP },
  )
  expect(report).toEqual({ executed: 0, problems: [] })
  expect(dialogs).toEqual([])
})
