/** Per-route translation namespaces: handles merged along the matched routes, dictionaries cut to them. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { NAMESPACES, resources } from '~/locales'
import { namespacesUsed } from '../../tests/support/i18n-usage'
import { DICTIONARY_GLOBAL, dictionaryUrl } from './i18n'
import { ALL_NAMESPACES, pageI18n } from './i18n-routes'
import { DICTIONARY_VERSION, dictionaryFile, pageDictionaries } from './i18n.server'

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
  it('lists the page language’s namespaces, and the both-language ones in both', () => {
    const list = pageDictionaries('en', { namespaces: ['common', 'spaces'], bothLanguages: ['spaces'] })
    expect(list).toEqual({ version: DICTIONARY_VERSION, files: ['tr.spaces', 'en.common', 'en.spaces'] })
    // made once per combination
    expect(pageDictionaries('en', { namespaces: ['common', 'spaces'], bothLanguages: ['spaces'] })).toBe(list)
  })

  it('without a page (a loader called outside the server) lists everything of the language', () => {
    expect(pageDictionaries('tr').files).toEqual(NAMESPACES.map((ns) => `tr.${ns}`))
  })
})

describe('dictionary files', () => {
  it('as a script, puts the dictionary where the browser module finds it; as JSON, is the dictionary', () => {
    const script = dictionaryFile('tr.common.js')!
    expect(script.type).toMatch(/^text\/javascript/)
    const sandbox: Record<string, Record<string, unknown>> = {}
    new Function('self', script.body)(sandbox)
    expect(sandbox[DICTIONARY_GLOBAL]['tr.common']).toEqual(resources.tr.common)
    expect(JSON.parse(dictionaryFile('en.spaces.json')!.body)).toEqual(resources.en.spaces)
  })

  it('knows no other names', () => {
    for (const name of ['de.common.js', 'tr.nope.json', 'tr.common.html', '../tr.common.js', 'tr.common'])
      expect(dictionaryFile(name)).toBeNull()
  })

  it('has a version that follows the dictionaries', () => {
    expect(DICTIONARY_VERSION).toMatch(/^[0-9a-f]{12}$/)
    expect(dictionaryUrl(DICTIONARY_VERSION, 'tr.common', 'js')).toBe(`/i18n/${DICTIONARY_VERSION}/tr.common.js`)
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
