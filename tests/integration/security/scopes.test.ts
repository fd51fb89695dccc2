/**
 * A list and `can` cannot disagree: for random people (roles, verification, suspension, organizations,
 * session or token) and random spaces, threads and posts, the policy's list scopes select exactly the
 * rows `can` allows one at a time. A rule changed on one side only fails here.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { can, listedSpaces, readableSpaces, readableThreads, visiblePosts, type Actor } from '../../../app/lib/policy.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { spaceTargets, toPostTarget, toThreadTarget } from '../../../app/modules/spaces/access.server.ts'
import { createOrg, createUser } from '../../support/factories.ts'

const bool = fc.boolean()
const person = fc.record({
  role: fc.constantFrom('MEMBER', 'MEMBER', 'MODERATOR', 'ADMIN'),
  verified: fc.boolean(),
  suspended: fc.boolean(),
  // membership in [approved org, pending org]: none, pending or active
  orgs: fc.tuple(fc.constantFrom(null, 'PENDING', 'ACTIVE'), fc.constantFrom(null, 'ACTIVE')),
})
const space = fc.record({
  visibility: fc.constantFrom('PUBLIC', 'MEMBERS', 'PRIVATE'),
  safeSpace: bool,
  archived: bool,
  invitedOrgs: fc.tuple(bool, bool),
  /** per person (by index, cycled): invited personally, rules accepted, moderates this space */
  people: fc.array(fc.record({ invited: bool, accepted: bool, moderates: fc.boolean() }), { maxLength: 4 }),
  threads: fc.array(
    fc.record({
      hidden: bool,
      posts: fc.array(fc.record({ status: fc.constantFrom('VISIBLE', 'PENDING', 'HIDDEN'), author: fc.nat(3) }), { maxLength: 3 }),
    }),
    { maxLength: 2 },
  ),
})
const world = fc.record({
  people: fc.array(person, { minLength: 1, maxLength: 4 }),
  spaces: fc.array(space, { minLength: 1, maxLength: 4 }),
})
type World = typeof world extends fc.Arbitrary<infer W> ? W : never

const created: { users: string[]; orgs: string[]; spaces: string[] } = { users: [], orgs: [], spaces: [] }
let run = 0

async function build(w: World) {
  const [approved, pending] = [await createOrg(), await createOrg({ status: 'PENDING' })]
  created.orgs.push(approved.id, pending.id)
  const users = []
  for (const p of w.people) {
    const u = await createUser({ role: p.role as Actor['role'], verified: p.verified })
    if (p.suspended) await db.user.update({ where: { id: u.id }, data: { suspendedUntil: new Date(Date.now() + 3_600_000) } })
    if (p.orgs[0]) await db.membership.create({ data: { userId: u.id, orgId: approved.id, status: p.orgs[0] as 'ACTIVE' | 'PENDING' } })
    if (p.orgs[1]) await db.membership.create({ data: { userId: u.id, orgId: pending.id, status: 'ACTIVE' } })
    users.push(u)
    created.users.push(u.id)
  }
  for (const [i, s] of w.spaces.entries()) {
    const row = await db.space.create({
      data: {
        slug: `scope-${run}-${i}-${Date.now().toString(36)}`,
        nameTr: 'Alan',
        nameEn: 'Space',
        visibility: s.visibility as 'PUBLIC',
        safeSpace: s.safeSpace,
        archivedAt: s.archived ? new Date() : null,
      },
    })
    created.spaces.push(row.id)
    for (const [j, invited] of s.invitedOrgs.entries())
      if (invited) await db.spaceInvitation.create({ data: { spaceId: row.id, orgId: [approved, pending][j].id } })
    for (const [j, p] of s.people.entries()) {
      const user = users[j % users.length]
      if (p.invited)
        await db.spaceInvitation.upsert({
          where: { spaceId_userId: { spaceId: row.id, userId: user.id } },
          update: {},
          create: { spaceId: row.id, userId: user.id },
        })
      if (p.accepted || p.moderates)
        await db.spaceMember.upsert({
          where: { spaceId_userId: { spaceId: row.id, userId: user.id } },
          update: {},
          create: {
            spaceId: row.id,
            userId: user.id,
            role: p.moderates ? 'MODERATOR' : 'MEMBER',
            rulesAcceptedAt: p.accepted ? new Date() : null,
          },
        })
    }
    for (const [k, t] of s.threads.entries()) {
      const thread = await db.thread.create({
        data: {
          spaceId: row.id,
          title: `T${k}`,
          authorId: users[0].id,
          hiddenAt: t.hidden ? new Date() : null,
          lastPostNumber: t.posts.length,
        },
      })
      for (const [n, p] of t.posts.entries())
        await db.post.create({
          data: {
            threadId: thread.id,
            number: n + 1,
            path: String(n + 1).padStart(6, '0'),
            body: 'x',
            html: '<p>x</p>',
            status: p.status as 'VISIBLE',
            authorId: users[p.author % users.length].id,
          },
        })
    }
  }
  return users
}

