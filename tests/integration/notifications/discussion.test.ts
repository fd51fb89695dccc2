/** Who hears about a new post or thread, how the mail reads, and who is left out. */
import { describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { deliver } from '../../../app/modules/notifications/discussion.server.ts'
import { announce } from '../../../app/modules/notifications/notifications.server.ts'
import { postRef } from '../../../app/modules/discussions/refs.server.ts'
import { addMember, createOrg } from '../../support/factories.ts'
import { mailWorkerForFile } from '../../support/mail-worker.ts'
import { listHeaders } from './mail.ts'
import {
  createReply,
  createSpace,
  createThread,
  enterSafeSpace,
  join,
  mailsTo,
  notificationsOf,
  notifyPost,
  notifyThread,
  person,
} from './helpers.ts'

// The job worker alone delivers the mail; these rules need no HTTP server.
const caught = mailWorkerForFile()

const kinds = async (userId: string) => (await notificationsOf(userId)).map((n) => n.kind)

describe('replies and mentions', () => {
  it('tells the parent post’s author, by notification and an immediate mail with an excerpt and unsubscribe headers', async () => {
    const space = await createSpace({ nameEn: 'Water Rights' })
    const ayse = await person({ name: 'Ayşe Kaya' })
    const deniz = await person({ name: 'Deniz Ak' })
    const { thread } = await createThread(space.id, ayse.id, 'Dams and rivers', 'Opening words')
    const first = await createReply(thread.id, deniz.id, 'A first reply by Deniz')
    const answer = await createReply(thread.id, ayse.id, `Thanks Deniz! ${'Long text. '.repeat(60)}`, { parentNumber: first.number })
    expect(await notifyPost(answer.id)).toEqual([deniz.id])
    const [n] = await notificationsOf(deniz.id)
    expect(n).toMatchObject({ kind: 'post.replied', postId: answer.id, digestPending: false })
    expect(n.data).toMatchObject({
      threadId: thread.id,
      threadTitle: 'Dams and rivers',
      postNumber: answer.number,
      userName: 'Ayşe Kaya',
      safe: false,
    })
    expect(await kinds(ayse.id)).toEqual([]) // never the author themself

    const mail = await caught.smtp.waitFor((m) => m.to.includes(deniz.email))
    expect(mail.subject).toBe('Ayşe Kaya replied to you')
    expect(mail.text).toContain('Ayşe Kaya replied to your post in “Dams and rivers” in Water Rights.')
    expect(mail.text).toContain('“Thanks Deniz! Long text.')
    expect(mail.text).not.toContain('Long text. '.repeat(40)) // an excerpt, not the whole body
    expect(mail.text).toContain(`/threads/${thread.id}/posts/${answer.number}`)
    const list = listHeaders(mail)
    expect(list.unsubscribe).toMatch(/^https?:\/\/[^>]+\/unsubscribe\?token=[\w.-]+$/)
    expect(list.post).toBe('List-Unsubscribe=One-Click')
    const link = list.unsubscribe!
    expect(mail.text).toContain(link) // and visible in the mail itself
    expect(mail.html).toContain(link.replace(/&/g, '&amp;'))
  })

  it('tells the thread’s author about a top-level reply, in their own language', async () => {
    const space = await createSpace({ nameTr: 'Su Hakları' })
    const ayse = await person({ name: 'Ayşe', locale: 'tr' })
    const deniz = await person({ name: 'Deniz' })
    const { thread } = await createThread(space.id, ayse.id, 'Barajlar', 'Açılış')
    const reply = await createReply(thread.id, deniz.id, 'Katılıyorum')
    expect(await notifyPost(reply.id)).toEqual([ayse.id])
    const mail = await caught.smtp.waitFor((m) => m.to.includes(ayse.email))
    expect(mail.subject).toBe('Deniz size yanıt verdi')
    expect(mail.text).toContain('Deniz, Su Hakları alanındaki “Barajlar” konusundaki gönderinize yanıt verdi.')
  })

  it('gives one notification and one mail to someone both replied to and mentioned in the same post (the mention)', async () => {
    const space = await createSpace()
    const ayse = await person()
    const deniz = await person({ handle: 'deniz-ak' })
    const { thread, post } = await createThread(space.id, deniz.id, 'Topic', 'Opening')
    const reply = await createReply(thread.id, ayse.id, 'Hi @deniz-ak, see above @deniz-ak', { parentNumber: post.number })
    expect(await notifyPost(reply.id)).toEqual([deniz.id])
    expect(await kinds(deniz.id)).toEqual(['post.mentioned'])
    // Run again (a retried hook): still one, and nothing new to announce.
    expect(await notifyPost(reply.id)).toEqual([])
    expect(await kinds(deniz.id)).toEqual(['post.mentioned'])
    await caught.smtp.waitFor((m) => m.to.includes(deniz.email))
    await new Promise((r) => setTimeout(r, 1000))
    expect(caught.smtp.messages.filter((m) => m.to.includes(deniz.email))).toHaveLength(1)
    expect(await mailsTo(deniz.id)).toHaveLength(1)
  })

  it('tells an organization’s active admins when it is mentioned, not its members or pending admins', async () => {
    const space = await createSpace()
    const org = await createOrg({ slug: `kuzey-${Date.now()}`, name: 'Kuzey Ekoloji' })
    const [admin, member, pending, author] = await Promise.all([person(), person(), person(), person({ name: 'Can' })])
    await addMember(admin.id, org.id, 'ADMIN')
    await addMember(member.id, org.id, 'MEMBER')
    await addMember(pending.id, org.id, 'ADMIN', 'PENDING')
    const { thread } = await createThread(space.id, author.id, 'Topic', 'Opening')
    const reply = await createReply(thread.id, author.id, `What does @${org.slug} think?`)
    expect(await notifyPost(reply.id)).toEqual([admin.id])
    const [n] = await notificationsOf(admin.id)
    expect(n.kind).toBe('org.mentioned')
    expect(n.data).toMatchObject({ orgId: org.id, orgName: 'Kuzey Ekoloji', orgSlug: org.slug })
    const mail = await caught.smtp.waitFor((m) => m.to.includes(admin.email))
    expect(mail.subject).toBe('Can mentioned Kuzey Ekoloji')
  })

  it('never tells someone who cannot read a private space, however they are mentioned', async () => {
    const space = await createSpace({ visibility: 'PRIVATE' })
    const [author, outsider, invited, viaOrg] = await Promise.all([person(), person(), person(), person()])
    const org = await createOrg()
    await addMember(viaOrg.id, org.id)
    await db.spaceInvitation.createMany({
      data: [
        { spaceId: space.id, userId: author.id },
        { spaceId: space.id, userId: invited.id },
        { spaceId: space.id, orgId: org.id },
      ],
    })
    const { thread } = await createThread(space.id, author.id, 'Secret plans', 'Opening')
    const reply = await createReply(thread.id, author.id, `@${outsider.handle} @${invited.handle} @${viaOrg.handle}`)
    expect((await notifyPost(reply.id)).sort()).toEqual([invited.id, viaOrg.id].sort())
    expect(await kinds(outsider.id)).toEqual([])
    expect(await mailsTo(outsider.id)).toEqual([])
  })

  it('says “an anonymous member” for an anonymous post', async () => {
    const space = await createSpace()
    const [ayse, anon] = await Promise.all([person(), person({ name: 'Hidden Name' })])
    const { thread } = await createThread(space.id, ayse.id, 'Topic', 'Opening')
    const reply = await createReply(thread.id, anon.id, 'Said quietly', { anonymous: true })
    await notifyPost(reply.id)
    const [n] = await notificationsOf(ayse.id)
    expect(n.data).toMatchObject({ userName: '' })
    const mail = await caught.smtp.waitFor((m) => m.to.includes(ayse.email))
    expect(mail.subject).toBe('An anonymous member replied to you')
    expect(mail.text).not.toContain('Hidden Name')
  })
})

describe('new threads', () => {
  it('tells the space’s followers who can read it, not the author, nor members who stopped following', async () => {
    const space = await createSpace({ nameEn: 'Funding' })
    const [author, follower, quiet, stranger] = await Promise.all([person({ name: 'Elif' }), person(), person(), person()])
    await join(space.id, author.id)
    await join(space.id, follower.id)
    await join(space.id, quiet.id, { following: false })
    const { thread } = await createThread(space.id, author.id, 'Grant deadlines', 'Who applies?')
    expect(await notifyThread(thread.id)).toEqual([follower.id])
    expect(await kinds(follower.id)).toEqual(['thread.created'])
    expect(await kinds(quiet.id)).toEqual([])
    expect(await kinds(stranger.id)).toEqual([])
    expect(await kinds(author.id)).toEqual([])
    const mail = await caught.smtp.waitFor((m) => m.to.includes(follower.email))
    expect(mail.subject).toBe('New thread in Funding: Grant deadlines')
    expect(mail.text).toContain('“Who applies?”')
    // Mail from following a space offers to stop that space's mail.
    expect(mail.text).toContain('You receive this because you follow this space.')
  })

  it('mentions in the opening post win over “new thread”', async () => {
    const space = await createSpace()
    const [author, follower] = await Promise.all([person(), person()])
    await join(space.id, follower.id)
    const { thread } = await createThread(space.id, author.id, 'Topic', `Hello @${follower.handle}`)
    await notifyThread(thread.id)
    expect(await kinds(follower.id)).toEqual(['post.mentioned'])
  })
})

describe('mail preferences', () => {
  async function replyTo(recipient: { id: string }, space?: { id: string }) {
    const s = space ?? (await createSpace())
    const author = await person()
    const { thread } = await createThread(s.id, recipient.id, 'Topic', 'Opening')
    const reply = await createReply(thread.id, author.id, 'A reply')
    await notifyPost(reply.id)
    return (await notificationsOf(recipient.id)).at(-1)!
  }

  it('daily and weekly wait for the digest; none sends nothing; all still notify in-app', async () => {
    for (const discussionEmail of ['DAILY', 'WEEKLY'] as const) {
      const u = await person()
      await db.user.update({ where: { id: u.id }, data: { discussionEmail } })
      expect(await replyTo(u)).toMatchObject({ kind: 'post.replied', digestPending: true })
      expect(await mailsTo(u.id)).toEqual([])
    }
    const none = await person()
    await db.user.update({ where: { id: none.id }, data: { discussionEmail: 'NONE' } })
    expect(await replyTo(none)).toMatchObject({ kind: 'post.replied', digestPending: false })
    expect(await mailsTo(none.id)).toEqual([])
  })

  it('a space’s own setting overrides the person’s, both ways', async () => {
    const daily = await person()
    await db.user.update({ where: { id: daily.id }, data: { discussionEmail: 'DAILY' } })
    const urgent = await createSpace()
    await join(urgent.id, daily.id, { email: 'IMMEDIATE' })
    expect(await replyTo(daily, urgent)).toMatchObject({ digestPending: false })
    expect(await mailsTo(daily.id)).toHaveLength(1)

    const immediate = await person()
    const muted = await createSpace()
    await join(muted.id, immediate.id, { email: 'NONE' })
    expect(await replyTo(immediate, muted)).toMatchObject({ digestPending: false })
    expect(await mailsTo(immediate.id)).toEqual([])
    // ...and DEFAULT follows the person's own
    const plain = await createSpace()
    await join(plain.id, immediate.id, { email: 'DEFAULT' })
    await replyTo(immediate, plain)
    expect(await mailsTo(immediate.id)).toHaveLength(1)
  })

  it('never mails unverified or suspended people, or people who turned notification mail off (in-app only)', async () => {
    const unverified = await person({ verified: false })
    const suspended = await person()
    await db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: new Date(Date.now() + 86_400_000) } })
    const optedOut = await person()
    await db.user.update({ where: { id: optedOut.id }, data: { notifyByEmail: false } })
    // An unverified account reads public spaces only, so that is where it is replied to.
    const open = await createSpace({ visibility: 'PUBLIC' })
    for (const u of [unverified, suspended, optedOut]) {
      expect(await replyTo(u, u === unverified ? open : undefined)).toMatchObject({ kind: 'post.replied', digestPending: false })
      expect(await mailsTo(u.id)).toEqual([])
    }
  })

  it('moderation decisions: always in-app, mailed at once even for digest readers, never with NONE, and may repeat for one post', async () => {
    const space = await createSpace()
    const daily = await person()
    await db.user.update({ where: { id: daily.id }, data: { discussionEmail: 'DAILY' } })
    const { post } = await createThread(space.id, daily.id, 'Topic', 'Opening')
    const ref = await postRef(db, post.id)
    expect(
      await db.$transaction((tx) => deliver(tx, daily.id, 'moderation.postHidden', { ...ref, reason: 'Off topic' }, { postId: post.id })),
    ).toBe(true)
    expect(await db.$transaction((tx) => deliver(tx, daily.id, 'moderation.postRestored', ref, { postId: post.id }))).toBe(true)
    announce([daily.id])
    expect(await kinds(daily.id)).toEqual(['moderation.postHidden', 'moderation.postRestored'])
    const mail = await caught.smtp.waitFor((m) => m.to.includes(daily.email) && m.text.includes('hid your post'))
    expect(mail.subject).toBe('A decision by the moderators')
    expect(mail.text).toContain('A moderator hid your post in “Topic” in')
    expect(mail.text).toContain('“Off topic”')

    const none = await person()
    await db.user.update({ where: { id: none.id }, data: { discussionEmail: 'NONE' } })
    await db.$transaction((tx) => deliver(tx, none.id, 'moderation.postHidden', ref, { postId: post.id }))
    expect(await kinds(none.id)).toEqual(['moderation.postHidden'])
    expect(await mailsTo(none.id)).toEqual([])
  })
})

