import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { clientFor, readable, removeDataDir, userWithClient, type App } from './helpers.ts'

let app: App

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

const org = { orgId: 'org1', orgSlug: 'kuzey-ekoloji', orgName: 'Kuzey Ekoloji Derneği' }

async function give(userId: string, kind: string, data: Record<string, string>, minutesAgo: number, read = false) {
  return db.notification.create({
    data: { userId, kind, data, createdAt: new Date(Date.now() - minutesAgo * 60_000), readAt: read ? new Date() : null },
  })
}

/** The notifications as listed: [unread?, sentence] in page order. */
function listed(html: string) {
  return [...html.matchAll(/data-testid="notification" data-unread="(true|false)"[\s\S]*?<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) => [
    m[1] === 'true',
    readable(m[2].replace(/<span[^>]*>New<\/span>/, '').replace(/<!-- -->/g, '')).trim(),
  ])
}

describe('the notifications page', () => {
  it('lists newest first as translated sentences, marking unread ones with a visible "New"', async () => {
    const { user, client } = await userWithClient(app)
    await give(user.id, 'membership.requested', { ...org, userId: 'u', userName: 'Ayşe Yılmaz' }, 50, true)
    await give(user.id, 'membership.approved', org, 40)
    await give(user.id, 'membership.declined', { ...org, reason: 'Eksik bilgi' }, 30)
    await give(user.id, 'membership.roleChanged', { ...org, role: 'ADMIN' }, 20)
    await give(user.id, 'membership.removed', org, 15)
    await give(user.id, 'org.submitted', { ...org, userName: 'Deniz' }, 10)
    await give(user.id, 'org.approved', org, 5)
    await give(user.id, 'org.rejected', { ...org, reason: 'Kayıt eksik' }, 1)
    const { res, html } = await client.page('/notifications')
    expect(res.status).toBe(200)
    expect(listed(html)).toEqual([
      [true, 'Your registration of Kuzey Ekoloji Derneği was not approved: “Kayıt eksik”'],
      [true, 'Kuzey Ekoloji Derneği was approved and is now in the directory.'],
      [true, 'Deniz registered Kuzey Ekoloji Derneği; it waits for approval.'],
      [true, 'You were removed from Kuzey Ekoloji Derneği.'],
      [true, 'You are now an admin of Kuzey Ekoloji Derneği.'],
      [true, 'Your request to join Kuzey Ekoloji Derneği was declined: “Eksik bilgi”'],
      [true, 'Your request to join Kuzey Ekoloji Derneği was approved. Welcome!'],
      [false, 'Ayşe Yılmaz asked to join Kuzey Ekoloji Derneği.'],
    ])
    expect((html.match(/>New<\/span>/g) ?? []).length).toBe(7)
    expect(html).toContain('<title>Notifications · birlikte</title>')

    const tr = await clientFor(app, user.id, 'tr')
    await db.user.update({ where: { id: user.id }, data: { locale: 'tr' } })
    const trHtml = (await tr.page('/notifications')).html
    expect(readable(trHtml)).toContain('Ayşe Yılmaz, Kuzey Ekoloji Derneği kuruluşuna katılmak istiyor.')
    expect(trHtml).toContain('>Yeni</span>')
  })

  it('following a notification marks it read and leads to its page', async () => {
    const { user, client } = await userWithClient(app)
    const requested = await give(user.id, 'membership.requested', { ...org, userId: 'u', userName: 'Ayşe' }, 2)
    const approved = await give(user.id, 'membership.approved', org, 1)
    const res = await client.post('/notifications', { intent: 'open', id: requested.id })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/orgs/kuzey-ekoloji/members')
    expect((await db.notification.findUniqueOrThrow({ where: { id: requested.id } })).readAt).toBeInstanceOf(Date)
    expect((await db.notification.findUniqueOrThrow({ where: { id: approved.id } })).readAt).toBeNull()
    expect((await client.post('/notifications', { intent: 'open', id: approved.id })).headers.get('location')).toBe('/orgs/kuzey-ekoloji')

    // Someone else's notification is not there for you.
    const other = await createUser()
    const theirs = await give(other.id, 'org.approved', org, 1)
    expect((await client.post('/notifications', { intent: 'open', id: theirs.id })).status).toBe(404)
    expect((await db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull()
  })

  it('marks all as read', async () => {
    const { user, client } = await userWithClient(app)
    await give(user.id, 'org.approved', org, 3)
    await give(user.id, 'org.approved', org, 2)
    const res = await client.post('/notifications', { intent: 'readAll' })
    expect(res.headers.get('location')).toBe('/notifications?done=allRead')
    expect(await db.notification.count({ where: { userId: user.id, readAt: null } })).toBe(0)
    const html = readable((await client.page('/notifications?done=allRead')).html)
    expect(html).toContain('All notifications are marked as read.')
    expect(html).not.toContain('>New</span>')
    expect(html).not.toContain('Mark all as read')
  })

  it('pages with a cursor, even through notifications created in the same instant', async () => {
    const { user, client } = await userWithClient(app)
    const at = new Date()
    await db.notification.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({
        userId: user.id,
        kind: 'org.approved',
        data: { ...org, orgName: `Org ${String(i).padStart(2, '0')}` },
        createdAt: i < 10 ? at : new Date(at.getTime() - i * 1000),
      })),
    })
    const first = await client.page('/notifications')
    const firstItems = listed(first.html)
    expect(firstItems).toHaveLength(30)
    const link = /<a[^>]*rel="next"[^>]*>/.exec(first.html)?.[0] ?? ''
    const next = /href="(\/notifications\?before=[^"]+)"/.exec(link)?.[1]
    expect(next).toBeDefined()
    const second = listed((await client.page(readable(next!))).html)
    expect(second).toHaveLength(5)
    const all = [...firstItems, ...second].map((x) => x[1])
    expect(new Set(all).size).toBe(35)
    expect(all[34]).toContain('Org 34')
  })

  it('renders an unknown kind generically, escapes names, and needs sign-in', async () => {
    const { user, client } = await userWithClient(app)
    await give(user.id, 'something.new', {}, 2)
    await give(user.id, 'org.approved', { ...org, orgName: '<img src=x onerror=alert(1)>' }, 1)
    const { html } = await client.page('/notifications')
    expect(readable(html)).toContain('You have a new notification.')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')

    const res = await (await clientFor(app, null)).get('/notifications')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fnotifications')
  })
})
