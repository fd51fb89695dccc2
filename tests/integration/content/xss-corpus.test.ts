import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { renderMarkdown, renderPost } from '../../../app/modules/content/markdown.server.ts'
import { XSS_CORPUS } from '../../fixtures/xss-corpus.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { htmlProblems } from './html-check.ts'

beforeAll(async () => {
  // Payloads that mention @stgm and @x render real mention markup too.
  await createOrg({ name: 'STGM', slug: 'stgm' })
  const user = await createUser({ name: 'X' })
  await db.user.update({ where: { id: user.id }, data: { handle: 'x' } })
})

describe('the stored-XSS corpus', () => {
  it('has at least 200 payloads', () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(200)
  })

  it('renders every payload inert without lookups (renderMarkdown)', () => {
    const failures = XSS_CORPUS.map((p) => ({ p, problems: htmlProblems(renderMarkdown(p).html) })).filter((f) => f.problems.length)
    expect(failures).toEqual([])
  })

  it('renders every payload inert with mentions resolved (renderPost)', async () => {
    const failures: { p: string; problems: string[] }[] = []
    for (const p of XSS_CORPUS) {
      const problems = htmlProblems((await renderPost(db, p)).html)
      if (problems.length) failures.push({ p, problems })
    }
    expect(failures).toEqual([])
  })

  it('the checker itself catches what it should', () => {
    expect(htmlProblems('<p onclick="x">a</p>')).toContain('event handler onclick on <p>')
    expect(htmlProblems('<a href="jav&#x09;ascript:alert(1)">a</a>').some((p) => p.startsWith('dangerous URL'))).toBe(true)
    expect(htmlProblems('<img src="https://evil.example/x.png" alt="" loading="lazy">')).toContain(
      'image not from uploads: https://evil.example/x.png',
    )
    expect(htmlProblems('<iframe></iframe>')).toContain('tag <iframe> is not allowed')
    expect(htmlProblems('<p>ok <a href="/orgs/x" class="mention">@x</a></p>')).toEqual([])
  })
})
