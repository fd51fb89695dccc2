/** Reports, the queue's scope and every moderation decision, against the real database. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { moderatePost, moderateThread } from '../../../app/modules/moderation/actions.server.ts'
import { loadModerationLog } from '../../../app/modules/moderation/log.server.ts'
import { loadQueue } from '../../../app/modules/moderation/queue.server.ts'
import { reportPost } from '../../../app/modules/moderation/reports.server.ts'
import { settleOutbox } from '../../support/outbox.ts'
import { auditOf, createSpace, makeSpaceModerator, notificationsOf, person, recordEvents, reply, snapshot, thread } from './helpers.ts'

type P = Awaited<ReturnType<typeof person>>
let author: P, reader: P, reader2: P, platformMod: P, spaceMod: P, otherSpaceMod: P
let space: Awaited<ReturnType<typeof createSpace>>, otherSpace: Awaited<ReturnType<typeof createSpace>>

beforeAll(async () => {
  space = await createSpace()
  otherSpace = await createSpace()
  author = await person({ name: 'Yazar Ayşe' })
  reader = await person({ name: 'Okur Emre' })
  reader2 = await person({ name: 'Okur İpek' })
  platformMod = await person({ name: 'Moderatör Mert', role: 'MODERATOR' })
  spaceMod = await person({ name: 'Alan Moderatörü Şule' })
  spaceMod.actor = await makeSpaceModerator(space.id, spaceMod.user.id)
  otherSpaceMod = await person({ name: 'Öteki Moderatör' })
  otherSpaceMod.actor = await makeSpaceModerator(otherSpace.id, otherSpaceMod.user.id)
})

// Posting limits are the threads area's (and tested there); these tests write many posts per person.
beforeEach(async () => {
  await db.rateLimitBucket.deleteMany({ where: { key: { startsWith: 'post:' } } })
})

async function reportedPost(body = 'Bu bir hakaret içeriyor') {
  const t = await thread(author.actor, space.id)
  const r = await reply(author.actor, t.threadId, body, 1)
  expect(await reportPost(reader.actor, r.postId, { reason: 'ABUSE', note: 'Kaba dil' })).toEqual({ ok: true, updated: false })
  expect(await reportPost(reader2.actor, r.postId, { reason: 'HARASSMENT', note: '' })).toEqual({ ok: true, updated: false })
  return { threadId: t.threadId, postId: r.postId, number: r.number }
}

describe('reporting a post', () => {
  it('refuses bad input, writes nothing, and keeps one open report per person (a second one updates it)', async () => {
    const t = await thread(author.actor, space.id)
    const before = await snapshot()
    const bad = await reportPost(reader.actor, t.postId, { reason: 'NONSENSE' as never, note: 'x'.repeat(1001) })
    expect(bad).toMatchObject({ ok: false, errors: { reason: [{ key: 'validation.choice' }], note: [{ key: 'validation.tooLong' }] } })
    expect(await snapshot()).toEqual(before)

    expect(await reportPost(reader.actor, t.postId, { reason: 'SPAM', note: 'reklam' })).toEqual({ ok: true, updated: false })
    expect(await reportPost(reader.actor, t.postId, { reason: 'OFF_TOPIC', note: 'konu dışı aslında' })).toEqual({
      ok: true,
      updated: true,
    })
    const reports = await db.report.findMany({ where: { postId: t.postId } })
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ reason: 'OFF_TOPIC', note: 'konu dışı aslında', status: 'OPEN', reporterId: reader.user.id })
  })

  it('refuses people who cannot read the post (as not found), authors reporting themselves, and unverified accounts', async () => {
    const priv = await createSpace({ visibility: 'PRIVATE' })
    const inside = await person()
    await db.spaceInvitation.create({ data: { spaceId: priv.id, userId: inside.user.id } })
    const t = await thread(inside.actor, priv.id)
    const before = await snapshot()
    expect(await reportPost(reader.actor, t.postId, { reason: 'SPAM', note: '' })).toMatchObject({ ok: false, status: 404 })
    expect(await reportPost(inside.actor, t.postId, { reason: 'SPAM', note: '' })).toMatchObject({ ok: false, status: 403 })
    // An unverified account does not read a members-only space: the post is not found.
    const unverified = await person({ verified: false })
    const open = await thread(author.actor, space.id)
    expect(await reportPost(unverified.actor, open.postId, { reason: 'SPAM', note: '' })).toMatchObject({ ok: false, status: 404 })
    expect((await snapshot()).reports).toEqual(before.reports)
  })
})

describe('the queue', () => {
  it('shows a space moderator only their spaces, platform moderators everything, and nobody else anything', async () => {
    const mine = await reportedPost('Alanımdaki şikâyet edilen mesaj')
    const t = await thread(author.actor, otherSpace.id, 'Başka alan', 'Öteki alandaki mesaj')
    await reportPost(reader.actor, t.postId, { reason: 'SPAM', note: 'öteki' })

    const ids = async (a: P) => (await loadQueue(a.actor, 1))?.items.map((i) => i.id)
    expect(await ids(spaceMod)).toContain(mine.postId)
    expect(await ids(spaceMod)).not.toContain(t.postId)
    expect(await ids(otherSpaceMod)).toContain(t.postId)
    expect(await ids(otherSpaceMod)).not.toContain(mine.postId)
    expect(await ids(platformMod)).toEqual(expect.arrayContaining([mine.postId, t.postId]))
    expect(await loadQueue(reader.actor, 1)).toBeNull()

    const item = (await loadQueue(spaceMod.actor, 1))!.items.find((i) => i.id === mine.postId)!
    expect(item.reports.map((r) => r.reporter)).toEqual(['Okur Emre', 'Okur İpek'])
    expect(item.reasons).toEqual({ ABUSE: 1, HARASSMENT: 1 })
    expect(item.author?.name).toBe('Yazar Ayşe')
    expect(item.parent?.number).toBe(1)
    expect(JSON.stringify(item)).not.toContain('@example.org')
  })
})

describe('decisions on a post', () => {
  it('hide: the post is hidden with its reason, counted out, audited, reports settled, author and reporters told, event after commit', async () => {
    const p = await reportedPost()
    const before = await db.thread.findUniqueOrThrow({ where: { id: p.threadId }, select: { postCount: true } })
    const spaceBefore = await db.space.findUniqueOrThrow({ where: { id: space.id }, select: { postCount: true } })
    const events = recordEvents('post.changed')
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'hide', reason: 'Hakaret içeriyor' })).toEqual({ ok: true })
    await events.settle()
    events.stop()

    expect(await db.post.findUniqueOrThrow({ where: { id: p.postId } })).toMatchObject({
      status: 'HIDDEN',
      hiddenReason: 'Hakaret içeriyor',
    })
    expect((await db.thread.findUniqueOrThrow({ where: { id: p.threadId } })).postCount).toBe(before.postCount - 1)
    expect((await db.space.findUniqueOrThrow({ where: { id: space.id } })).postCount).toBe(spaceBefore.postCount - 1)
    const [entry] = await auditOf(p.postId)
    expect(entry).toMatchObject({
      action: 'post.hide',
      targetType: 'post',
      actorId: spaceMod.user.id,
      reason: 'Hakaret içeriyor',
      spaceId: space.id,
    })
    expect(await db.report.findMany({ where: { postId: p.postId } })).toEqual([
      expect.objectContaining({ status: 'RESOLVED', resolvedById: spaceMod.user.id }),
      expect.objectContaining({ status: 'RESOLVED', resolvedById: spaceMod.user.id }),
    ])
    const [hidden] = await notificationsOf(author.user.id, 'moderation.postHidden')
    expect(hidden.data).toMatchObject({ threadId: p.threadId, postNumber: p.number, reason: 'Hakaret içeriyor' })
    for (const r of [reader, reader2]) {
      const n = (await notificationsOf(r.user.id, 'report.resolved')).find(
        (x) => (x.data as { postNumber: number }).postNumber === p.number && (x.data as { threadId: string }).threadId === p.threadId,
      )
      expect(n?.data).toMatchObject({ outcome: 'hidden' })
      expect(JSON.stringify(n?.data)).not.toContain('Hakaret')
    }
    expect(events.seen).toContainEqual({ spaceId: space.id, threadId: p.threadId, postId: p.postId, number: p.number, change: 'hidden' })
    expect(await loadQueue(spaceMod.actor, 1).then((q) => q!.items.map((i) => i.id))).not.toContain(p.postId)

    // Hiding twice changes nothing; restore brings it back and counts it in again.
    const snap = await snapshot()
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'hide', reason: 'yine' })).toMatchObject({ ok: false, status: 409 })
    expect(await snapshot()).toEqual(snap)
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'restore' })).toEqual({ ok: true })
    expect(await db.post.findUniqueOrThrow({ where: { id: p.postId } })).toMatchObject({ status: 'VISIBLE', hiddenReason: null })
    expect((await db.thread.findUniqueOrThrow({ where: { id: p.threadId } })).postCount).toBe(before.postCount)
    expect(await notificationsOf(author.user.id, 'moderation.postRestored')).toHaveLength(1)
    expect((await auditOf(p.postId)).map((a) => a.action)).toEqual(['post.hide', 'post.restore'])
  })

  it('refuses bad input and other spaces’ moderators, writing nothing', async () => {
    const p = await reportedPost()
    const before = await snapshot()
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'hide', reason: '' })).toMatchObject({
      ok: false,
      errors: { reason: [{ key: 'moderation.errors.reasonRequired' }] },
    })
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'explode' })).toMatchObject({
      ok: false,
      errors: { intent: expect.any(Array) },
    })
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'hide', reason: 'x'.repeat(1001) })).toMatchObject({
      ok: false,
      errors: { reason: [{ key: 'validation.tooLong' }] },
    })
    expect(await moderatePost(otherSpaceMod.actor, p.postId, { intent: 'hide', reason: 'Başka alandan' })).toMatchObject({
      ok: false,
      status: 403,
    })
    expect(await moderatePost(reader.actor, p.postId, { intent: 'dismiss' })).toMatchObject({ ok: false, status: 403 })
    expect(await moderatePost(spaceMod.actor, 'no-such-post', { intent: 'dismiss' })).toMatchObject({ ok: false, status: 404 })
    expect(await snapshot()).toEqual(before)
  })

  it('dismiss: reports closed as dismissed, reporters told the post stays, author not bothered', async () => {
    const p = await reportedPost()
    const authorBefore = (await notificationsOf(author.user.id)).length
    expect(await moderatePost(platformMod.actor, p.postId, { intent: 'dismiss', reason: 'Kurallara uygun' })).toEqual({ ok: true })
    expect((await db.report.findMany({ where: { postId: p.postId } })).map((r) => r.status)).toEqual(['DISMISSED', 'DISMISSED'])
    expect((await db.post.findUniqueOrThrow({ where: { id: p.postId } })).status).toBe('VISIBLE')
    expect((await auditOf(p.postId))[0]).toMatchObject({ action: 'report.dismiss', spaceId: space.id })
    const n = (await notificationsOf(reader.user.id, 'report.resolved')).at(-1)
    expect(n?.data).toMatchObject({ outcome: 'kept', threadId: p.threadId })
    expect(await notificationsOf(author.user.id)).toHaveLength(authorBefore)
    expect(await moderatePost(platformMod.actor, p.postId, { intent: 'dismiss' })).toMatchObject({ ok: false, status: 409 })
  })

  it('approve makes a pending first post visible, counts it and tells the author; reject hides it', async () => {
    const gated = await createSpace({ approveNewPosts: true })
    const mod = await person()
    mod.actor = await makeSpaceModerator(gated.id, mod.user.id)
    const opener = await person({ name: 'İlk Yazar' })
    const t = await thread(opener.actor, gated.id, 'İlk konum', 'Merhaba')
    expect(t.status).toBe('PENDING')
    expect(await loadQueue(mod.actor, 1).then((q) => q!.items.map((i) => [i.id, i.status]))).toContainEqual([t.postId, 'PENDING'])
    expect(await moderatePost(mod.actor, t.postId, { intent: 'approve' })).toEqual({ ok: true })
    expect((await db.post.findUniqueOrThrow({ where: { id: t.postId } })).status).toBe('VISIBLE')
    // The space counts an approved post in the job worker, as a new one (decision 014).
    await settleOutbox()
    expect(await db.space.findUniqueOrThrow({ where: { id: gated.id } })).toMatchObject({ threadCount: 1, postCount: 1 })
    expect(await notificationsOf(opener.user.id, 'moderation.postApproved')).toHaveLength(1)
    expect((await auditOf(t.postId))[0]).toMatchObject({ action: 'post.approve', spaceId: gated.id })

    const second = await person()
    const t2 = await thread(second.actor, gated.id, 'Reklam', 'Ucuz ürünler')
    expect(await moderatePost(mod.actor, t2.postId, { intent: 'reject', reason: 'Reklam' })).toEqual({ ok: true })
    expect(await db.post.findUniqueOrThrow({ where: { id: t2.postId } })).toMatchObject({ status: 'HIDDEN', hiddenReason: 'Reklam' })
    expect((await db.thread.findUniqueOrThrow({ where: { id: t2.threadId } })).hiddenAt).not.toBeNull()
    expect(await db.space.findUniqueOrThrow({ where: { id: gated.id } })).toMatchObject({ threadCount: 1, postCount: 1 })
    expect(await notificationsOf(second.user.id, 'moderation.postRejected')).toHaveLength(1)
    expect(await moderatePost(mod.actor, t2.postId, { intent: 'approve' })).toMatchObject({ ok: false, status: 409 })
  })

  it('warn tells the author why; space moderators cannot warn a platform moderator', async () => {
    const p = await reportedPost()
    expect(await moderatePost(spaceMod.actor, p.postId, { intent: 'warn', reason: 'Lütfen saygılı olun' })).toEqual({ ok: true })
    const [w] = await notificationsOf(author.user.id, 'moderation.warned')
    expect(w.data).toMatchObject({ reason: 'Lütfen saygılı olun', spaceSlug: space.slug })
    expect((await auditOf(author.user.id)).at(-1)).toMatchObject({ action: 'user.warn', targetType: 'user', spaceId: space.id })

    const t = await thread(platformMod.actor, space.id)
    const before = await snapshot()
    expect(await moderatePost(spaceMod.actor, t.postId, { intent: 'warn', reason: 'Deneme' })).toMatchObject({ ok: false, status: 403 })
    expect(await snapshot()).toEqual(before)
  })

  it('suspend: platform moderators suspend the author for a period; space moderators may not', async () => {
    const troll = await person({ name: 'Trol' })
    const t = await thread(troll.actor, space.id)
    const before = await snapshot()
    expect(
      await moderatePost(spaceMod.actor, t.postId, { intent: 'suspend', duration: '7d', reason: 'Tekrarlayan hakaret' }),
    ).toMatchObject({ ok: false, status: 403 })
    expect(await moderatePost(platformMod.actor, t.postId, { intent: 'suspend', reason: 'Süre yok' })).toMatchObject({
      ok: false,
      errors: { duration: expect.any(Array) },
    })
    expect(await snapshot()).toEqual(before)
    expect(await moderatePost(platformMod.actor, t.postId, { intent: 'suspend', duration: '7d', reason: 'Tekrarlayan hakaret' })).toEqual({
      ok: true,
    })
    const u = await db.user.findUniqueOrThrow({ where: { id: troll.user.id } })
    expect(u.suspendedUntil!.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000)
    expect(u.suspendedReason).toBe('Tekrarlayan hakaret')
  })
})

describe('decisions on a thread', () => {
  it('lock, close, pin and their reverses: state, audit, the author told of a lock, no-ops refused', async () => {
    const t = await thread(author.actor, space.id, 'Kilitlenecek konu')
    const events = recordEvents('thread.changed')
    expect(await moderateThread(spaceMod.actor, t.threadId, { intent: 'lock', reason: 'Tartışma çığırından çıktı' })).toEqual({ ok: true })
    expect(await moderateThread(spaceMod.actor, t.threadId, { intent: 'close' })).toEqual({ ok: true })
    expect(await moderateThread(spaceMod.actor, t.threadId, { intent: 'pin' })).toEqual({ ok: true })
    let row = await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })
    expect([row.lockedAt, row.closedAt, row.pinnedAt].every(Boolean)).toBe(true)
    expect(await notificationsOf(author.user.id, 'moderation.threadLocked')).toHaveLength(1)
    const before = await snapshot()
    expect(await moderateThread(spaceMod.actor, t.threadId, { intent: 'lock', reason: 'Yine kilitle' })).toMatchObject({
      ok: false,
      status: 409,
    })
    expect(await moderateThread(spaceMod.actor, t.threadId, { intent: 'lock', reason: '' })).toMatchObject({
      ok: false,
      errors: { reason: expect.any(Array) },
    })
    expect(await moderateThread(otherSpaceMod.actor, t.threadId, { intent: 'unlock' })).toMatchObject({ ok: false, status: 403 })
    expect(await snapshot()).toEqual(before)
    for (const intent of ['unlock', 'reopen', 'unpin'])
      expect(await moderateThread(spaceMod.actor, t.threadId, { intent })).toEqual({ ok: true })
    row = await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })
    expect([row.lockedAt, row.closedAt, row.pinnedAt]).toEqual([null, null, null])
    expect((await auditOf(t.threadId)).map((a) => [a.action, a.spaceId])).toEqual(
      ['thread.lock', 'thread.close', 'thread.pin', 'thread.unlock', 'thread.reopen', 'thread.unpin'].map((a) => [a, space.id]),
    )
    await events.settle()
    events.stop()
    expect(events.seen.map((e) => e.change)).toEqual(['locked', 'closed', 'pinned', 'unlocked', 'reopened', 'unpinned'])
  })

  it('hide takes the thread and its posts out of the space counts and settles its reports; restore puts them back', async () => {
    const s = await createSpace()
    const mod = await person()
    mod.actor = await makeSpaceModerator(s.id, mod.user.id)
    const t = await thread(author.actor, s.id)
    const r = await reply(reader.actor, t.threadId, 'Yanıt')
    await reportPost(reader2.actor, r.postId, { reason: 'SPAM', note: '' })
    expect(await db.space.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ threadCount: 1, postCount: 2 })
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'hide', reason: 'Kişisel veri var' })).toEqual({ ok: true })
    expect(await db.space.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ threadCount: 0, postCount: 0 })
    expect((await db.report.findFirstOrThrow({ where: { postId: r.postId } })).status).toBe('RESOLVED')
    expect(await notificationsOf(author.user.id, 'moderation.threadHidden')).toHaveLength(1)
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'restore' })).toEqual({ ok: true })
    expect(await db.space.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ threadCount: 1, postCount: 2 })
  })

  it('move: needs both spaces moderated, updates both spaces’ counters, audits, tells the author, publishes for both rooms', async () => {
    const from = await createSpace()
    const to = await createSpace()
    const elsewhere = await createSpace()
    const mod = await person()
    await makeSpaceModerator(from.id, mod.user.id)
    mod.actor = await makeSpaceModerator(to.id, mod.user.id)
    const t = await thread(author.actor, from.id, 'Yanlış alanda')
    await reply(reader.actor, t.threadId, 'Bir yanıt')
    await reply(reader2.actor, t.threadId, 'İkinci yanıt')

    const before = await snapshot()
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'move', toSpaceId: elsewhere.id, reason: 'Doğru alan' })).toMatchObject({
      ok: false,
      status: 403,
    })
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'move', toSpaceId: from.id, reason: 'Aynı alan' })).toMatchObject({
      ok: false,
      errors: { toSpaceId: expect.any(Array) },
    })
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'move', toSpaceId: 'nope', reason: 'Yok' })).toMatchObject({
      ok: false,
      errors: { toSpaceId: expect.any(Array) },
    })
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'move', toSpaceId: to.id })).toMatchObject({
      ok: false,
      errors: { reason: expect.any(Array) },
    })
    expect(await snapshot()).toEqual(before)

    const events = recordEvents('thread.changed')
    expect(await moderateThread(mod.actor, t.threadId, { intent: 'move', toSpaceId: to.id, reason: 'Doğru alan burası' })).toEqual({
      ok: true,
    })
    await events.settle()
    events.stop()
    expect((await db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).spaceId).toBe(to.id)
    expect(await db.space.findUniqueOrThrow({ where: { id: from.id } })).toMatchObject({ threadCount: 0, postCount: 0 })
    expect(await db.space.findUniqueOrThrow({ where: { id: to.id } })).toMatchObject({ threadCount: 1, postCount: 3 })
    expect((await auditOf(t.threadId))[0]).toMatchObject({
      action: 'thread.move',
      spaceId: to.id,
      data: { fromSpaceId: from.id, toSpaceId: to.id },
    })
    expect((await notificationsOf(author.user.id, 'moderation.threadMoved')).at(-1)?.data).toMatchObject({
      spaceSlug: to.slug,
      reason: 'Doğru alan burası',
    })
    expect(events.seen).toEqual([{ spaceId: to.id, threadId: t.threadId, change: 'moved', fromSpaceId: from.id }])
  })
})

describe('the log', () => {
  it('shows space moderators their spaces’ decisions only, and the real author of an anonymous post', async () => {
    const anonSpace = await createSpace({ allowAnonymous: true })
    const mod = await person()
    mod.actor = await makeSpaceModerator(anonSpace.id, mod.user.id)
    const { createThread } = await import('../../../app/modules/discussions/posting.server.ts')
    const t = await createThread(author.actor, {
      spaceId: anonSpace.id,
      title: 'Adsız soru',
      body: 'Kimliğimi saklıyorum',
      anonymous: 'on',
      clientKey: crypto.randomUUID(),
    } as never)
    await moderatePost(mod.actor, t.postId, { intent: 'hide', reason: 'Kişisel bilgi' })
    const log = (await loadModerationLog(mod.actor, 1))!
    expect(log.items).toHaveLength(1)
    expect(log.items[0]).toMatchObject({ action: 'post.hide', reason: 'Kişisel bilgi', target: { author: 'Yazar Ayşe', anonymous: true } })
    const all = (await loadModerationLog(platformMod.actor, 1))!
    expect(all.items.map((i) => i.space?.id)).toEqual(expect.arrayContaining([anonSpace.id, space.id]))
    expect(await loadModerationLog(reader.actor, 1)).toBeNull()
  })
})
