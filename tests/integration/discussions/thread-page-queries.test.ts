/**
 * The signed-in thread page's SQL (issue 9, item 1): the whole request — the root loader (session, actor,
 * the bell's unread count) and the thread page's loader (thread, access, read mark, draft, posts with
 * authors, reactions and the reader's own ones) — sends at most 4 statements, so at most 4 round trips.
 * Counted with Prisma's query events on a client that stands in for the app's for the duration.
 */
import { PrismaPg } from '@prisma/adapter-pg'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterEach, describe, expect, it } from 'vitest'
import { PrismaClient } from '../../../app/generated/prisma/client.ts'
import { db } from '../../../app/lib/db.server.ts'
import { inRequestScope } from '../../../app/lib/request-scope.server.ts'
import { createSession, loadActor } from '../../../app/modules/auth/session.server.ts'
import { saveDraft } from '../../../app/modules/discussions/drafts.server.ts'
import { toggleReaction } from '../../../app/modules/discussions/posting.server.ts'
import { flushReadMarks } from '../../../app/modules/discussions/read-marks.server.ts'
import { loader as rootLoader } from '../../../app/root.tsx'
import { loader as threadLoader } from '../../../app/routes/threads.$id._index.tsx'
import { createSpace, makeSpaceModerator, person, reply, thread } from './helpers.ts'

const g = globalThis as unknown as { __birlikte: Record<string, unknown> }
let restore: (() => Promise<void>) | null = null
afterEach(async () => {
  await restore?.()
  restore = null
})

/** Every statement the app sends from now on, through a logging client in place of its own. */
function recordStatements() {
  const statements: string[] = []
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 20 }),
    log: [{ emit: 'event', level: 'query' }],
  })
  client.$on('query', (e) => statements.push(e.query.replace(/\s+/g, ' ').slice(0, 120)))
  const own = g.__birlikte.prisma
  g.__birlikte.prisma = client
  restore = async () => {
    g.__birlikte.prisma = own
    await client.$disconnect()
  }
  return statements
}

/**
 * One signed-in document request as Remix serves it: the root's and the route's loaders at once, each
 * with its own copy of the Request (Remix makes one per loader), in the request's scope as Express runs it.
 */
async function request(cookie: string, path: string) {
  const make = () => new Request(`http://localhost${path}`, { headers: { cookie } })
  const threadId = path.split('/')[2].split('?')[0]
  const args = (r: Request) => ({ request: r, params: { id: threadId }, context: {} }) as unknown as LoaderFunctionArgs
  const [root, page] = await inRequestScope(() => Promise.all([rootLoader(args(make())), threadLoader(args(make()))]))
  return { root, page: page.data }
}

async function signedIn(userId: string) {
  const { session } = await createSession(new Request('http://localhost/login'), userId, true)
  return `birlikte_session=${session.id}`
}

describe('signed-in thread page', () => {
  it('costs at most 4 statements, with reactions, a draft, a deep branch and unread notifications', async () => {
    const space = await createSpace({ visibility: 'PRIVATE' })
    const { user: author } = await person()
    const authorActor = await makeSpaceModerator(space.id, author.id)
    const t = await thread(authorActor, space.id)
    const { user: reader } = await person()
    await db.spaceInvitation.create({ data: { spaceId: space.id, userId: reader.id } })
    const readerActor = (await loadActor(reader.id))!
    let parent: number | undefined
    for (let i = 0; i < 6; i++) parent = (await reply(i % 2 ? readerActor : authorActor, t.threadId, `yanıt ${i}`, parent)).number
    const first = await db.post.findUniqueOrThrow({ where: { threadId_number: { threadId: t.threadId, number: 2 } } })
    await toggleReaction(readerActor, { postId: first.id, kind: 'like' })
    await toggleReaction(authorActor, { postId: first.id, kind: 'like' })
    await saveDraft(reader.id, `reply:${t.threadId}`, { title: '', body: 'yarım kalan yanıt' })
    await db.notification.createMany({ data: [0, 1, 2].map(() => ({ userId: reader.id, kind: 'test' })) })
    const cookie = await signedIn(reader.id)
    const path = `/threads/${t.threadId}?page=1`
    await request(cookie, path) // the session's first use writes "last seen"
    await flushReadMarks()

    const statements = recordStatements()
    const { root, page } = await request(cookie, path)
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4)
    // The session once for both loaders (app/lib/request-scope.server.ts).
    expect(
      statements.filter((q) => q.includes('s."userId", s."expiresAt"')),
      statements.join('\n'),
    ).toHaveLength(1)

    expect(root.unread).toBe(3)
    expect(page.restored).toBe(true)
    expect(page.defaultBody).toBe('yarım kalan yanıt')
    expect(page.rulesPending).toBe(false)
    expect(page.posts.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6])
    expect(page.posts.find((p) => p.number === 6)?.continueCount).toBe(1)
    expect(page.posts.find((p) => p.number === 2)?.reactions.find((r) => r.kind === 'like')?.count).toBe(2)
    expect(page.viewer.reactions[first.id]).toEqual(['like'])
    expect(page.viewer.ownPostIds).toHaveLength(2)
  })
})
