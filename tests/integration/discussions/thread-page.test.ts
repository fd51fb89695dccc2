import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { createReply } from '../../../app/modules/discussions/posting.server.ts'
import { flushReadMarks } from '../../../app/modules/discussions/read-marks.server.ts'
import { loadThreadPage, locatePost, pageViews, type ThreadPage } from '../../../app/modules/discussions/thread-page.server.ts'
import type { Actor } from '../../../app/lib/policy.ts'
import { createSpace, key, person, reply, thread } from './helpers.ts'

async function pageOf(actor: Actor | null, threadId: string, options: { page?: number; root?: number } = { page: 1 }): Promise<ThreadPage> {
  const r = await loadThreadPage(actor, threadId, options)
  if (r.kind !== 'page') throw new Error(`expected a page, got a jump to ${r.page}`)
  return r.data
}

/** A thread with `count` top-level posts (numbers 2..count) written with one INSERT … SELECT. */
async function bigThread(count: number) {
  const space = await createSpace({ visibility: 'PUBLIC' })
  const { user, actor } = await person()
  const t = await thread(actor, space.id)
  await db.$executeRaw`
    INSERT INTO "Post" ("id", "threadId", "number", "path", "depth", "authorId", "body", "html", "status", "updatedAt")
    SELECT ${t.threadId} || '-' || g, ${t.threadId}, g, lpad(g::text, 7, '0'), 0, ${user.id}, 'Yanıt ' || g, '<p>Yanıt ' || g || '</p>', 'VISIBLE', now()
    FROM generate_series(2, ${count}) g`
  await db.thread.update({ where: { id: t.threadId }, data: { lastPostNumber: count, postCount: count } })
  await db.$executeRaw`ANALYZE "Post"`
  return { space, threadId: t.threadId }
}

describe('page structure', () => {
  it('lists posts in nested reading order with in-reply-to numbers', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id) // 1
    const a = await reply(actor, t.threadId, 'a') // 2
    const b = await reply(actor, t.threadId, 'b') // 3
    await reply(actor, t.threadId, 'a.1', a.number) // 4
    await reply(actor, t.threadId, 'b.1', b.number) // 5
    await reply(actor, t.threadId, 'a.2', a.number) // 6
    const page = await pageOf(actor, t.threadId)
    expect(pageViews(page).map((p) => [p.number, p.parentNumber, p.level])).toEqual([
      [1, null, 0],
      [2, null, 0],
      [4, 2, 1],
      [6, 2, 1],
      [3, null, 0],
      [5, 3, 1],
    ])
  })

  it('cuts deep branches off after four levels behind "continue this thread"', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    let parent: number | undefined
    const numbers: number[] = []
    for (let i = 0; i < 8; i++) {
      const r = await reply((await person()).actor, t.threadId, `level ${i}`, parent)
      numbers.push(r.number)
      parent = r.number
    }
    // numbers[0] is at depth 0 … numbers[7] at depth 7
    const main = await pageOf(actor, t.threadId)
    expect(main.posts.map((p) => p.number)).toEqual([1, ...numbers.slice(0, 5)])
    const cut = main.posts.find((p) => p.number === numbers[4])!
    expect(cut.continueCount).toBe(3)
    expect(main.posts.filter((p) => p.continueCount > 0)).toHaveLength(1)

    const branch = await pageOf(actor, t.threadId, { root: numbers[4] })
    expect(branch.root).toMatchObject({ number: numbers[4], parentNumber: numbers[3] })
    expect(pageViews(branch).map((p) => [p.number, p.level])).toEqual(numbers.slice(4).map((n, i) => [n, i]))

    expect(await locatePost(actor, t.threadId, numbers[6])).toEqual({ page: 1, root: numbers[4] })
    expect(await locatePost(actor, t.threadId, numbers[2])).toEqual({ page: 1, root: null })
  })

  it('paginates 20 posts a page from an index count', async () => {
    const { threadId } = await bigThread(45)
    const p1 = await pageOf(null, threadId)
    expect([p1.page, p1.pages, p1.total, p1.posts.length]).toEqual([1, 3, 45, 20])
    const p3 = await pageOf(null, threadId, { page: 3 })
    expect(p3.posts.map((p) => p.number)).toEqual([41, 42, 43, 44, 45])
    expect((await pageOf(null, threadId, { page: 99 })).page).toBe(3)
    expect(await locatePost(null, threadId, 23)).toEqual({ page: 2, root: null })
  })
})

