/** Pages load only their routes' dictionaries, from cacheable URLs; the real app and its real routes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../server/app-server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'

let app: RunningServer
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

const dictionaryScripts = (html: string) => [...html.matchAll(/<script src="(\/i18n\/[0-9a-f]+\/[^"]+)"/g)].map((m) => m[1])

describe('a page’s dictionaries', () => {
  it('are the shell’s and its routes’ namespaces, in its language only', async () => {
    const home = await TestClient.for(app).get('/')
    const scripts = dictionaryScripts(await home.text())
    const names = scripts.map((s) => s.split('/').pop())
    expect(names).toEqual(expect.arrayContaining(['en.common.js', 'en.auth.js', 'en.validation.js', 'en.home.js']))
    expect(names.filter((n) => n?.startsWith('tr.'))).toEqual([])
    expect(names).not.toContain('en.admin.js')
    expect(names).not.toContain('en.discussions.js')

    const login = dictionaryScripts(await (await TestClient.for(app, { 'accept-language': 'tr' }).get('/login')).text())
    expect(login.every((s) => /\/tr\.\w+\.js$/.test(s))).toBe(true)
    expect(login.some((s) => s.endsWith('/tr.home.js'))).toBe(false)
  })

  it('come from a URL that is cached for good, as a script or as JSON', async () => {
    const [script] = dictionaryScripts(await (await TestClient.for(app).get('/')).text())
    const res = await TestClient.for(app).get(script)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('cache-control')).toContain('immutable')
    expect(await res.text()).toMatch(/^\(self\.__birlikteI18n\?\?=\{\}\)\["en\.\w+"\]=\{/)
    const json = await TestClient.for(app).get(script.replace(/\.js$/, '.json'))
    expect(json.headers.get('content-type')).toMatch(/^application\/json/)
    expect(typeof (await json.json())).toBe('object')
  })

  it('answer 404 for an old version or an unknown name', async () => {
    expect((await TestClient.for(app).get('/i18n/000000000000/en.common.js')).status).toBe(404)
    const [script] = dictionaryScripts(await (await TestClient.for(app).get('/')).text())
    expect((await TestClient.for(app).get(script.replace(/en\.\w+\.js$/, 'en.nothing.js'))).status).toBe(404)
  })

  it('travel with the root’s data on client-side navigation (names only)', async () => {
    const res = await TestClient.for(app).get('/login.data?_routes=root')
    const body = await res.text()
    expect(body).toContain('en.common')
    expect(body).not.toContain('Skip to main content')
  })
})
