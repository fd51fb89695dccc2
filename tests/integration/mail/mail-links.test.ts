/**
 * Issue 10, item 5 (docs/decisions/019-mail-links.md): every kind of mail links to the address the
 * request that caused it came to — when that address is ours — and never to one a Host header made up.
 * Reply, mention, digest, moderation and unsubscribe links, sign-up and join mails, through the real app
 * and a real SMTP catcher; APP_URL, when set, wins; production refuses to start without it.
 */
import http from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { lucia } from '../../../app/modules/auth/lucia.server.ts'
import { digestPeriods, runDigests } from '../../../app/modules/notifications/digest.server.ts'
import { startTestApp, spawnServer } from '../../support/app.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { settleOutbox } from '../../support/outbox.ts'
import { linkIn, startSmtpCatcher, type CaughtMail } from '../../support/smtp.ts'
import { createSpace, createThread, join, person } from '../notifications/helpers.ts'
import { listHeaders } from '../notifications/mail.ts'
import type { App } from '../orgs/helpers.ts'

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let app: App

beforeAll(async () => {
  delete process.env.APP_URL
  smtp = await startSmtpCatcher()
  app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})
afterEach(() => {
  delete process.env.APP_URL
  delete process.env.APP_ORIGINS
})

/**
 * A browser-like client that reaches the app at 127.0.0.1 but names `host` in its Host header, as a
 * browser does for whatever address it was given (fetch cannot set Host).
 */
function clientAt(host: string, userId?: string) {
  let cookie = ''
  const ready = userId
    ? lucia.createSession(userId, { rememberMe: true }).then((s) => (cookie = `birlikte_session=${s.id}`))
    : Promise.resolve('')
  const send = async (method: string, path: string, form?: Record<string, string>) => {
    await ready
    const body = form ? new URLSearchParams(form).toString() : undefined
    return new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: app.port,
          method,
          path,
          headers: {
            host,
            origin: `http://${host}`,
            'accept-language': 'en',
            ...(cookie ? { cookie } : {}),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
          },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }
  return { post: (path: string, form: Record<string, string>) => send('POST', path, form), get: (path: string) => send('GET', path) }
}

const mailTo = (email: string, subject?: RegExp) => smtp.waitFor((m) => m.to.includes(email) && (!subject || subject.test(m.subject)))

/** Every link in the mail's text and its List-Unsubscribe header, which must all start with `origin`. */
function expectLinksAt(mail: CaughtMail, origin: string) {
  const links = [...mail.text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0])
  const unsubscribe = listHeaders(mail).unsubscribe
  if (unsubscribe) links.push(unsubscribe)
  expect(links.length).toBeGreaterThan(0)
  for (const link of links) expect(link.startsWith(`${origin}/`), `${link} in "${mail.subject}"`).toBe(true)
  return links
}

async function discussion() {
  const space = await createSpace({ visibility: 'PUBLIC' })
  const author = await person({ name: 'Zeynep Yazar' })
  await join(space.id, author.id)
  const { thread } = await createThread(space.id, author.id, 'Gönüllü buluşması', 'Cumartesi toplanıyoruz.')
  return { space, author, thread }
}

async function replyAs(host: string, userId: string, threadId: string, body: string) {
  const res = await clientAt(host, userId).post(`/threads/${threadId}?index`, { intent: 'reply', body, clientKey: crypto.randomUUID() })
  expect(res.status).toBe(302)
  await settleOutbox()
}

