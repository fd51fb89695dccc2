/**
 * The footer's "Status" opens a page for people (translated, in the shell) built from the same health
 * data programs read as JSON at /api/v1/health (issue 10, item 8.11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { readable } from '../orgs/helpers.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')

describe('/status', () => {
  it('is linked from the footer of every page, and the JSON stays at the API path', async () => {
    const { html } = await new TestClient(app.url).page('/')
    expect(html).toMatch(/<a[^>]*href="\/status"[^>]*>Status<\/a>/)
    expect(html).not.toContain('href="/healthz"')
    const res = await new TestClient(app.url).get('/api/v1/health')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: 'up',
      jobs: { state: 'up' },
      mail: { state: 'up' },
      search: { state: 'up', engine: 'postgres' },
    })
  })

  it('says in words, in both languages, what works and what is behind', async () => {
    let { res, html } = await new TestClient(app.url).page('/status')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html).toContain('<header') // the shell
    let page = text(html)
    expect(page).toContain('Platform status')
    expect(page).toContain('Everything is working.')
    for (const part of ['Web application', 'Database', 'Background jobs', 'Mail queue', 'Search']) expect(page).toContain(part)

    // A job that has failed once and waited ten minutes, and a mail waiting half an hour.
    const old = (minutes: number) => new Date(Date.now() - minutes * 60_000)
    const event = await db.domainEvent.create({
      data: { name: 'post.changed', stream: 'status-test', attempts: 1, createdAt: old(10), availableAt: new Date(Date.now() + 3_600_000) },
    })
    const mail = await db.outboxMail.create({
      data: { to: 'x@example.org', subject: 's', text: 't', html: 'h', template: 'test', locale: 'en', createdAt: old(30) },
    })
    try {
      ;({ res, html } = await new TestClient(app.url, { 'accept-language': 'tr' }).page('/status'))
      page = text(html)
      expect(page).toContain('Platform durumu')
      expect(page).toContain('Bazı bölümler yavaş ya da çalışmıyor.')
      expect(page).toMatch(/Arka plan işleri .* Gecikmeli .*1 iş bekliyor, en eskisi 10 dakikadır\. 1 tanesi başarısız oldu/)
      expect(page).toMatch(/E-posta kuyruğu Gecikmeli 1 e-posta bekliyor, en eskisi 30 dakikadır\./)
      const json = (await (await new TestClient(app.url).get('/api/v1/health')).json()) as { jobs: object; mail: object }
      expect(json.jobs).toMatchObject({ state: 'behind', waiting: 1, failing: 1 })
      expect(json.mail).toMatchObject({ state: 'behind', waiting: 1 })
    } finally {
      await db.domainEvent.delete({ where: { id: event.id } })
      await db.outboxMail.delete({ where: { id: mail.id } })
    }
  })
})