describe('safe spaces', () => {
  it('mails only that there is news and a link: no title, no text, no space name, no names', async () => {
    const space = await createSpace({ safeSpace: true, nameEn: 'Shelter Workers Circle', nameTr: 'Sığınak Çalışanları Çemberi' })
    const [ayse, deniz] = await Promise.all([person({ name: 'Ayşe Gizli' }), person({ name: 'Deniz Saklı' })])
    await join(space.id, deniz.id)
    for (const u of [ayse, deniz]) await enterSafeSpace(space.id, u.id)
    const { thread, post } = await createThread(space.id, ayse.id, 'Confidential burnout story', 'I could not sleep for weeks')
    await notifyThread(thread.id)
    const reply = await createReply(thread.id, deniz.id, `@${ayse.handle} the secret detail`, { parentNumber: post.number })
    await notifyPost(reply.id)

    const [toDeniz] = await notificationsOf(deniz.id)
    // In-app too: neither the title nor who wrote (docs/decisions/012-safe-spaces.md).
    expect(toDeniz.data).toMatchObject({ threadTitle: '', userName: '', safe: true })
    for (const u of [deniz, ayse]) {
      const mail = await caught.smtp.waitFor((m) => m.to.includes(u.email))
      expect(mail.subject).toBe('New activity in a safe space you take part in')
      const other = u === ayse ? 'Deniz Saklı' : 'Ayşe Gizli' // the greeting names the recipient, no one else
      for (const secret of ['Confidential', 'burnout', 'sleep', 'secret detail', 'Shelter', 'Sığınak', other])
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain(secret)
      expect(mail.text).toContain(`/threads/${thread.id}/posts/`)
      expect(listHeaders(mail).unsubscribe).toBeTruthy()
    }
  })
})
