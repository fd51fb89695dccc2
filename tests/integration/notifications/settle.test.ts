/**
 * Issue 10, item 7: notifications settle when what they point to is dealt with — opening the thread
 * reads those about its posts (through the batched read marks, bell updated over the user room); a
 * request to join, once decided or withdrawn, is no longer "new" for any admin; the home page shows an
 * org admin's role and the requests waiting for them, and a requester's own pending request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { flushReadMarks } from '../../../app/modules/discussions/read-marks.server.ts'
import { subscribe } from '../../../app/modules/events/bus.server.ts'
import { startTestApp } from '../../support/app.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { clientFor, readable, type App } from '../orgs/helpers.ts'
import { createReply, createSpace, createThread, join, notifyPost, person } from './helpers.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

/** The page's HTML without React's text separators. */
const home = async (client: Awaited<ReturnType<typeof clientFor>>) =>
  readable(await (await client.get('/')).text()).replace(/<!-- -->/g, '')

const unread = (userId: string, kind?: string) => db.notification.count({ where: { userId, readAt: null, ...(kind ? { kind } : {}) } })

/** Bell updates published while `fn` runs. */
async function bellsDuring(fn: () => Promise<unknown>) {
  const told: string[] = []
  const stop = subscribe('notifications.changed', ({ userId }) => told.push(userId))
  try {
    await fn()
  } finally {
    stop()
  }
  return told
}

describe('opening a thread settles the notifications about its posts', () => {
  it('a reply and a mention are read once the thread is opened; another thread’s stay; the bell is told', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person({ name: 'Zeynep Yazar' })
    const other = await person({ name: 'Mert Yanıt' })
    await join(space.id, author.id)
    const { thread } = await createThread(space.id, author.id, 'Gönüllü buluşması', 'Cumartesi?')
    const { thread: elsewhere } = await createThread(space.id, author.id, 'Bütçe', 'Rakamlar')
    await notifyPost((await createReply(thread.id, other.id, 'Geliyorum')).id)
    await notifyPost((await createReply(thread.id, other.id, `@${author.handle} saat kaçta?`)).id)
    await notifyPost((await createReply(elsewhere.id, other.id, 'Ekledim')).id)
    expect(await unread(author.id)).toBe(3)

    const client = await clientFor(app, author.id)
    const told = await bellsDuring(async () => {
      expect((await client.get(`/threads/${thread.id}?page=1`)).status).toBe(200)
      await flushReadMarks()
    })
    expect(await unread(author.id)).toBe(1)
    const left = await db.notification.findFirstOrThrow({ where: { userId: author.id, readAt: null } })
    expect((left.data as { threadId: string }).threadId).toBe(elsewhere.id)
    expect(told).toContain(author.id)
  })

  it('also when the read mark does not move (read live before the notification came)', async () => {
    const space = await createSpace({ visibility: 'PUBLIC' })
    const author = await person()
    const other = await person()
    const { thread } = await createThread(space.id, author.id, 'Canlı okuma', 'Başlangıç')
    const reply = await createReply(thread.id, other.id, 'Yanıt')
    await db.readState.create({ data: { userId: author.id, threadId: thread.id, lastReadNumber: reply.number } })
    await notifyPost(reply.id)
    expect(await unread(author.id)).toBe(1)

    const client = await clientFor(app, author.id)
    expect((await client.get(`/threads/${thread.id}?page=1`)).status).toBe(200)
    await flushReadMarks()
    expect(await unread(author.id)).toBe(0)
  })
})

describe('a request to join, once handled, is settled for every admin', () => {
  async function orgWithTwoAdmins() {
    const org = await createOrg()
    const [a, b] = [await person({ name: 'Ayla Yönetici' }), await person({ name: 'Barış Yönetici' })]
    await addMember(a.id, org.id, 'ADMIN')
    await addMember(b.id, org.id, 'ADMIN')
    return { org, a, b }
  }

  it('approved by one admin: neither admin has it as new any more, and both bells are told', async () => {
    const { org, a, b } = await orgWithTwoAdmins()
    const requester = await person({ name: 'İstekli Kişi' })
    const asker = await clientFor(app, requester.id)
    expect((await asker.post(`/orgs/${org.slug}`, { intent: 'join' })).status).toBe(302)
    expect(await unread(a.id, 'membership.requested')).toBe(1)
    expect(await unread(b.id, 'membership.requested')).toBe(1)

    const pending = await db.membership.findUniqueOrThrow({ where: { userId_orgId: { userId: requester.id, orgId: org.id } } })
    const told = await bellsDuring(async () => {
      const res = await (await clientFor(app, a.id)).post(`/orgs/${org.slug}/members`, { intent: 'approve', membershipId: pending.id })
      expect(res.status).toBe(302)
    })
    expect(await unread(a.id, 'membership.requested')).toBe(0)
    expect(await unread(b.id, 'membership.requested')).toBe(0)
    expect(told).toEqual(expect.arrayContaining([a.id, b.id, requester.id]))
  })

  it('declined, or withdrawn by the person who asked: settled too; another request stays new', async () => {
    const { org, a, b } = await orgWithTwoAdmins()
    const first = await person()
    const second = await person()
    for (const p of [first, second])
      expect((await (await clientFor(app, p.id)).post(`/orgs/${org.slug}`, { intent: 'join' })).status).toBe(302)
    expect(await unread(a.id, 'membership.requested')).toBe(2)

    const m = await db.membership.findUniqueOrThrow({ where: { userId_orgId: { userId: first.id, orgId: org.id } } })
    expect(
      (await (await clientFor(app, b.id)).post(`/orgs/${org.slug}/members`, { intent: 'decline', membershipId: m.id, reason: '' })).status,
    ).toBe(302)
    expect(await unread(a.id, 'membership.requested')).toBe(1)

    expect((await (await clientFor(app, second.id)).post(`/orgs/${org.slug}`, { intent: 'leave' })).status).toBe(302)
    expect(await unread(a.id, 'membership.requested')).toBe(0)
    expect(await unread(b.id, 'membership.requested')).toBe(0)
  })
})

describe('home page: one’s organizations with one’s real role and the requests waiting', () => {
  it('an org admin sees "(admin)" and a link to the requests; a member "(member)"; the requester "(waiting for approval)"', async () => {
    const org = await createOrg({ name: `Kuzey Dayanışma ${Date.now()}` })
    const admin = await person()
    const member = await person()
    const requester = await person()
    await addMember(admin.id, org.id, 'ADMIN')
    await addMember(member.id, org.id, 'MEMBER')
    await addMember(requester.id, org.id, 'MEMBER', 'PENDING')

    const adminHome = await home(await clientFor(app, admin.id))
    expect(adminHome).toContain(`${org.name}</a> <span class="text-stone-700">(admin)</span>`)
    expect(adminHome).toMatch(new RegExp(`href="/orgs/${org.slug}/members"[^>]*>1 request to join waiting for you<`))

    const memberHome = await home(await clientFor(app, member.id))
    expect(memberHome).toContain(`${org.name}</a> <span class="text-stone-700">(member)</span>`)
    expect(memberHome).not.toContain('request to join waiting')

    const requesterHome = await home(await clientFor(app, requester.id))
    expect(requesterHome).toContain(`${org.name}</a> <span class="text-stone-700">(waiting for approval)</span>`)
  })
})
