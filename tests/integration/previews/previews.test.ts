/**
 * Link previews end to end on the real app and database: the post's outbox event links it to its
 * previews and writes the fetch job in the same transaction; the job (run here with a resolver and a
 * test-only allowlist for the local page server) stores the card or the failure, and the thread's readers
 * get the post pushed again with its card over `thread:posts`. Nothing leaves loopback.
 */
import http from 'node:http'
import type net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/lib/db.server'
import type { LivePostsPayload } from '~/modules/discussions/post-view'
import { editPost } from '~/modules/discussions/posting.server'
import { getBoss, JOBS_SCHEMA, QUEUES } from '~/modules/jobs/queue.server'
import type { Resolver } from '~/modules/previews/guard.server'
import { PREVIEW_TTL_MS, runPreviewJob } from '~/modules/previews/previews.server'
import { startTestApp } from '../../support/app.ts'
import { settleOutbox } from '../../support/outbox.ts'
import { createSpace, person, reply, thread } from '../discussions/helpers.ts'
import { cleanup, connect, cookieFor, join, next } from '../realtime/helpers.ts'

let app: Awaited<ReturnType<typeof startTestApp>>
let pages: http.Server
let port = 0
const hits: string[] = []

beforeAll(async () => {
  app = await startTestApp()
  // The outbox handler writes the job through pg-boss inside its transaction: start it in this process.
  await getBoss()
  pages = http.createServer((req, res) => {
    hits.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<html><head><title>Yedek</title><meta property="og:site_name" content="STK Rehberi">
       <meta property="og:title" content="Gönüllü yönetimi rehberi"><meta property="og:description" content="Adım adım bir rehber."></head></html>`,
    )
  })
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
  port = (pages.address() as net.AddressInfo).port
})
afterAll(async () => {
  cleanup()
  await new Promise<void>((resolve) => pages.close(() => resolve()))
  await app?.close()
})

const resolver: Resolver = async (host) => {
  if (host === 'rehber.test') return [{ address: '127.0.0.1', family: 4 }]
  if (host === 'intranet.test') return [{ address: '10.0.0.8', family: 4 }]
  throw new Error(`ENOTFOUND ${host}`)
}
const options = () => ({ resolver, allow: [`127.0.0.1:${port}`] })

async function jobsFor(postId: string) {
  return db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2`,
    QUEUES.linkPreview,
    postId,
  )
}

describe('link previews', () => {
  it('a post with a lone link: the job fetches it and the card is pushed to the thread room', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const reader = await person()
    const socket = await connect(app.url, await cookieFor(reader.user.id))
    expect(await join(socket, `thread:${t.threadId}`)).toEqual({ ok: true })

    const url = `http://rehber.test:${port}/gonullu`
    const created = await reply(author.actor, t.threadId, `Şu rehbere bakın:\n${url}`)
    await settleOutbox()
    const link = await db.postLinkPreview.findMany({ where: { postId: created.postId }, include: { preview: true } })
    expect(link).toMatchObject([{ position: 0, preview: { url, status: 'PENDING' } }])
    // The job was written with the event's handling, keyed by the post.
    expect(await jobsFor(created.postId)).toHaveLength(1)
    expect(hits).toEqual([])

    const pushed = next<LivePostsPayload>(socket, 'thread:posts', (p) =>
      p.posts.some((x) => x.id === created.postId && x.previews.length > 0),
    )
    await runPreviewJob(created.postId, options())
    const payload = await pushed
    expect(payload.events).toEqual([expect.objectContaining({ type: 'post.changed', change: 'preview', postId: created.postId })])
    expect(payload.posts[0].previews).toEqual([
      { url, siteName: 'STK Rehberi', title: 'Gönüllü yönetimi rehberi', description: 'Adım adım bir rehber.' },
    ])
    expect(hits).toEqual(['/gonullu'])
    const stored = await db.linkPreview.findUniqueOrThrow({ where: { url } })
    expect(stored).toMatchObject({ status: 'OK', failureReason: null })
    expect(stored.fetchedAt).toBeInstanceOf(Date)

    // The thread page renders the same card (the loader reads it with the post row).
    const page = await fetch(`${app.url}/threads/${t.threadId}`, { headers: { cookie: await cookieFor(reader.user.id) } })
    expect(await page.text()).toContain('Gönüllü yönetimi rehberi')

    // Another post linking the same page reuses the card: no second fetch while it is fresh.
    const again = await reply(author.actor, t.threadId, url)
    await settleOutbox()
    const pushedAgain = next<LivePostsPayload>(socket, 'thread:posts', (p) =>
      p.posts.some((x) => x.id === again.postId && x.previews.length > 0),
    )
    await runPreviewJob(again.postId, options())
    await pushedAgain
    expect(hits).toEqual(['/gonullu'])
    expect(await db.linkPreview.count({ where: { url } })).toBe(1)

    // After the TTL, the next post linking it fetches it again.
    await db.linkPreview.update({ where: { url }, data: { fetchedAt: new Date(Date.now() - PREVIEW_TTL_MS - 1000) } })
    const third = await reply(author.actor, t.threadId, url)
    await settleOutbox()
    await runPreviewJob(third.postId, options())
    expect(hits).toEqual(['/gonullu', '/gonullu'])
  })

  it('a link to an inside address: the failure and its reason are stored, and no card shows', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const created = await reply(author.actor, t.threadId, 'http://intranet.test/yonetim')
    await settleOutbox()
    await runPreviewJob(created.postId, options())
    const stored = await db.linkPreview.findUniqueOrThrow({ where: { url: 'http://intranet.test/yonetim' } })
    expect(stored.status).toBe('FAILED')
    expect(stored.failureReason).toMatch(/^refused-address/)
    expect(stored.title).toBeNull()
    const page = await fetch(`${app.url}/threads/${t.threadId}`, { headers: { cookie: await cookieFor(author.user.id) } })
    expect(await page.text()).not.toContain('link-preview')
  })

  it('an edit that removes the link takes the card away; a link with its own text gets none', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id)
    const url = `http://rehber.test:${port}/duzenle`
    const created = await reply(author.actor, t.threadId, url)
    await settleOutbox()
    await runPreviewJob(created.postId, options())
    expect(await db.postLinkPreview.count({ where: { postId: created.postId } })).toBe(1)
    await editPost(author.actor, { postId: created.postId, body: `[rehber](${url}) artık metnin içinde` })
    await settleOutbox()
    expect(await db.postLinkPreview.count({ where: { postId: created.postId } })).toBe(0)
  })

  it('a moderator’s edit of someone else’s post re-links its previews as well', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const moderator = await person({ role: 'MODERATOR' })
    const t = await thread(author.actor, space.id)
    const created = await reply(author.actor, t.threadId, 'Kaynak ekleyeceğim.')
    await settleOutbox()
    expect(await db.postLinkPreview.count({ where: { postId: created.postId } })).toBe(0)
    await editPost(moderator.actor, {
      postId: created.postId,
      body: `Kaynak:\nhttp://rehber.test:${port}/moderator`,
      reason: 'Kaynak eklendi',
    })
    await settleOutbox()
    expect(await db.postLinkPreview.count({ where: { postId: created.postId } })).toBe(1)
    expect(await jobsFor(created.postId)).toHaveLength(1)
  })

  it('a thread’s first post gets its previews too', async () => {
    const space = await createSpace({ visibility: 'MEMBERS' })
    const author = await person()
    const t = await thread(author.actor, space.id, 'Rehber önerisi', `http://rehber.test:${port}/ilk`)
    await settleOutbox()
    const first = await db.post.findFirstOrThrow({ where: { threadId: t.threadId, number: 1 } })
    expect(await jobsFor(first.id)).toHaveLength(1)
    await runPreviewJob(first.id, options())
    expect(await db.linkPreview.findUniqueOrThrow({ where: { url: `http://rehber.test:${port}/ilk` } })).toMatchObject({ status: 'OK' })
  })
})
