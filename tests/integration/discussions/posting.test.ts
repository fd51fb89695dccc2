import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { ForbiddenError } from '../../../app/lib/policy.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { createCommunityMember } from '../../support/factories.ts'
import { settleOutbox } from '../../support/outbox.ts'
import {
  createReply,
  createThread,
  deletePost,
  editPost,
  makePostVisible,
  toggleReaction,
} from '../../../app/modules/discussions/posting.server.ts'
import { acceptRules, createSpace, failure, key, makeSpaceModerator, person, reply, snapshotCounts, thread } from './helpers.ts'

describe('numbering and nesting', () => {
  it('gives 20 concurrent replies the numbers 2..21, no gaps or duplicates', { timeout: 120_000 }, async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const people = await Promise.all(Array.from({ length: 20 }, () => person()))
    const results = await Promise.all(people.map((p, i) => reply(p.actor, t.threadId, `Yanıt ${i}`)))
    expect(results.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
    const th = await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })
    expect(th.lastPostNumber).toBe(21)
    expect(th.postCount).toBe(21)
    // The space's counts follow in the job worker (decision 014).
    await settleOutbox()
    const sp = await db.space.findUniqueOrThrow({ where: { id: space.id } })
    expect(sp).toMatchObject({ threadCount: 1, postCount: 21 })
  })

  it('stores path and depth for nested replies and counts replies on the parent', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const a = await reply(actor, t.threadId, 'top level') // 2
    const b = await reply(actor, t.threadId, 'reply to 2', a.number) // 3
    const c = await reply(actor, t.threadId, 'reply to 3', b.number) // 4
    const rows = await db.post.findMany({ where: { threadId: t.threadId }, orderBy: { number: 'asc' } })
    expect(rows.map((r) => [r.number, r.path, r.depth])).toEqual([
      [1, '0000001', 0],
      [2, '0000002', 0],
      [3, '00000020000003', 1],
      [4, '000000200000030000004', 2],
    ])
    expect(rows[1].replyCount).toBe(1)
    expect(c.status).toBe('VISIBLE')
  })
})

describe('idempotent submits', () => {
  it('returns the same post for the same client key sent twice at once', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const clientKey = key()
    const [a, b] = await Promise.all([
      createReply(actor, { threadId: t.threadId, body: 'Aynı yanıt', clientKey }),
      createReply(actor, { threadId: t.threadId, body: 'Aynı yanıt', clientKey }),
    ])
    expect(a.postId).toBe(b.postId)
    expect(await db.post.count({ where: { threadId: t.threadId } })).toBe(2)
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).lastPostNumber).toBe(2)
    const again = await createReply(actor, { threadId: t.threadId, body: 'Aynı yanıt', clientKey })
    expect(again).toMatchObject({ postId: a.postId, created: false })
  })

  it('returns the same thread for the same client key sent twice at once', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const clientKey = key()
    const input = { spaceId: space.id, title: 'Bağış toplama', body: 'Deneyimleriniz?', clientKey }
    const [a, b] = await Promise.all([createThread(actor, input), createThread(actor, input)])
    expect(a.threadId).toBe(b.threadId)
    expect(await db.thread.count({ where: { spaceId: space.id } })).toBe(1)
    await settleOutbox()
    expect((await db.space.findUniqueOrThrow({ where: { id: space.id } })).threadCount).toBe(1)
  })
})

describe('bad input writes nothing', () => {
  it('refuses empty and over-long titles and bodies with translated keys', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const before = await snapshotCounts()
    const cases = [
      { title: '  ', body: 'x', field: 'title' },
      { title: 'ab', body: 'x', field: 'title' },
      { title: 'x'.repeat(161), body: 'x', field: 'title' },
      { title: 'Geçerli başlık', body: '   ', field: 'body' },
      { title: 'Geçerli başlık', body: 'x'.repeat(20_001), field: 'body' },
    ]
    for (const c of cases) {
      const e = await failure(createThread(actor, { spaceId: space.id, title: c.title, body: c.body, clientKey: key() }))
      expect(e.name).toBe('DiscussionInputError')
      expect(e.errors?.[c.field]?.[0].key).toMatch(/^validation\./)
    }
    const t = await thread(actor, space.id)
    const e = await failure(reply(actor, t.threadId, ''))
    expect(e.errors?.body?.[0].key).toBe('validation.required')
    expect((await snapshotCounts()).posts).toBe(before.posts + 1)
  })

  it('refuses an unknown parent, a locked thread, an unreadable space and anonymity where not allowed', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const before = await snapshotCounts()

    expect((await failure(reply(actor, t.threadId, 'to nowhere', 99))).key).toBe('discussions.errors.unknownParent')
    expect((await failure(createReply(actor, { threadId: t.threadId, body: 'anon', anonymous: 'on', clientKey: key() }))).key).toBe(
      'discussions.errors.anonymousNotAllowed',
    )

    await db.thread.update({ where: { id: t.threadId }, data: { lockedAt: new Date() } })
    expect((await failure(reply(actor, t.threadId, 'locked'))).key).toBe('discussions.errors.threadLocked')

    const priv = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const hidden = await thread(mod.actor, priv.id)
    expect((await failure(reply(actor, hidden.threadId, 'let me in'))).key).toBe('discussions.errors.threadNotFound')
    expect((await failure(thread(actor, priv.id))).message).toMatch(/^forbidden:/)

    const after = await snapshotCounts()
    expect(after.posts).toBe(before.posts + 1) // the moderator's opening post only
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).lastPostNumber).toBe(1)
  })

  it('lets a moderator reply to a locked thread', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    await db.thread.update({ where: { id: t.threadId }, data: { lockedAt: new Date() } })
    const mod = await person({ role: 'MODERATOR' })
    expect((await reply(mod.actor, t.threadId, 'Moderatör notu')).number).toBe(2)
  })

  it('asks for the rules of a safe space to be accepted first, and refuses anyone outside the member organizations', async () => {
    const space = await createSpace({ safeSpace: true })
    const outsider = await person()
    await expect(thread(outsider.actor, space.id)).rejects.toBeInstanceOf(ForbiddenError)
    const user = await createCommunityMember()
    const actor = (await loadActor(user.id))!
    const e = await failure(thread(actor, space.id))
    expect(e.key).toBe('discussions.errors.rulesNotAccepted')
    expect(await db.thread.count({ where: { spaceId: space.id } })).toBe(0)
    await acceptRules(space.id, user.id)
    expect((await thread(actor, space.id)).status).toBe('VISIBLE')
  })

  it('limits how fast one person posts', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    for (let i = 0; i < 7; i++) await reply(actor, t.threadId, `hızlı ${i}`)
    const e = await failure(reply(actor, t.threadId, 'one too many'))
    expect(e).toMatchObject({ key: 'discussions.errors.rateLimited', status: 429 })
    expect(await db.post.count({ where: { threadId: t.threadId } })).toBe(8)
  })
})

