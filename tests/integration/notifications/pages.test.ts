/** The unsubscribe link (no sign-in), the notification settings page and the notifications list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { unsubscribeToken, unsubscribeUrl } from '../../../app/modules/notifications/unsubscribe.server.ts'
import { startTestApp } from '../../support/app.ts'
import { startSmtpCatcher } from '../../support/smtp.ts'
import { clientFor, readable, removeDataDir, type App } from '../orgs/helpers.ts'
import { createReply, createSpace, createThread, enterSafeSpace, join, notifyPost, person } from './helpers.ts'
import { listHeaders } from './mail.ts'

let app: App
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
  await removeDataDir()
})

const path = (url: string) => new URL(url).pathname + new URL(url).search
const discussionEmail = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).discussionEmail

/** A POST the way a mail client sends RFC 8058 one-click: no cookie, no Origin, no Referer. */
function oneClick(url: string) {
  return fetch(new URL(path(url), app.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
    redirect: 'manual',
  })
}

describe('unsubscribe', () => {
  it('GET only shows what will stop and one button; the button (POST) stops all discussion mail', async () => {
    const u = await person()
    const visitor = await clientFor(app, null) // signed out
    const url = path(await unsubscribeUrl(u, { kind: 'all' }))
    const { res, html } = await visitor.page(url)
    expect(res.status).toBe(200)
    expect(readable(html)).toContain('You will no longer receive e-mails about discussions')
    expect(html).toContain('Stop these e-mails')
    expect(await discussionEmail(u.id)).toBe('IMMEDIATE') // a link scanner's GET changes nothing
    const done = await visitor.post(url, { token: await unsubscribeToken(u, { kind: 'all' }) })
    expect(done.status).toBe(200)
    expect(readable(await done.text())).toContain('Done: we will no longer e-mail you about discussions.')
    expect(await discussionEmail(u.id)).toBe('NONE')
  })

  it('a space link stops only that space’s mail', async () => {
    const u = await person()
    const space = await createSpace({ nameTr: 'Gönüllülük' })
    await join(space.id, u.id)
    const tr = await clientFor(app, null, 'tr')
    const url = path(await unsubscribeUrl(u, { kind: 'space', spaceId: space.id }))
    expect(readable((await tr.page(url)).html)).toContain('Gönüllülük alanıyla ilgili e-postalar artık gelmeyecek.')
    const res = await tr.post(url, {})
    expect(res.status).toBe(200)
    expect((await db.spaceMember.findUniqueOrThrow({ where: { spaceId_userId: { spaceId: space.id, userId: u.id } } })).email).toBe('NONE')
    expect(await discussionEmail(u.id)).toBe('IMMEDIATE')
  })

  it('refuses tampered tokens and one person’s signature on another’s id, changing nothing', async () => {
    const [a, b] = await Promise.all([person(), person()])
    const token = await unsubscribeToken(a, { kind: 'all' })
    const [payload, signature] = token.split('.')
    const flipped = signature.slice(0, -2) + (signature.endsWith('A') ? 'B' : 'A') + signature.slice(-1)
    const otherPayload = (await unsubscribeToken(b, { kind: 'all' })).split('.')[0]
    const visitor = await clientFor(app, null)
    for (const bad of [`${payload}.${flipped}`, `${otherPayload}.${signature}`, payload, 'garbage', '', `${token}.x`]) {
      const page = await visitor.get(`/unsubscribe?token=${encodeURIComponent(bad)}`)
      expect(page.status).toBe(400)
      expect(readable(await page.text())).toContain('This unsubscribe link is not valid.')
      expect((await visitor.post(`/unsubscribe?token=${encodeURIComponent(bad)}`, {})).status).toBe(400)
      expect((await oneClick(`${app.url}/unsubscribe?token=${encodeURIComponent(bad)}`)).status).toBe(400)
    }
    expect(await discussionEmail(a.id)).toBe('IMMEDIATE')
    expect(await discussionEmail(b.id)).toBe('IMMEDIATE')
  })

  it('works as RFC 8058 one-click straight from a real mail’s List-Unsubscribe header, without cookie or Origin', async () => {
    const u = await person()
    const author = await person()
    const space = await createSpace()
    const { thread } = await createThread(space.id, u.id, 'Topic', 'Opening')
    await notifyPost((await createReply(thread.id, author.id, 'A reply')).id)
    const mail = await smtp.waitFor((m) => m.to.includes(u.email))
    const res = await oneClick(listHeaders(mail).unsubscribe!)
    expect(res.status).toBe(200)
    expect(await discussionEmail(u.id)).toBe('NONE')
  })
})

