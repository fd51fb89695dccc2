/** Spaces, threads and posts written straight into the database, and the notification hooks run on them. */
import { randomBytes } from 'node:crypto'
import { db } from '../../../app/lib/db.server.ts'
import { childPath } from '../../../app/modules/discussions/path.ts'
import { notifyNewPost, notifyNewThread } from '../../../app/modules/notifications/discussion.server.ts'
import { announce } from '../../../app/modules/notifications/notifications.server.ts'
import { addMember, createOrg, createUser } from '../../support/factories.ts'

const unique = () => randomBytes(4).toString('hex')

export async function person(overrides: Parameters<typeof createUser>[0] & { handle?: string } = {}) {
  const { handle, ...rest } = overrides
  const user = await createUser(rest)
  const h = handle ?? `kisi-${unique()}`
  await db.user.update({ where: { id: user.id }, data: { handle: h } })
  return { ...user, handle: h }
}

export function createSpace(
  overrides: Partial<{ visibility: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'; safeSpace: boolean; nameTr: string; nameEn: string }> = {},
) {
  const id = unique()
  return db.space.create({
    data: {
      slug: `alan-${id}`,
      nameTr: overrides.nameTr ?? `Çevre Alanı ${id}`,
      nameEn: overrides.nameEn ?? `Environment Space ${id}`,
      visibility: overrides.visibility ?? 'MEMBERS',
      safeSpace: overrides.safeSpace ?? false,
    },
  })
}

export function join(
  spaceId: string,
  userId: string,
  data: Partial<{ following: boolean; email: 'DEFAULT' | 'IMMEDIATE' | 'DAILY' | 'WEEKLY' | 'NONE' }> = {},
) {
  return db.spaceMember.create({ data: { spaceId, userId, following: data.following ?? true, email: data.email ?? 'DEFAULT' } })
}

/** A visible thread with its opening post (number 1). */
export async function createThread(spaceId: string, authorId: string, title: string, body: string, opts: { anonymous?: boolean } = {}) {
  const thread = await db.thread.create({
    data: { spaceId, authorId, title, lastPostNumber: 1, postCount: 1, anonymous: opts.anonymous ?? false },
  })
  const post = await db.post.create({
    data: {
      threadId: thread.id,
      number: 1,
      path: childPath(null, 1),
      authorId,
      body,
      html: `<p>${body}</p>`,
      anonymous: opts.anonymous ?? false,
    },
  })
  return { thread, post }
}

/** A visible reply: to the post `parentNumber`, or top-level when it is missing. */
export async function createReply(
  threadId: string,
  authorId: string,
  body: string,
  opts: { parentNumber?: number; anonymous?: boolean } = {},
) {
  const thread = await db.thread.update({ where: { id: threadId }, data: { lastPostNumber: { increment: 1 } } })
  const number = thread.lastPostNumber
  const parent = opts.parentNumber
    ? await db.post.findUniqueOrThrow({ where: { threadId_number: { threadId, number: opts.parentNumber } } })
    : null
  return db.post.create({
    data: {
      threadId,
      number,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, number),
      depth: parent ? parent.depth + 1 : 0,
      authorId,
      anonymous: opts.anonymous ?? false,
      body,
      html: `<p>${body}</p>`,
    },
  })
}

/** What posting does: notify inside the transaction, announce after commit. */
export async function notifyPost(postId: string) {
  const ids = await db.$transaction((tx) => notifyNewPost(tx, postId))
  announce(ids)
  return ids
}

export async function notifyThread(threadId: string) {
  const ids = await db.$transaction((tx) => notifyNewThread(tx, threadId))
  announce(ids)
  return ids
}

export function notificationsOf(userId: string) {
  return db.notification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })
}

export function mailsTo(userId: string) {
  return db.outboxMail.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })
}

/** Makes the person one of a safe space's readers: a member of an approved organization who accepted its rules. */
export async function enterSafeSpace(spaceId: string, userId: string) {
  await addMember(userId, (await createOrg()).id)
  await db.spaceMember.upsert({
    where: { spaceId_userId: { spaceId, userId } },
    update: { rulesAcceptedAt: new Date() },
    create: { spaceId, userId, rulesAcceptedAt: new Date() },
  })
}