describe('mail links follow the request that caused the mail (APP_URL unset)', () => {
  it('reply mail, its unsubscribe link and header: the loopback address the reply came to', async () => {
    const { author, thread, space } = await discussion()
    const replier = await person({ name: 'Mert Yanıt' })
    await join(space.id, replier.id)
    const host = `127.0.0.1:${app.port}`
    await replyAs(host, replier.id, thread.id, 'Ben de geliyorum.')
    const mail = await mailTo(author.email, /replied/)
    const links = expectLinksAt(mail, `http://${host}`)
    expect(links.some((l) => l.includes('/unsubscribe?token='))).toBe(true)
    expect(linkIn(mail, `/threads/${thread.id}`)).toMatch(new RegExp(`^http://${host}/threads/`))
    expect((await db.domainEvent.findFirst({ where: { stream: `thread:${thread.id}` }, orderBy: { id: 'desc' } }))?.origin).toBe(
      `http://${host}`,
    )
  })

  it('mention mail: an address listed in APP_ORIGINS', async () => {
    process.env.APP_ORIGINS = `https://other.example, http://birlikte.test:${app.port}`
    const { thread, space } = await discussion()
    const writer = await person({ name: 'Ayla Yazan' })
    const mentioned = await person({ name: 'Deniz Anılan' })
    await join(space.id, writer.id)
    await replyAs(`birlikte.test:${app.port}`, writer.id, thread.id, `@${mentioned.handle} sen de gel`)
    expectLinksAt(await mailTo(mentioned.email, /mentioned/), `http://birlikte.test:${app.port}`)
  })

  it('digest: the address the summarized replies came to, kept on the notification', async () => {
    const { author, thread, space } = await discussion()
    await db.user.update({ where: { id: author.id }, data: { discussionEmail: 'DAILY' } })
    const replier = await person({ name: 'Selin Özet' })
    await join(space.id, replier.id)
    await replyAs(`127.0.0.1:${app.port}`, replier.id, thread.id, 'Özet için bir yanıt.')
    expect((await db.notification.findFirstOrThrow({ where: { userId: author.id } })).origin).toBe(`http://127.0.0.1:${app.port}`)
    // Daily digests go out in the morning (07:00 in the reader's zone): the next one.
    const morning = digestPeriods(new Date(Date.now() + 24 * 3_600_000), 'Europe/Istanbul').daily.startsAt.getTime()
    expect((await runDigests(new Date(morning + 5 * 60_000))).get(author.id)).toBe('sent')
    expectLinksAt(await mailTo(author.email, /summary|digest|new/i), `http://127.0.0.1:${app.port}`)
  })

  it('moderation mail: the address the moderator used', async () => {
    const { author, thread, space } = await discussion()
    const moderator = await person({ name: 'Kemal Moderatör', role: 'MODERATOR' })
    await join(space.id, moderator.id)
    const host = `localhost:${app.port}`
    const res = await clientAt(host, moderator.id).post(`/threads/${thread.id}/posts/1/moderate`, {
      intent: 'hide',
      reason: 'Kişisel bilgi',
    })
    expect(res.status).toBe(302)
    await settleOutbox()
    expectLinksAt(await mailTo(author.email), `http://${host}`)
  })

  it('sign-up confirmation and join-request mails: the visited address when it is ours', async () => {
    const host = `127.0.0.1:${app.port}`
    const email = `kayit-${Date.now()}@example.org`
    const res = await clientAt(host).post('/signup', { name: 'Yeni Kişi', email, password: 'Correct-Horse-42', locale: 'en' })
    expect(res.status).toBe(200)
    expect(linkIn(await mailTo(email), '/verify-email')).toMatch(new RegExp(`^http://${host}/verify-email`))

    const org = await createOrg()
    const admin = await person({ name: 'Org Yönetici' })
    await addMember(admin.id, org.id, 'ADMIN')
    const requester = await person({ name: 'İstekli Kişi' })
    expect((await clientAt(host, requester.id).post(`/orgs/${org.slug}`, { intent: 'join' })).status).toBe(302)
    expectLinksAt(await mailTo(admin.email, /wants to join/), `http://${host}`)
  })

  it('a Host header it was not told about is never used: the reset link and the reply mail fall back', async () => {
    const user = await person({ name: 'Hedef Kişi' })
    const evil = `evil.example:${app.port}`
    expect((await clientAt(evil).post('/forgot-password', { email: user.email })).status).toBe(200)
    const reset = await mailTo(user.email, /reset|password/i)
    expect(reset.text).not.toContain('evil.example')
    expect(linkIn(reset, '/reset-password')).toMatch(/^http:\/\/localhost:\d+\/reset-password\?token=/)

    const { author, thread, space } = await discussion()
    const replier = await person()
    await join(space.id, replier.id)
    await replyAs(evil, replier.id, thread.id, 'Sahte adresten yanıt')
    const mail = await mailTo(author.email, /replied/)
    expect(mail.text).not.toContain('evil.example')
    expect(JSON.stringify(mail.headers)).not.toContain('evil.example')
  })

  it('APP_URL, when set, is used whatever address the request came to', async () => {
    process.env.APP_URL = 'https://birlikte.example.org/'
    process.env.APP_ORIGINS = `http://birlikte.test:${app.port}`
    const { author, thread, space } = await discussion()
    const replier = await person()
    await join(space.id, replier.id)
    await replyAs(`birlikte.test:${app.port}`, replier.id, thread.id, 'APP_URL ile')
    expectLinksAt(await mailTo(author.email, /replied/), 'https://birlikte.example.org')
  })
})

describe('start-up', () => {
  it('production with a database of its own refuses to start without APP_URL, and says why', async () => {
    const started = spawnServer({ APP_URL: '', DATABASE_URL: process.env.DATABASE_URL! })
    await expect(started).rejects.toThrow(/APP_URL is not set\. In production, links in mail/)
  })
})
