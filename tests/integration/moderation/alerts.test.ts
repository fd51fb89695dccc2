/**
 * Moderator alerts (issue 10, item 1): a report or a post waiting for approval tells the moderators who
 * may act on it (bell, optional mail), the Moderation link's count follows the queue, and a decision
 * marks everyone's alert about it read. Against the real database, the outbox worker and a real SMTP catcher.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { lucia, SESSION_COOKIE } from '../../../app/modules/auth/lucia.server.ts'
import { getAuth, loadActor } from '../../../app/modules/auth/session.server.ts'
import { createThread, deletePost } from '../../../app/modules/discussions/posting.server.ts'
import { moderatePost } from '../../../app/modules/moderation/actions.server.ts'
import { liveCounts } from '../../../app/modules/moderation/alerts.server.ts'
import { queueCount } from '../../../app/modules/moderation/queue.server.ts'
import { reportPost } from '../../../app/modules/moderation/reports.server.ts'
import { getPreferences, savePreferences } from '../../../app/modules/notifications/preferences.server.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { mailWorkerForFile } from '../../support/mail-worker.ts'
import { settleOutbox } from '../../support/outbox.ts'
import { createSpace, makeSpaceModerator, person, recordEvents, thread } from './helpers.ts'

const caught = mailWorkerForFile()

const alertsOf = async (userId: string, postId?: string) => {
  await settleOutbox()
  const rows = await db.notification.findMany({ where: { userId, kind: 'moderation.review' }, orderBy: { createdAt: 'asc' } })
  return postId ? rows.filter((n) => (n.data as { postId?: string }).postId === postId) : rows
}

/** A space with a moderator of its own, one of another space, a platform moderator and an admin. */
async function cast(space: { approveNewPosts?: boolean; safeSpace?: boolean; allowAnonymous?: boolean } = {}) {
  const s = await createSpace(space)
  const other = await createSpace()
  const spaceMod = await person({ name: 'Alan Moderatörü Şule' })
  spaceMod.actor = await makeSpaceModerator(s.id, spaceMod.user.id)
  const otherMod = await person({ name: 'Öteki Moderatör' })
  otherMod.actor = await makeSpaceModerator(other.id, otherMod.user.id)
  const platformMod = await person({ name: 'Moderatör Mert', role: 'MODERATOR' })
  const admin = await person({ name: 'Yönetici Aslı', role: 'ADMIN' })
  const author = await person({ name: 'Yazar Ayşe Kaya' })
  const reader = await person({ name: 'Okur Emre' })
  return { space: s, spaceMod, otherMod, platformMod, admin, author, reader }
}

describe('a report', () => {
  it('tells each moderator who may act on it once (bell), and no one else; a second report adds no alert', async () => {
    const c = await cast()
    const reader2 = await person()
    const t = await thread(c.author.actor, c.space.id, 'Barajlar ve nehirler')
    const changed = recordEvents('notifications.changed')
    expect(await reportPost(c.reader.actor, t.postId, { reason: 'ABUSE', note: 'Kaba dil' })).toEqual({ ok: true, updated: false })
    for (const m of [c.spaceMod, c.platformMod, c.admin]) {
      const alerts = await alertsOf(m.user.id, t.postId)
      expect(alerts, m.user.name).toHaveLength(1)
      expect(alerts[0]).toMatchObject({ readAt: null, postId: null })
      expect(alerts[0].data).toMatchObject({ postId: t.postId, threadId: t.threadId, postNumber: 1, cause: 'report', safe: false })
    }
    // Not the other space's moderator, the reporter, or the author.
    for (const p of [c.otherMod, c.reader, c.author]) expect(await alertsOf(p.user.id, t.postId), p.user.name).toHaveLength(0)
    await changed.settle()
    changed.stop()
    // Their open pages hear of it (bell and badge).
    expect(changed.seen.map((e) => e.userId)).toEqual(expect.arrayContaining([c.spaceMod.user.id, c.platformMod.user.id, c.admin.user.id]))

    expect(await reportPost(reader2.actor, t.postId, { reason: 'SPAM', note: '' })).toEqual({ ok: true, updated: false })
    expect(await alertsOf(c.spaceMod.user.id, t.postId)).toHaveLength(1)
    // No address anywhere in what was stored (and pushed as a count).
    const all = await db.notification.findMany({ where: { kind: 'moderation.review' } })
    expect(JSON.stringify(all.map((n) => n.data))).not.toMatch(/@example\.org/)
  })

  it('a moderator who reports is not alerted about their own report; the others are', async () => {
    const c = await cast()
    const t = await thread(c.author.actor, c.space.id)
    await reportPost(c.platformMod.actor, t.postId, { reason: 'OFF_TOPIC', note: '' })
    expect(await alertsOf(c.platformMod.user.id, t.postId)).toHaveLength(0)
    expect(await alertsOf(c.spaceMod.user.id, t.postId)).toHaveLength(1)
  })
})