describe('read state', () => {
  it('remembers the highest number read and jumps to the first unread post on return', async () => {
    const space = await createSpace()
    const author = await person()
    const reader = await person()
    const t = await thread(author.actor, space.id)
    for (let i = 0; i < 24; i++) await createReply((await person()).actor, { threadId: t.threadId, body: `r${i}`, clientKey: key() })
    // first visit: to page 1 (an address with its page, see loadThreadPage), nothing marked new
    expect(await loadThreadPage(reader.actor, t.threadId, {})).toEqual({ kind: 'jump', page: 1, number: null })
    const first = await pageOf(reader.actor, t.threadId, { page: 1 })
    expect(first.firstUnreadNumber).toBeNull()
    // page views are marked read in batches
    await flushReadMarks()
    expect((await db.readState.findFirstOrThrow({ where: { userId: reader.user.id } })).lastReadNumber).toBe(20)

    const back = await loadThreadPage(reader.actor, t.threadId, {})
    expect(back).toEqual({ kind: 'jump', page: 2, number: 21 })
    const page2 = await pageOf(reader.actor, t.threadId, { page: 2 })
    expect(page2.firstUnreadNumber).toBe(21)
    expect(
      pageViews(page2)
        .filter((p) => p.isNew)
        .map((p) => p.number),
    ).toEqual([21, 22, 23, 24, 25])
    await flushReadMarks()
    expect((await db.readState.findFirstOrThrow({ where: { userId: reader.user.id } })).lastReadNumber).toBe(25)
    // going back to page 1 never lowers it
    await pageOf(reader.actor, t.threadId, { page: 1 })
    await flushReadMarks()
    expect((await db.readState.findFirstOrThrow({ where: { userId: reader.user.id } })).lastReadNumber).toBe(25)
    // nothing unread: back to the first page, no post singled out
    expect(await loadThreadPage(reader.actor, t.threadId, {})).toEqual({ kind: 'jump', page: 1, number: null })
  })

  it('opens a 10,000-post thread at the first unread post, fast, without loading its ids', async () => {
    const { threadId } = await bigThread(10_000)
    const { user, actor } = await person()
    await db.readState.create({ data: { userId: user.id, threadId, lastReadNumber: 9_876 } })
    const started = performance.now()
    const jump = await loadThreadPage(actor, threadId, {})
    expect(jump).toEqual({ kind: 'jump', page: Math.floor(9_876 / 20) + 1, number: 9_877 })
    const page = await pageOf(actor, threadId, { page: jump.kind === 'jump' ? jump.page : 1 })
    const elapsed = performance.now() - started
    expect(page.firstUnreadNumber).toBe(9_877)
    expect(page.posts[0].number).toBe(9_861)
    expect(page.pages).toBe(500)
    expect(elapsed).toBeLessThan(1_500)
    // the page query is a range scan of the (threadId, path, depth) index
    const plan = await db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT id FROM "Post" WHERE "threadId" = $1 AND depth <= 4 AND status <> 'PENDING' ORDER BY path LIMIT 20 OFFSET 9860`,
      threadId,
    )
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('Post_threadId_path_depth_idx')
  })
})

describe('what each reader sees', () => {
  it('shows pending posts only to their author and moderators', async () => {
    const space = await createSpace({ approveNewPosts: true })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, space.id)
    const newbie = await person()
    const pending = await reply(newbie.actor, t.threadId, 'onay bekliyor')
    const other = await person()
    expect((await pageOf(other.actor, t.threadId)).posts.map((p) => p.number)).toEqual([1])
    expect((await pageOf(newbie.actor, t.threadId)).posts.find((p) => p.number === pending.number)?.state).toBe('pending')
    expect((await pageOf(mod.actor, t.threadId)).posts).toHaveLength(2)
    await expect(locatePost(other.actor, t.threadId, pending.number)).rejects.toMatchObject({ status: 404 })
  })

  it('hides an anonymous author from everyone but moderators', async () => {
    const space = await createSpace({ allowAnonymous: true })
    const author = await person({ name: 'Gizli Yazar' })
    const t = await thread((await person()).actor, space.id)
    await createReply(author.actor, { threadId: t.threadId, body: 'anonim', anonymous: 'on', clientKey: key() })
    const other = await person()
    const seen = (await pageOf(other.actor, t.threadId)).posts[1]
    expect(seen.author).toEqual({ kind: 'anonymous' })
    expect(JSON.stringify(await pageOf(other.actor, t.threadId))).not.toContain('Gizli Yazar')
    const mod = await person({ role: 'MODERATOR' })
    expect((await pageOf(mod.actor, t.threadId)).posts[1].author).toMatchObject({ kind: 'anonymousKnown', name: 'Gizli Yazar' })
  })

  it('shows hidden and deleted posts as placeholders, with text for moderators only', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const a = await reply(actor, t.threadId, 'gizlenecek')
    const b = await reply(actor, t.threadId, 'silinecek')
    await db.post.update({ where: { id: a.postId }, data: { status: 'HIDDEN' } })
    await db.post.update({ where: { id: b.postId }, data: { deletedAt: new Date() } })
    const other = await person()
    const seen = (await pageOf(other.actor, t.threadId)).posts
    expect(seen.slice(1).map((p) => [p.state, p.html])).toEqual([
      ['hidden', null],
      ['deleted', null],
    ])
    const mod = await person({ role: 'MODERATOR' })
    expect((await pageOf(mod.actor, t.threadId)).posts[1].html).toContain('gizlenecek')
  })

  it('refuses unreadable threads and unknown ones', async () => {
    const priv = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, priv.id)
    const other = await person()
    await expect(loadThreadPage(other.actor, t.threadId, {})).rejects.toThrow(/forbidden/)
    await expect(loadThreadPage(null, 'nope', {})).rejects.toMatchObject({ status: 404 })
  })
})