describe('approval of first posts', () => {
  it('holds a first post for a moderator, then counts and shows it once approved', async () => {
    const space = await createSpace({ approveNewPosts: true })
    const mod = await person({ role: 'MODERATOR' })
    const t = await thread(mod.actor, space.id)
    const { actor } = await person()
    const first = await reply(actor, t.threadId, 'İlk yazım')
    expect(first.status).toBe('PENDING')
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).postCount).toBe(1)
    await db.$transaction((tx) => makePostVisible(tx, first.postId))
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).postCount).toBe(2)
    expect((await reply(actor, t.threadId, 'İkinci yazım')).status).toBe('VISIBLE')
    // approving twice changes nothing
    await db.$transaction((tx) => makePostVisible(tx, first.postId))
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).postCount).toBe(3)
  })
})

describe('edits, tombstones, reactions', () => {
  it('keeps the previous text as a revision when the author edits', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id, 'Başlık', 'eski metin')
    await editPost(actor, { postId: t.postId, body: 'yeni metin' })
    const post = await db.post.findUniqueOrThrow({ where: { id: t.postId }, include: { revisions: true } })
    expect(post).toMatchObject({ body: 'yeni metin', revisionCount: 1 })
    expect(post.editedAt).not.toBeNull()
    expect(post.html).toContain('yeni metin')
    expect(post.revisions).toMatchObject([{ number: 1, body: 'eski metin', editorId: actor.id }])
  })

  it('needs a reason when a moderator edits, audits it and tells the author', async () => {
    const space = await createSpace()
    const author = await person()
    const t = await thread(author.actor, space.id)
    const mod = await makeSpaceModerator(space.id, (await person()).user.id)
    const e = await failure(editPost(mod, { postId: t.postId, body: 'düzeltildi' }))
    expect(e).toMatchObject({ key: 'discussions.errors.reasonRequired', field: 'reason' })
    expect(await db.postRevision.count({ where: { postId: t.postId } })).toBe(0)
    await editPost(mod, { postId: t.postId, body: 'düzeltildi', reason: 'Kişisel bilgi çıkarıldı' })
    expect(await db.auditLog.findFirst({ where: { action: 'post.edit', targetId: t.postId } })).toMatchObject({
      actorId: mod.id,
      reason: 'Kişisel bilgi çıkarıldı',
      spaceId: space.id,
    })
    await settleOutbox()
    expect(await db.notification.findFirst({ where: { userId: author.user.id, kind: 'moderation.postEdited' } })).not.toBeNull()
  })

  it('refuses an edit by someone else who is not a moderator', async () => {
    const space = await createSpace()
    const author = await person()
    const t = await thread(author.actor, space.id)
    const other = await person()
    expect((await failure(editPost(other.actor, { postId: t.postId, body: 'benim' }))).message).toMatch(/^forbidden:/)
  })

  it('deletes as a tombstone and keeps the replies', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const a = await reply(actor, t.threadId, 'silinecek')
    const b = await reply((await person()).actor, t.threadId, 'yanıt kalır', a.number)
    await deletePost(actor, a.postId)
    const rows = await db.post.findMany({ where: { threadId: t.threadId }, orderBy: { number: 'asc' } })
    expect(rows[1].deletedAt).not.toBeNull()
    expect(rows[1].body).toBe('silinecek')
    expect(rows[2]).toMatchObject({ id: b.postId, parentId: a.postId, deletedAt: null })
  })

  it('toggles reactions and refuses unknown kinds and readers who are not members', async () => {
    const space = await createSpace()
    const { actor } = await person()
    const t = await thread(actor, space.id)
    const other = await person()
    expect((await toggleReaction(other.actor, { postId: t.postId, kind: 'thanks' })).reacted).toBe(true)
    expect(await db.reaction.count({ where: { postId: t.postId } })).toBe(1)
    expect((await toggleReaction(other.actor, { postId: t.postId, kind: 'thanks' })).reacted).toBe(false)
    expect(await db.reaction.count({ where: { postId: t.postId } })).toBe(0)
    expect((await failure(toggleReaction(other.actor, { postId: t.postId, kind: 'angry' }))).key).toBe('discussions.errors.unknownReaction')

    const priv = await createSpace({ visibility: 'PRIVATE' })
    const mod = await person({ role: 'MODERATOR' })
    const hidden = await thread(mod.actor, priv.id)
    expect((await failure(toggleReaction(other.actor, { postId: hidden.postId, kind: 'like' }))).key).toBe(
      'discussions.errors.postNotFound',
    )
    expect(await db.reaction.count()).toBe(0)
  })
})