describe('the count on the Moderation link', () => {
  it('is the queue’s own count, in the session’s query and the socket’s push, and null for non-moderators', async () => {
    const c = await cast()
    const t = await thread(c.author.actor, c.space.id)
    const before = (await liveCounts(c.spaceMod.user.id)).review
    await reportPost(c.reader.actor, t.postId, { reason: 'ABUSE', note: '' })
    await settleOutbox()
    for (const m of [c.spaceMod, c.otherMod, c.platformMod, c.admin]) {
      const actor = (await loadActor(m.user.id))!
      const counts = await liveCounts(m.user.id)
      expect(counts.review, m.user.name).toBe(await queueCount(actor))
      const session = await lucia.createSession(m.user.id, {})
      const auth = await getAuth(new Request('http://localhost/', { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } }))
      expect(auth.review, m.user.name).toBe(counts.review)
      expect(auth.unread, m.user.name).toBe(counts.unread)
    }
    expect((await liveCounts(c.spaceMod.user.id)).review).toBe((before ?? 0) + 1)
    for (const p of [c.reader, c.author]) {
      expect((await liveCounts(p.user.id)).review).toBeNull()
      const session = await lucia.createSession(p.user.id, {})
      const auth = await getAuth(new Request('http://localhost/', { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } }))
      expect(auth.review).toBeNull()
    }
  })
})

describe('handling an item', () => {
  it('marks every moderator’s alert about it read and lowers their counts (dismiss)', async () => {
    const c = await cast()
    const t = await thread(c.author.actor, c.space.id)
    await reportPost(c.reader.actor, t.postId, { reason: 'ABUSE', note: '' })
    await settleOutbox()
    const before = (await liveCounts(c.spaceMod.user.id)).review!
    const unreadBefore = (await liveCounts(c.platformMod.user.id)).unread
    const changed = recordEvents('notifications.changed')
    expect(await moderatePost(c.spaceMod.actor, t.postId, { intent: 'dismiss' })).toEqual({ ok: true })
    await changed.settle()
    changed.stop()
    for (const m of [c.spaceMod, c.platformMod, c.admin]) {
      const [alert] = await alertsOf(m.user.id, t.postId)
      expect(alert.readAt, m.user.name).not.toBeNull()
    }
    expect((await liveCounts(c.spaceMod.user.id)).review).toBe(before - 1)
    expect((await liveCounts(c.platformMod.user.id)).unread).toBe(unreadBefore - 1)
    expect(changed.seen.map((e) => e.userId)).toEqual(expect.arrayContaining([c.spaceMod.user.id, c.platformMod.user.id]))
  })

  it('a pending post alerts with "waits for approval", and approving it resolves the alert', async () => {
    const c = await cast({ approveNewPosts: true })
    const t = await thread(c.author.actor, c.space.id, 'Yeni gelenler')
    expect(t.status).toBe('PENDING')
    const [alert] = await alertsOf(c.spaceMod.user.id, t.postId)
    expect(alert.data).toMatchObject({ cause: 'pending', postNumber: 1 })
    expect(await moderatePost(c.spaceMod.actor, t.postId, { intent: 'approve' })).toEqual({ ok: true })
    expect((await alertsOf(c.platformMod.user.id, t.postId))[0].readAt).not.toBeNull()
  })

  it('a pending post its author deletes leaves the queue: every alert about it is resolved', async () => {
    const c = await cast({ approveNewPosts: true })
    const t = await thread(c.author.actor, c.space.id)
    expect((await alertsOf(c.spaceMod.user.id, t.postId))[0].readAt).toBeNull()
    const before = (await liveCounts(c.spaceMod.user.id)).review!
    await deletePost(c.author.actor, t.postId)
    expect((await alertsOf(c.spaceMod.user.id, t.postId))[0].readAt).not.toBeNull()
    expect((await alertsOf(c.admin.user.id, t.postId))[0].readAt).not.toBeNull()
    expect((await liveCounts(c.spaceMod.user.id)).review).toBe(before - 1)
  })

  it('an item handled before the worker came to it alerts no one', async () => {
    const c = await cast()
    const t = await thread(c.author.actor, c.space.id)
    // Hold the worker back: the report and its dismissal both commit before the handler runs.
    await db.$transaction(async (tx) => {
      await tx.report.create({ data: { postId: t.postId, reporterId: c.reader.user.id, reason: 'SPAM' } })
      const { recordEvent, threadStream } = await import('../../../app/modules/events/outbox.server.ts')
      await recordEvent(tx, 'moderation.queued', threadStream(t.threadId), {
        postId: t.postId,
        threadId: t.threadId,
        spaceId: c.space.id,
        cause: 'report',
      })
      await tx.report.updateMany({ where: { postId: t.postId }, data: { status: 'DISMISSED' } })
    })
    expect(await alertsOf(c.spaceMod.user.id, t.postId)).toHaveLength(0)
  })
})

