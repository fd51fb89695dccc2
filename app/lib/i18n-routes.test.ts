/** Per-route translation namespaces: handles merged along the matched routes, dictionaries cut to them. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { NAMESPACES, resources } from '~/locales'
import { namespacesUsed } from '../../tests/support/i18n-usage'
import { addDictionaries, translate } from './i18n'
import { ALL_NAMESPACES, pageI18n } from './i18n-routes'
import { pageDictionaries } from './i18n.server'

const ROUTES = path.resolve('app/routes')

describe('pageI18n', () => {
  it('merges the namespaces of the matched routes, in one order', () => {
    const page = pageI18n([
      { handle: { i18n: ['common', 'auth'] }, isPage: true },
      { handle: { i18n: ['spaces', 'auth'], i18nBothLanguages: ['spaces'] }, isPage: true },
    ])
    expect(page).toEqual({ namespaces: ['common', 'auth', 'spaces'], bothLanguages: ['spaces'] })
  })

  it('gives every namespace to a page route that does not say which it needs', () => {
    expect(
      pageI18n([
        { handle: { i18n: ['common'] }, isPage: true },
        { handle: undefined, isPage: true },
      ]),
    ).toBe(ALL_NAMESPACES)
    // A route without a component (a resource route, a pathless helper) renders nothing itself.
    expect(pageI18n([{ handle: { i18n: ['common'] }, isPage: true }, { isPage: false }]).namespaces).toEqual(['common'])
  })
})

describe('pageDictionaries', () => {
  it('carries the page language’s namespaces only, and the both-language ones in both', () => {
    const json = pageDictionaries('en', { namespaces: ['common', 'spaces'], bothLanguages: ['spaces'] })
    const parsed = JSON.parse(json)
    expect(Object.keys(parsed.en)).toEqual(['common', 'spaces'])
    expect(Object.keys(parsed.tr)).toEqual(['spaces'])
    expect(parsed.en.common).toEqual(resources.en.common)
    expect(parsed.tr.spaces).toEqual(resources.tr.spaces)
    // serialised once per combination
    expect(pageDictionaries('en', { namespaces: ['common', 'spaces'], bothLanguages: ['spaces'] })).toBe(json)
  })

  it('without a page (a loader called outside the server) carries everything of the language', () => {
    expect(Object.keys(JSON.parse(pageDictionaries('tr')).tr)).toEqual([...NAMESPACES])
  })

  it('translates with what was added (as the browser does with root loader data)', () => {
    addDictionaries(JSON.parse(pageDictionaries('en', { namespaces: ['common'], bothLanguages: [] })))
    expect(translate('en', 'common.appName')).toBe(resources.en.common.appName)
  })
})

describe('route handles', () => {
  const root = new Set(namespacesUsed('app/root.tsx', { serverModules: false }))
  const rootHandle = /export const handle: I18nHandle = \{ i18n: \[([^\]]*)\]/.exec(readFileSync('app/root.tsx', 'utf8'))?.[1]

  it('root names what the shell uses', () => {
    for (const ns of root) expect(rootHandle, `root uses ${ns}`).toContain(`'${ns}'`)
  })

  // The thread routes belong to another part of the work: without a handle they get every namespace.
  it('every page route names each namespace its module graph uses beyond the root’s', () => {
    const missing: string[] = []
    for (const file of readdirSync(ROUTES)) {
      const src = readFileSync(path.join(ROUTES, file), 'utf8')
      if (!/export default/.test(src)) continue
      const handle = /export const handle[^=]*=\s*\{\s*i18n:\s*\[([^\]]*)\]/.exec(src)?.[1]
      if (handle === undefined) {
        if (!file.startsWith('threads.')) missing.push(`${file}: no handle.i18n`)
        continue
      }
      for (const ns of namespacesUsed(path.join(ROUTES, file)))
        if (!root.has(ns) && !rootHandle?.includes(`'${ns}'`) && !handle.includes(`'${ns}'`)) missing.push(`${file}: ${ns}`)
    }
    expect(missing).toEqual([])
  })
})

describe('the browser build', () => {
  it('carries no dictionary', async () => {
    const { loadServerBuild } = await import('../../tests/support/route-table')
    const { assets } = await loadServerBuild()
    // The files the current build's manifest names (earlier builds leave theirs in the folder).
    const urls = new Set([assets.entry.module, ...assets.entry.imports])
    for (const r of Object.values(assets.routes)) for (const u of [r.module, ...(r.imports ?? [])]) urls.add(u)
    const dir = path.resolve('public', process.env.BUILD_DIR || 'build')
    const sources = [...urls].map((u) => readFileSync(path.join(dir, u.replace(/^\/build\//, '')), 'utf8'))
    expect(sources.length).toBeGreaterThan(10)
    const samples = [resources.en.common.skipToContent, resources.tr.common.skipToContent, resources.en.common.footer.about]
    for (const s of samples)
      expect(
        sources.some((src) => src.includes(JSON.stringify(s).slice(1, -1))),
        s,
      ).toBe(false)
  })
})
