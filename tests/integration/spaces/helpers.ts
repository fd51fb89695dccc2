/** Helpers shared by the spaces tests (not a test file itself). */
import { randomBytes } from 'node:crypto'
import { db } from '../../../app/lib/db.server.ts'
import type { Actor } from '../../../app/lib/policy.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'

const unique = () => randomBytes(4).toString('hex')

export async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(userId)
  if (!actor) throw new Error(`no actor ${userId}`)
  return actor
}

export async function createSpace(
  overrides: Partial<{
    slug: string
    nameTr: string
    nameEn: string
    visibility: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'
    safeSpace: boolean
    archivedAt: Date | null
    position: number
    allowAnonymous: boolean
    rulesTr: string
    rulesEn: string
  }> = {},
) {
  const id = unique()
  return db.space.create({
    data: {
      slug: overrides.slug ?? `space-${id}`,
      nameTr: overrides.nameTr ?? `Alan ${id}`,
      nameEn: overrides.nameEn ?? `Space ${id}`,
      visibility: overrides.visibility ?? 'PUBLIC',
      safeSpace: overrides.safeSpace ?? false,
      archivedAt: overrides.archivedAt ?? null,
      position: overrides.position ?? 0,
      allowAnonymous: overrides.allowAnonymous ?? false,
      rulesTr: overrides.rulesTr ?? (overrides.safeSpace ? 'Gizlilik kuralları' : ''),
      rulesEn: overrides.rulesEn ?? (overrides.safeSpace ? 'Confidentiality rules' : ''),
    },
  })
}

/** A thread with its opening post, written straight to the database (posting is another area's). */
export async function createThread(
  spaceId: string,
  authorId: string | null,
  overrides: Partial<{
    title: string
    anonymous: boolean
    pinnedAt: Date | null
    hiddenAt: Date | null
    lastPostAt: Date
    lastPostNumber: number
  }> = {},
) {
  const lastPostAt = overrides.lastPostAt ?? new Date()
  const lastPostNumber = overrides.lastPostNumber ?? 1
  const thread = await db.thread.create({
    data: {
      spaceId,
      authorId,
      title: overrides.title ?? `Thread ${unique()}`,
      anonymous: overrides.anonymous ?? false,
      pinnedAt: overrides.pinnedAt ?? null,
      hiddenAt: overrides.hiddenAt ?? null,
      lastPostAt,
      lastPostNumber,
      postCount: lastPostNumber,
      posts: {
        create: { number: 1, path: '0000001', authorId, anonymous: overrides.anonymous ?? false, body: 'Hello', html: '<p>Hello</p>' },
      },
    },
  })
  await db.space.update({ where: { id: spaceId }, data: { threadCount: { increment: 1 }, lastActivityAt: lastPostAt } })
  return thread
}

export const auditRows = (spaceId: string) => db.auditLog.findMany({ where: { spaceId }, orderBy: { createdAt: 'asc' } })