describe('an anonymous first post in a safe space', () => {
  it('alerts the moderators without naming its author or the thread, in the bell and in the mail', async () => {
    const c = await cast({ safeSpace: true, allowAnonymous: true, approveNewPosts: true })
    await addMember(c.author.user.id, (await createOrg()).id)
    await db.spaceMember.create({ data: { spaceId: c.space.id, userId: c.author.user.id, rulesAcceptedAt: new Date() } })
    const author = (await loadActor(c.author.user.id))!
    await db.user.update({ where: { id: c.spaceMod.user.id }, data: { moderationEmail: 'IMMEDIATE' } })
    const t = await createThread(author, {
      spaceId: c.space.id,
      title: 'Gizli başlık burada',
      body: 'Kimse bilmesin',
      anonymous: 'on',
      clientKey: randomUUID(),
    })
    expect(t.status).toBe('PENDING')
    const [alert] = await alertsOf(c.spaceMod.user.id, t.postId)
    expect(alert.data).toMatchObject({ cause: 'pending', safe: true, threadTitle: '', userName: '' })
    const stored = JSON.stringify(alert.data)
    for (const secret of [c.author.user.id, c.author.user.name, c.author.user.email, 'Gizli başlık', 'Kimse bilmesin']) {
      expect(stored).not.toContain(secret)
    }
    const mail = await caught.smtp.waitFor((m) => m.to.includes(c.spaceMod.user.email))
    expect(mail.subject).toBe('New item to review')
    for (const secret of [c.author.user.name, c.author.user.email, 'Gizli başlık', 'Kimse bilmesin', c.space.nameEn, c.space.nameTr]) {
      expect(mail.text).not.toContain(secret)
      expect(mail.html).not.toContain(secret)
    }
    expect(mail.text).toContain(`/threads/${t.threadId}/posts/1/moderate`)
    // The platform moderator left mail about items to review off (the default): the bell only.
    expect(await alertsOf(c.platformMod.user.id, t.postId)).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 300))
    expect(caught.smtp.messages.filter((m) => m.to.includes(c.platformMod.user.email))).toHaveLength(0)
  })
})

describe('the mail setting', () => {
  it('is off by default, offered to moderators only, and saved for them alone', async () => {
    const c = await cast()
    expect((await getPreferences(c.spaceMod.actor)).reviewEmail).toBe('NONE')
    expect((await getPreferences(c.reader.actor)).reviewEmail).toBeNull()
    await savePreferences(c.spaceMod.actor, { discussionEmail: 'IMMEDIATE', reviewEmail: 'IMMEDIATE', spaces: [] })
    expect((await getPreferences(c.spaceMod.actor)).reviewEmail).toBe('IMMEDIATE')
    await savePreferences(c.reader.actor, { discussionEmail: 'IMMEDIATE', reviewEmail: 'IMMEDIATE', spaces: [] })
    expect((await db.user.findUniqueOrThrow({ where: { id: c.reader.user.id } })).moderationEmail).toBe('NONE')
  })

  it('sends a moderator who asked one mail per new item, with a link to it and to the setting', async () => {
    const c = await cast()
    await db.user.update({ where: { id: c.platformMod.user.id }, data: { moderationEmail: 'IMMEDIATE' } })
    const t = await thread(c.author.actor, c.space.id, 'Barajlar ve nehirler')
    await reportPost(c.reader.actor, t.postId, { reason: 'ABUSE', note: '' })
    const mail = await caught.smtp.waitFor((m) => m.to.includes(c.platformMod.user.email))
    expect(mail.subject).toBe('New item to review')
    expect(mail.text).toContain('A post in “Barajlar ve nehirler” in')
    expect(mail.text).toContain(`/threads/${t.threadId}/posts/1/moderate`)
    expect(mail.text).toContain('/settings/notifications')
    expect(mail.text).not.toContain(c.reader.user.name)
  })
})
