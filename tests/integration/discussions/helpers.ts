/** Helpers shared by the discussion tests (not a test file itself). */
import { randomBytes, randomUUID } from 'node:crypto'
import { db } from '../../../app/lib/db.server.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { createReply, createThread } from '../../../app/modules/discussions/posting.server.ts'
import { createUser } from '../../support/factories.ts'

export const key = () => randomUUID()

export async function createSpace(
  overrides: Partial<{
    visibility: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'
    safeSpace: boolean
    allowAnonymous: boolean
    approveNewPosts: boolean
    archived: boolean
  }> = {},
) {
  const id = randomBytes(4).toString('hex')
  return db.space.create({
    data: {
      slug: `alan-${id}`,
      nameTr: `Tartışma alanı ${id}`,
      nameEn: `Discussion space ${id}`,
      visibility: overrides.visibility ?? 'MEMBERS',
      safeSpace: overrides.safeSpace ?? false,
      allowAnonymous: overrides.allowAnonymous ?? false,
      approveNewPosts: overrides.approveNewPosts ?? false,
      archivedAt: overrides.archived ? new Date() : null,
      rulesTr: 'Gizlilik ve saygı.',
      rulesEn: 'Confidentiality and respect.',
    },
  })
}

/** A user and the policy actor the app would build for them. */
export async function person(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides)
  return { user, actor: (await loadActor(user.id))! }
}

export async function makeSpaceModerator(spaceId: string, userId: string) {
  await db.spaceMember.upsert({
    where: { spaceId_userId: { spaceId, userId } },
    update: { role: 'MODERATOR' },
    create: { spaceId, userId, role: 'MODERATOR' },
  })
  return (await loadActor(userId))!
}

export async function acceptRules(spaceId: string, userId: string) {
  await db.spaceMember.upsert({
    where: { spaceId_userId: { spaceId, userId } },
    update: { rulesAcceptedAt: new Date() },
    create: { spaceId, userId, rulesAcceptedAt: new Date() },
  })
}

type Actor = NonNullable<Awaited<ReturnType<typeof loadActor>>>

export async function thread(actor: Actor, spaceId: string, title = 'Gönüllülerle çalışmak', body = 'İlk mesaj: nasıl başlıyoruz?') {
  return createThread(actor, { spaceId, title, body, clientKey: key() })
}

export async function reply(actor: Actor, threadId: string, body: string, parentNumber?: number) {
  return createReply(actor, { threadId, body, parentNumber, clientKey: key() })
}

/** Expects the promise to fail with a DiscussionError/DiscussionInputError/ForbiddenError; returns it. */
export async function failure(
  p: Promise<unknown>,
): Promise<Error & { key?: string; field?: string; status?: number; errors?: Record<string, { key: string }[]> }> {
  try {
    await p
  } catch (e) {
    return e as Error
  }
  throw new Error('expected a failure')
}

export async function snapshotCounts() {
  const [posts, threads, reactions, revisions, drafts] = await Promise.all([
    db.post.count(),
    db.thread.count(),
    db.reaction.count(),
    db.postRevision.count(),
    db.draft.count(),
  ])
  return { posts, threads, reactions, revisions, drafts }
}