describe('notification settings page', () => {
  it('shows and saves the person’s frequency and each space’s following and mail setting', async () => {
    const u = await person()
    const [a, b, notMine] = await Promise.all([
      createSpace({ nameEn: 'Alpha Space' }),
      createSpace({ nameEn: 'Beta Space' }),
      createSpace(),
    ])
    await join(a.id, u.id)
    await join(b.id, u.id, { following: false, email: 'WEEKLY' })
    const client = await clientFor(app, u.id)
    const { res, html } = await client.page('/settings/notifications')
    expect(res.status).toBe(200)
    expect(html).toContain('<title>Notification e-mails · birlikte</title>')
    expect(html).toContain('Alpha Space')
    expect(html).toContain('Beta Space')
    expect(html).toMatch(/<input type="radio" id="discussion-email-IMMEDIATE"[^>]* checked=""/)
    expect(html).not.toMatch(/<input type="radio" id="discussion-email-DAILY"[^>]* checked=""/)

    const saved = await client.post('/settings/notifications', {
      discussionEmail: 'DAILY',
      space: [a.id, b.id, notMine.id],
      [`email.${a.id}`]: 'NONE',
      [`following.${a.id}`]: 'on',
      [`email.${b.id}`]: 'DEFAULT',
      [`following.${b.id}`]: 'on',
      [`email.${notMine.id}`]: 'IMMEDIATE',
    })
    expect(saved.status).toBe(200)
    expect(readable(await saved.text())).toContain('Saved')
    expect(await discussionEmail(u.id)).toBe('DAILY')
    const rows = await db.spaceMember.findMany({ where: { userId: u.id }, orderBy: { spaceId: 'asc' } })
    expect(Object.fromEntries(rows.map((r) => [r.spaceId, [r.following, r.email]]))).toEqual({
      [a.id]: [true, 'NONE'],
      [b.id]: [true, 'DEFAULT'],
    })
  })

  it('refuses unknown values and writes nothing', async () => {
    const u = await person()
    const space = await createSpace()
    await join(space.id, u.id)
    const client = await clientFor(app, u.id)
    const forms: Record<string, string>[] = [
      { discussionEmail: 'HOURLY' },
      { discussionEmail: 'NONE', space: space.id, [`email.${space.id}`]: 'SOMETIMES' },
    ]
    for (const form of forms) {
      const res = await client.post('/settings/notifications', form)
      expect(res.status).toBe(400)
      expect(readable(await res.text())).toContain('This value is not valid.')
    }
    expect(await discussionEmail(u.id)).toBe('IMMEDIATE')
    expect((await db.spaceMember.findFirstOrThrow({ where: { userId: u.id } })).email).toBe('DEFAULT')
  })

  it('needs a signed-in person', async () => {
    const res = await (await clientFor(app, null)).get('/settings/notifications')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login/)
  })
})

describe('notifications page', () => {
  it('reads discussion notifications as sentences in the reader’s language, safe spaces without title, with an unread filter', async () => {
    const u = await person({ locale: 'tr' })
    const author = await person({ name: 'Mert' })
    const open = await createSpace({ nameTr: 'Savunuculuk', nameEn: 'Advocacy' })
    const safe = await createSpace({ safeSpace: true, nameTr: 'Güvenli Çember', nameEn: 'Safe Circle' })
    const t1 = await createThread(open.id, u.id, 'Kampanya', 'Açılış')
    for (const p of [u, author]) await enterSafeSpace(safe.id, p.id)
    const t2 = await createThread(safe.id, u.id, 'Gizli başlık', 'Açılış')
    await notifyPost((await createReply(t1.thread.id, author.id, 'Yanıt')).id)
    await notifyPost((await createReply(t2.thread.id, author.id, 'Gizli yanıt')).id)
    await db.notification.updateMany({ where: { userId: u.id, data: { path: ['safe'], equals: true } }, data: { readAt: new Date() } })
    const client = await clientFor(app, u.id, 'tr')
    const html = readable((await client.page('/notifications')).html)
    expect(html).toContain('Mert, Savunuculuk alanındaki “Kampanya” konusundaki gönderinize yanıt verdi.')
    // A safe space's author is not named outside it.
    expect(html).toContain('Bir üye, Güvenli Çember güvenli alanındaki gönderinize yanıt verdi.')
    expect(html).not.toContain('Mert, Güvenli Çember')
    expect(html).not.toContain('Gizli başlık')
    const unread = readable((await client.page('/notifications?unread=1')).html)
    expect(unread).toContain('Kampanya')
    expect(unread).not.toContain('Güvenli Çember güvenli')
    expect(unread).toContain('aria-current="page"')

    // Out of the organization, out of the safe space: its notification keeps its place but says nothing of it.
    await db.membership.deleteMany({ where: { userId: u.id } })
    const after = readable((await client.page('/notifications')).html)
    expect(after).not.toContain('Güvenli Çember')
    expect(after).toContain('Size bildirilen bir tartışma artık size açık değil.')
    expect(after).toContain('Kampanya')
  })
})
