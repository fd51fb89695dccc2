/**
 * The page cache in the real app: a public thread page is served from memory to signed-out readers,
 * never to signed-in ones, never for a safe or non-public space, and a new reply shows at once.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import { loadActor } from '~/modules/auth/session.server'
import { createReply, createThread } from '~/modules/discussions/posting.server'
import { CACHE_HEADER, STATUS_HEADER } from '../../../server/page-cache.ts'
import { startTestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { clientFor, type App } from '../orgs/helpers.ts'

let app: App
let author: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  app = await startTestApp()
  author = await createUser({ name: 'Önbellek Yazarı' })
})
afterAll(async () => {
  await app?.close()
})

async function space(overrides: { visibility?: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'; safeSpace?: boolean } = {}) {
  const slug = `cache-${randomUUID().slice(0, 8)}`
  return db.space.create({
    data: {
      slug,
      nameTr: `Alan ${slug}`,
      nameEn: `Space ${slug}`,
      visibility: overrides.visibility ?? 'PUBLIC',
      safeSpace: overrides.safeSpace ?? false,
      rulesTr: 'Kurallar',
      rulesEn: 'Rules',
    },
  })
}

/** A thread with its opening post, written directly (rules acceptance is not what these tests are about). */
async function threadIn(spaceId: string, body: string) {
  return db.thread.create({
    data: {
      spaceId,
      authorId: author.id,
      title: `Konu ${randomUUID().slice(0, 6)}`,
      lastPostNumber: 1,
      postCount: 1,
      posts: { create: { number: 1, path: '0000001', depth: 0, authorId: author.id, body, html: `<p>${body}</p>` } },
    },
  })
}

const settle = () => new Promise((r) => setTimeout(r, 20))

describe('page cache in the app', () => {
  it('serves a public thread page from memory to signed-out readers, without the marker header', async () => {
    const s = await space()
    const actor = (await loadActor(author.id))!
    const { threadId } = await createThread(actor, { spaceId: s.id, title: 'Önbellekli konu', body: 'İlk yazı', clientKey: randomUUID() })
    const reader = await clientFor(app, null, 'tr')
    const first = await reader.page(`/threads/${threadId}`)
    expect(first.res.status).toBe(200)
    expect(first.res.headers.get(STATUS_HEADER)).toBe('miss')
    const second = await reader.page(`/threads/${threadId}`)
    expect(second.res.headers.get(STATUS_HEADER)).toBe('hit')
    expect(second.html).toBe(first.html)
    expect(second.res.headers.has(CACHE_HEADER)).toBe(false)
    // The cached HTML carries the nonce of its render; the policy sent with it names the same nonce.
    const nonce = /nonce="([^"]+)"/.exec(second.html)?.[1]
    expect(nonce).toBeTruthy()
    expect(second.res.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`)
  })

  it('never caches for signed-in readers, and never shows them (or others) a cached page', async () => {
    const s = await space()
    const t = await threadIn(s.id, 'Herkese açık yazı')
    const anonymous = await clientFor(app, null)
    await anonymous.page(`/threads/${t.id}`)
    expect((await anonymous.page(`/threads/${t.id}`)).res.headers.get(STATUS_HEADER)).toBe('hit')

    const member = await createUser({ name: 'Oturum Açmış Okur' })
    const signedIn = await clientFor(app, member.id)
    for (let i = 0; i < 2; i++) {
      const { res, html } = await signedIn.page(`/threads/${t.id}`)
      expect(res.status).toBe(200)
      expect(res.headers.get(STATUS_HEADER)).toBe('bypass')
      expect(res.headers.has(CACHE_HEADER)).toBe(false)
      expect(html).toContain('Oturum Açmış Okur')
    }
    expect((await anonymous.page(`/threads/${t.id}`)).html).not.toContain('Oturum Açmış Okur')
  })

  it('never caches a safe space or a members-only space', async () => {
    for (const s of [await space({ safeSpace: true }), await space({ visibility: 'MEMBERS' })]) {
      const t = await threadIn(s.id, 'Gizli kalması gereken yazı')
      const anonymous = await clientFor(app, null)
      for (let i = 0; i < 2; i++) {
        const { res, html } = await anonymous.page(`/threads/${t.id}`)
        expect(res.headers.get(STATUS_HEADER)).not.toBe('hit')
        expect(html).not.toContain('Gizli kalması gereken yazı')
      }
      const member = await clientFor(app, (await createUser()).id)
      for (let i = 0; i < 2; i++) {
        const { res } = await member.page(`/threads/${t.id}`)
        expect(res.headers.get(STATUS_HEADER)).toBe('bypass')
        expect(res.headers.has(CACHE_HEADER)).toBe(false)
      }
    }
  })

  it('shows a new reply at once: the thread page is dropped when the post is created', async () => {
    const s = await space()
    const actor = (await loadActor(author.id))!
    const { threadId } = await createThread(actor, { spaceId: s.id, title: 'Canlı konu', body: 'Başlangıç', clientKey: randomUUID() })
    const reader = await clientFor(app, null)
    await reader.page(`/threads/${threadId}`)
    expect((await reader.page(`/threads/${threadId}`)).res.headers.get(STATUS_HEADER)).toBe('hit')

    await createReply(actor, { threadId, body: 'Yepyeni bir yanıt', clientKey: randomUUID() })
    await settle()
    const after = await reader.page(`/threads/${threadId}`)
    expect(after.res.headers.get(STATUS_HEADER)).toBe('miss')
    expect(after.html).toContain('Yepyeni bir yanıt')
  })
})