async function cleanUp() {
  await db.space.deleteMany({ where: { id: { in: created.spaces } } })
  await db.user.deleteMany({ where: { id: { in: created.users } } })
  await db.organization.deleteMany({ where: { id: { in: created.orgs } } })
  created.users = []
  created.orgs = []
  created.spaces = []
}
afterAll(cleanUp)

const sorted = (ids: string[]) => [...ids].sort()

/** What `can` allows, row by row, over every space, thread and post of this run. */
async function oneByOne(actor: Actor | null) {
  const spaces = await db.space.findMany({
    where: { id: { in: created.spaces } },
    select: {
      id: true,
      visibility: true,
      safeSpace: true,
      archivedAt: true,
      threads: {
        select: {
          id: true,
          authorId: true,
          lockedAt: true,
          closedAt: true,
          hiddenAt: true,
          posts: { select: { id: true, authorId: true, status: true, deletedAt: true } },
        },
      },
    },
  })
  const targets = await spaceTargets(actor, spaces)
  const out = { spaces: [] as string[], listed: [] as string[], threads: [] as string[], posts: [] as string[] }
  for (const s of spaces) {
    const target = targets.get(s.id)!
    if (can(actor, 'space.view', target)) out.spaces.push(s.id)
    if (can(actor, 'space.view', target) || can(actor, 'space.acceptRules', target)) out.listed.push(s.id)
    for (const t of s.threads) {
      const tt = toThreadTarget(target, t)
      if (can(actor, 'thread.view', tt)) out.threads.push(t.id)
      for (const p of t.posts) if (can(actor, 'post.view', toPostTarget(tt, p))) out.posts.push(p.id)
    }
  }
  return out
}

async function asList(actor: Actor | null) {
  const mine = { id: { in: created.spaces } }
  const [spaces, listed, threads, posts] = await Promise.all([
    db.space.findMany({ where: { AND: [mine, readableSpaces(actor)] }, select: { id: true } }),
    db.space.findMany({ where: { AND: [mine, listedSpaces(actor)] }, select: { id: true } }),
    db.thread.findMany({ where: { AND: [{ spaceId: mine.id }, readableThreads(actor)] }, select: { id: true } }),
    db.post.findMany({ where: { AND: [{ thread: { spaceId: mine.id } }, visiblePosts(actor)] }, select: { id: true } }),
  ])
  return {
    spaces: spaces.map((r) => r.id),
    listed: listed.map((r) => r.id),
    threads: threads.map((r) => r.id),
    posts: posts.map((r) => r.id),
  }
}

describe('list scopes agree with can', () => {
  it('for random people, spaces, threads and posts', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        run++
        try {
          const users = await build(w)
          const actors: (Actor | null)[] = [null]
          for (const u of users) for (const via of ['session', 'token'] as const) actors.push(await loadActor(u.id, db, via))
          for (const actor of actors) {
            const [expected, listed] = [await oneByOne(actor), await asList(actor)]
            expect({
              spaces: sorted(listed.spaces),
              listed: sorted(listed.listed),
              threads: sorted(listed.threads),
              posts: sorted(listed.posts),
            }).toEqual({
              spaces: sorted(expected.spaces),
              listed: sorted(expected.listed),
              threads: sorted(expected.threads),
              posts: sorted(expected.posts),
            })
          }
        } finally {
          await cleanUp()
        }
      }),
      { numRuns: 40 },
    )
  }, 180_000)
})
