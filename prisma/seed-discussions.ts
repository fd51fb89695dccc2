/**
 * Seeds the demo spaces and their conversations (prisma/demo-discussions.ts). Written straight to the
 * tables rather than through the posting module, so loading demo data sends no notifications or mail;
 * numbers, paths and counters follow the same rules (app/modules/discussions/path.ts).
 */
import { db } from '../app/lib/db.server.ts'
import { renderPost } from '../app/modules/content/markdown.server.ts'
import { assignHandle } from '../app/modules/content/mentions.server.ts'
import { childPath } from '../app/modules/discussions/path.ts'
import { DEMO_SPACES, DEMO_THREADS, SAFE_SPACE_RULES, type DemoReply } from './demo-discussions.ts'

const HOUR = 3_600_000
const POST_GAP = 47 * 60_000

export async function seedDiscussions() {
  const users = new Map((await db.user.findMany({ select: { id: true, email: true, name: true } })).map((u) => [u.email, u]))
  for (const u of users.values()) await assignHandle(db, u.id, u.name)
  const themeIds = new Map((await db.theme.findMany({ select: { id: true, slug: true } })).map((t) => [t.slug, t.id]))
  const userId = (email: string) => users.get(email)!.id

  for (const [position, s] of DEMO_SPACES.entries()) {
    const existing = await db.space.findUnique({ where: { slug: s.slug }, select: { id: true } })
    if (existing) continue
    const space = await db.space.create({
      data: {
        slug: s.slug,
        nameTr: s.nameTr,
        nameEn: s.nameEn,
        descriptionTr: s.descriptionTr,
        descriptionEn: s.descriptionEn,
        icon: s.icon,
        color: s.color,
        visibility: s.visibility,
        safeSpace: !!s.safeSpace,
        rulesTr: s.safeSpace ? SAFE_SPACE_RULES.tr : '',
        rulesEn: s.safeSpace ? SAFE_SPACE_RULES.en : '',
        approveNewPosts: !!s.approveNewPosts,
        allowAnonymous: !!s.allowAnonymous,
        position,
        createdById: userId('admin@birlikte.local'),
        themes: { create: s.themes.map((slug) => ({ themeId: themeIds.get(slug)! })) },
      },
    })
    for (const slug of s.invitedOrgs ?? []) {
      const org = await db.organization.findUnique({ where: { slug }, select: { id: true } })
      if (org) await db.spaceInvitation.create({ data: { spaceId: space.id, orgId: org.id, invitedById: userId('admin@birlikte.local') } })
    }
    for (const email of s.moderators ?? []) {
      await db.spaceMember.create({ data: { spaceId: space.id, userId: userId(email), role: 'MODERATOR', following: true } })
    }
  }

  const spaces = new Map((await db.space.findMany({ select: { id: true, slug: true, safeSpace: true } })).map((s) => [s.slug, s]))
  // Threads start a few days back, oldest first, so the lists show a plausible spread of activity; each
  // post comes 47 minutes after the one before. Every time is in the past when the seed runs: the start
  // leaves room for the longest tail of posts, ending at least half an hour ago (issue 10, item 8.12).
  const postsIn = (replies: DemoReply[] | undefined): number => (replies ?? []).reduce((n, r) => n + 1 + postsIn(r.replies), 0)
  const seededAt = Date.now()
  let clock = Math.min(...DEMO_THREADS.map((t, i) => seededAt - 30 * 60_000 - (i + 1) * 20 * HOUR - (1 + postsIn(t.replies)) * POST_GAP))
  for (const t of DEMO_THREADS) {
    const space = spaces.get(t.space)!
    if (await db.thread.findFirst({ where: { spaceId: space.id, title: t.title }, select: { id: true } })) continue
    await db.$transaction(async (tx) => {
      clock += 20 * HOUR
      const started = new Date(clock)
      const thread = await tx.thread.create({
        data: {
          spaceId: space.id,
          authorId: userId(t.author),
          anonymous: !!t.anonymous,
          title: t.title,
          pinnedAt: t.pinned ? started : null,
          createdAt: started,
          lastPostAt: started,
          themes: { create: t.themes.map((slug) => ({ themeId: themeIds.get(slug)! })) },
        },
      })
      let number = 0
      let at = started.getTime()
      const authors = new Set<string>()
      async function addPost(author: string, body: string, anonymous: boolean, parent: { id: string; path: string; depth: number } | null) {
        number += 1
        at += POST_GAP
        authors.add(author)
        const { html } = await renderPost(tx, body)
        const path = childPath(parent?.path ?? null, number)
        const post = await tx.post.create({
          data: {
            threadId: thread.id,
            number,
            parentId: parent?.id ?? null,
            path,
            depth: parent ? parent.depth + 1 : 0,
            authorId: userId(author),
            anonymous,
            body,
            html,
            createdAt: new Date(at),
          },
          select: { id: true, path: true, depth: true },
        })
        if (parent) await tx.post.update({ where: { id: parent.id }, data: { replyCount: { increment: 1 } } })
        return post
      }
      async function addReplies(replies: DemoReply[] | undefined, parent: { id: string; path: string; depth: number } | null) {
        for (const r of replies ?? []) {
          const post = await addPost(r.author, r.body, !!r.anonymous, parent)
          await addReplies(r.replies, post)
        }
      }
      await addPost(t.author, t.body, !!t.anonymous, null)
      await addReplies(t.replies, null)
      const last = new Date(at)
      await tx.thread.update({ where: { id: thread.id }, data: { lastPostNumber: number, postCount: number, lastPostAt: last } })
      await tx.space.update({
        where: { id: space.id },
        data: { threadCount: { increment: 1 }, postCount: { increment: number }, lastActivityAt: last },
      })
      for (const email of authors) {
        await tx.spaceMember.upsert({
          where: { spaceId_userId: { spaceId: space.id, userId: userId(email) } },
          update: space.safeSpace ? { rulesAcceptedAt: started } : {},
          create: { spaceId: space.id, userId: userId(email), following: false, rulesAcceptedAt: space.safeSpace ? started : null },
        })
      }
    })
  }
}
