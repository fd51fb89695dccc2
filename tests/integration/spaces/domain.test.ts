/** The spaces domain: who sees which space, joining and following, rules, pages of threads, unread counts, access and audit. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { can, ForbiddenError, type Actor } from '../../../app/lib/policy.ts'
import {
  appointModerator,
  invite,
  listAccess,
  removeInvitation,
  removeModerator,
  searchPeople,
} from '../../../app/modules/spaces/access-admin.server.ts'
import { spaceFormSchema } from '../../../app/modules/spaces/form.ts'
import { listSpaces } from '../../../app/modules/spaces/list.server.ts'
import { createSpace as createSpaceAs, setArchived, updateSpace } from '../../../app/modules/spaces/manage.server.ts'
import {
  acceptRules,
  getSpaceBySlug,
  hasAcceptedRules,
  joinSpace,
  leaveSpace,
  mustAcceptRules,
  setFollowing,
  setSpaceEmail,
} from '../../../app/modules/spaces/space.server.ts'
import { listThreads } from '../../../app/modules/spaces/threads.server.ts'
import { SpaceError } from '../../../app/modules/spaces/errors.ts'
import { parseForm } from '../../../app/lib/forms.server.ts'
import { addMember, createCommunityMember, createOrg, createUser, ensureThemes } from '../../support/factories.ts'
import { actorOf, auditRows, createSpace, createThread } from './helpers.ts'

let admin: Actor, moderator: Actor, member: Actor, unverified: Actor, orgMember: Actor, invitedPerson: Actor
let spaces: Record<'open' | 'members' | 'private' | 'safe' | 'archived', Awaited<ReturnType<typeof createSpace>>>

beforeAll(async () => {
  await ensureThemes()
  admin = await actorOf((await createUser({ role: 'ADMIN' })).id)
  moderator = await actorOf((await createUser({ role: 'MODERATOR' })).id)
  member = await actorOf((await createUser()).id)
  unverified = await actorOf((await createUser({ verified: false })).id)
  const org = await createOrg()
  const om = await createUser()
  await addMember(om.id, org.id)
  orgMember = await actorOf(om.id)
  invitedPerson = await actorOf((await createUser()).id)
  spaces = {
    open: await createSpace({ nameEn: 'Open Space', nameTr: 'Açık Alan', position: 1 }),
    members: await createSpace({ visibility: 'MEMBERS', nameEn: 'Members Space', nameTr: 'Üyeler Alanı', position: 1 }),
    private: await createSpace({ visibility: 'PRIVATE', nameEn: 'Private Space', nameTr: 'Özel Alan', position: 2 }),
    safe: await createSpace({ safeSpace: true, nameEn: 'Safe Space', nameTr: 'Güvenli Alan', position: 3 }),
    archived: await createSpace({ archivedAt: new Date(), nameEn: 'Old Space', nameTr: 'Eski Alan' }),
  }
  await db.spaceInvitation.create({ data: { spaceId: spaces.private.id, orgId: org.id } })
  await db.spaceInvitation.create({ data: { spaceId: spaces.private.id, userId: invitedPerson.id } })
})

const ids = (items: { id: string }[]) => items.map((i) => i.id)
const mine = () => [spaces.open, spaces.members, spaces.private, spaces.safe].map((s) => s.id)

describe('who sees which space', () => {
  it('signed out: public spaces only, never a safe space', async () => {
    const { items } = await listSpaces(null, { locale: 'en' })
    expect(ids(items).filter((id) => mine().includes(id))).toEqual([spaces.open.id])
    const safe = await getSpaceBySlug(null, spaces.safe.slug)
    expect(can(null, 'space.view', safe!.target)).toBe(false)
  })

  it('a member of no organization: public and members spaces, not a safe space nor a private one they were not invited to', async () => {
    const { items } = await listSpaces(member, { locale: 'en' })
    expect(ids(items).filter((id) => mine().includes(id))).toEqual([spaces.members.id, spaces.open.id])
  })

  it('an unverified account: public spaces only', async () => {
    const { items } = await listSpaces(unverified, { locale: 'en' })
    expect(ids(items).filter((id) => mine().includes(id))).toEqual([spaces.open.id])
  })

  it('a member of an approved organization: the safe space is listed, and opens once its rules are accepted', async () => {
    const { items } = await listSpaces(orgMember, { locale: 'en' })
    expect(ids(items).filter((id) => mine().includes(id))).toEqual([spaces.members.id, spaces.open.id, spaces.private.id, spaces.safe.id])
    const found = await getSpaceBySlug(orgMember, spaces.safe.slug)
    expect(can(orgMember, 'space.view', found!.target)).toBe(false)
    expect(can(orgMember, 'space.acceptRules', found!.target)).toBe(true)
  })

  it('a private space through an organization invitation and through a personal one', async () => {
    for (const actor of [orgMember, invitedPerson]) {
      const { items } = await listSpaces(actor, { locale: 'en' })
      expect(ids(items)).toContain(spaces.private.id)
      const found = await getSpaceBySlug(actor, spaces.private.slug)
      expect(can(actor, 'space.view', found!.target)).toBe(true)
    }
  })

  it('platform moderators see every space', async () => {
    const { items } = await listSpaces(moderator, { locale: 'en' })
    expect(ids(items)).toEqual(expect.arrayContaining(mine()))
  })

  it('orders by position, then by name in the reader’s language', async () => {
    const en = ids((await listSpaces(member, { locale: 'en' })).items).filter((id) => mine().includes(id))
    // position 1: "Members Space" < "Open Space" in English, "Açık Alan" < "Üyeler Alanı" in Turkish.
    expect(en).toEqual([spaces.members.id, spaces.open.id])
    const tr = ids((await listSpaces(member, { locale: 'tr' })).items).filter((id) => mine().includes(id))
    expect(tr).toEqual([spaces.open.id, spaces.members.id])
  })

  it('hides archived spaces unless asked for them', async () => {
    expect(ids((await listSpaces(member)).items)).not.toContain(spaces.archived.id)
    expect(ids((await listSpaces(member, { archived: true })).items)).toEqual([spaces.archived.id])
  })

  it('pages through spaces with a cursor, without repeats or gaps', async () => {
    const all = ids((await listSpaces(moderator, { locale: 'tr', limit: 100 })).items)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof listSpaces>> = await listSpaces(moderator, { locale: 'tr', limit: 2, cursor })
      seen.push(...ids(page.items))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
    // Garbage is "from the start", not an error.
    expect(ids((await listSpaces(moderator, { locale: 'tr', limit: 100, cursor: 'not-a-cursor' })).items)).toEqual(all)
  })
})

describe('joining, following, mail and rules', () => {
  it('join, follow, mail setting and leave are idempotent', async () => {
    const a = await actorOf((await createUser()).id)
    const s = spaces.members.id
    await joinSpace(a, s)
    await joinSpace(a, s)
    expect(await db.spaceMember.count({ where: { spaceId: s, userId: a.id } })).toBe(1)
    expect(ids((await listSpaces(a, { mine: true })).items)).toEqual([s])

    await setFollowing(a, s, false)
    await setFollowing(a, s, false)
    expect((await db.spaceMember.findUniqueOrThrow({ where: { spaceId_userId: { spaceId: s, userId: a.id } } })).following).toBe(false)
    await setSpaceEmail(a, s, 'WEEKLY')
    expect((await db.spaceMember.findUniqueOrThrow({ where: { spaceId_userId: { spaceId: s, userId: a.id } } })).email).toBe('WEEKLY')

    await leaveSpace(a, s)
    await leaveSpace(a, s)
    expect(await db.spaceMember.count({ where: { spaceId: s, userId: a.id } })).toBe(0)
    // Following a space one has not joined joins it.
    await setFollowing(a, s, true)
    expect(await db.spaceMember.count({ where: { spaceId: s, userId: a.id, following: true } })).toBe(1)
  })

  it('two joins at once make one row', async () => {
    const a = await actorOf((await createUser()).id)
    await Promise.all([joinSpace(a, spaces.open.id), joinSpace(a, spaces.open.id), joinSpace(a, spaces.open.id)])
    expect(await db.spaceMember.count({ where: { spaceId: spaces.open.id, userId: a.id } })).toBe(1)
  })

  it('refuses to join an archived space, an uninvited private one, or with an unverified account', async () => {
    await expect(joinSpace(member, spaces.archived.id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(joinSpace(member, spaces.private.id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(joinSpace(unverified, spaces.open.id)).rejects.toBeInstanceOf(ForbiddenError)
    expect(
      await db.spaceMember.count({
        where: { userId: { in: [member.id, unverified.id] }, spaceId: { in: [spaces.archived.id, spaces.private.id, spaces.open.id] } },
      }),
    ).toBe(0)
  })

  it('rules are accepted once: the first time stays; someone outside the community cannot accept them', async () => {
    await expect(acceptRules(member, spaces.safe.id)).rejects.toBeInstanceOf(ForbiddenError)
    const a = await actorOf((await createCommunityMember()).id)
    expect(await hasAcceptedRules(a.id, spaces.safe.id)).toBe(false)
    expect(await mustAcceptRules(a.id, spaces.safe)).toBe(true)
    expect(await mustAcceptRules(a.id, spaces.open)).toBe(false)
    const first = await acceptRules(a, spaces.safe.id)
    await new Promise((r) => setTimeout(r, 5))
    const second = await acceptRules(a, spaces.safe.id)
    expect(second.getTime()).toBe(first.getTime())
    expect(await hasAcceptedRules(a.id, spaces.safe.id)).toBe(true)
    expect(await mustAcceptRules(a.id, spaces.safe)).toBe(false)
  })

  it('a space moderator cannot leave (the role is taken back by whoever appointed them)', async () => {
    const a = await actorOf((await createUser()).id)
    await appointModerator(admin, spaces.open.id, a.id)
    await expect(leaveSpace(await actorOf(a.id), spaces.open.id)).rejects.toBeInstanceOf(SpaceError)
  })
})

describe('creating and editing spaces', () => {
  const form = (over: Record<string, string | string[]> = {}) => {
    const fd = new FormData()
    const values: Record<string, string | string[]> = {
      nameTr: 'Hukuk ve Finans',
      nameEn: 'Law & Finance',
      descriptionTr: 'Açıklama',
      descriptionEn: 'Description',
      icon: 'scale',
      color: 'blue',
      visibility: 'MEMBERS',
      themes: ['advocacy'],
      ...over,
    }
    for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) fd.append(k, x)
    return parseForm(fd, spaceFormSchema, ['themes'])
  }

  it('rejects bad input with translated keys', () => {
    const bad = form({
      nameTr: '',
      nameEn: 'x'.repeat(200),
      icon: 'skull',
      color: 'pink',
      slug: 'Not A Slug!',
      safeSpace: 'on',
      rulesTr: '',
      position: 'abc',
    })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.errors.nameTr[0].key).toBe('validation.required')
    expect(bad.errors.nameEn[0].key).toBe('validation.tooLong')
    expect(bad.errors.icon[0].key).toBe('validation.choice')
    expect(bad.errors.color[0].key).toBe('validation.choice')
    expect(bad.errors.slug[0].key).toBe('spaces.form.errors.slugFormat')
    expect(bad.errors.rulesTr[0].key).toBe('spaces.form.errors.rulesRequired')
    expect(bad.errors.position[0].key).toBe('validation.number')
    expect(form({ slug: 'new' }).ok).toBe(false)
  })

  it('only moderators and admins create; the slug comes from the English name; audited', async () => {
    const ok = form()
    if (!ok.ok) throw new Error('form')
    const before = await db.space.count()
    await expect(createSpaceAs(member, ok.data)).rejects.toBeInstanceOf(ForbiddenError)
    expect(await db.space.count()).toBe(before)

    const a = await createSpaceAs(moderator, ok.data)
    expect(a.slug).toBe('law-finance')
    const b = await createSpaceAs(admin, ok.data)
    expect(b.slug).toBe('law-finance-2')
    const audit = await auditRows(a.id)
    expect(audit.map((r) => [r.action, r.actorId, r.targetType, r.targetId])).toEqual([['space.create', moderator.id, 'space', a.id]])
    const themes = await db.spaceTheme.count({ where: { spaceId: a.id } })
    expect(themes).toBe(1)
  })

  it('a chosen slug that is taken is a field error and nothing is written', async () => {
    const ok = form({ slug: spaces.open.slug })
    if (!ok.ok) throw new Error('form')
    const before = await db.space.count()
    await expect(createSpaceAs(admin, ok.data)).rejects.toMatchObject({ key: 'spaces.form.errors.slugTaken', field: 'slug' })
    expect(await db.space.count()).toBe(before)
  })

  it('an unknown theme is an error and nothing is written', async () => {
    const ok = form({ themes: ['no-such-theme'] })
    if (!ok.ok) throw new Error('form')
    const before = await db.space.count()
    await expect(createSpaceAs(admin, ok.data)).rejects.toMatchObject({ key: 'validation.choice', field: 'themes' })
    expect(await db.space.count()).toBe(before)
  })

  it('edits (slug too), archives and unarchives, each audited; saving unchanged writes nothing', async () => {
    const ok = form({ nameEn: 'Editable', slug: 'editable' })
    if (!ok.ok) throw new Error('form')
    const { id } = await createSpaceAs(admin, ok.data)
    await updateSpace(admin, id, ok.data)
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['space.create'])

    const changed = form({ nameEn: 'Edited', slug: 'edited', safeSpace: 'on', rulesTr: 'Kurallar', rulesEn: 'Rules' })
    if (!changed.ok) throw new Error('form')
    await expect(updateSpace(member, id, changed.data)).rejects.toBeInstanceOf(ForbiddenError)
    expect((await updateSpace(moderator, id, changed.data)).slug).toBe('edited')
    await setArchived(moderator, id, true)
    await setArchived(moderator, id, true)
    await setArchived(moderator, id, false)
    const rows = await auditRows(id)
    expect(rows.map((r) => r.action)).toEqual(['space.create', 'space.update', 'space.archive', 'space.unarchive'])
    expect((rows[1].data as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['nameEn', 'safeSpace', 'rulesTr', 'rulesEn', 'slug']),
    )
  })
})

describe('the thread list', () => {
  it('pinned first, then latest activity; pages have no repeats or gaps even with equal timestamps', async () => {
    const s = await createSpace()
    const same = new Date('2026-01-01T10:00:00.000Z')
    const made: string[] = []
    for (let i = 0; i < 23; i++) made.push((await createThread(s.id, member.id, { lastPostAt: same })).id)
    const pinned = await createThread(s.id, member.id, { lastPostAt: new Date('2020-01-01T00:00:00Z'), pinnedAt: same })
    const latest = await createThread(s.id, member.id, { lastPostAt: new Date('2026-02-01T00:00:00Z') })
    const target = (await getSpaceBySlug(member, s.slug))!.target
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof listThreads>> = await listThreads(member, { id: s.id, target }, { cursor, limit: 4 })
      seen.push(...ids(page.items))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
    expect(seen.slice(0, 2)).toEqual([pinned.id, latest.id])
    expect(new Set(seen.slice(2))).toEqual(new Set(made))
  })

  it('anonymous authors are shown to moderators only; hidden threads to moderators only, labelled', async () => {
    const s = await createSpace({ allowAnonymous: true })
    const anon = await createThread(s.id, member.id, { anonymous: true })
    const hidden = await createThread(s.id, member.id, { hiddenAt: new Date() })
    const forMember = await listThreads(orgMember, { id: s.id, target: (await getSpaceBySlug(orgMember, s.slug))!.target })
    const a = forMember.items.find((t) => t.id === anon.id)!
    expect(a.author).toBeNull()
    expect(a.anonymous).toBe(true)
    expect(ids(forMember.items)).not.toContain(hidden.id)
    const forMod = await listThreads(moderator, { id: s.id, target: (await getSpaceBySlug(moderator, s.slug))!.target })
    expect(forMod.items.find((t) => t.id === anon.id)!.author?.id).toBe(member.id)
    expect(forMod.items.find((t) => t.id === hidden.id)!.hidden).toBe(true)
  })

  it('counts unread threads: above the last-read number, or never opened and active since joining', async () => {
    const reader = await actorOf((await createUser()).id)
    const s = await createSpace()
    const old = await createThread(s.id, member.id, { lastPostAt: new Date(Date.now() - 60_000) })
    await joinSpace(reader, s.id)
    const fresh = await createThread(s.id, member.id, { lastPostAt: new Date(Date.now() + 1000), lastPostNumber: 3 })
    const read = await createThread(s.id, member.id, { lastPostNumber: 5, lastPostAt: new Date(Date.now() + 1000) })
    await db.readState.create({ data: { userId: reader.id, threadId: read.id, lastReadNumber: 2 } })

    const unreadOf = async () => (await listSpaces(reader, { mine: true })).items.find((i) => i.id === s.id)!.unread
    expect(await unreadOf()).toBe(2)
    const { items } = await listThreads(reader, { id: s.id, target: (await getSpaceBySlug(reader, s.slug))!.target })
    const byId = new Map(items.map((t) => [t.id, t]))
    expect(byId.get(old.id)).toMatchObject({ unread: null, isNew: false })
    expect(byId.get(fresh.id)).toMatchObject({ unread: null, isNew: true })
    expect(byId.get(read.id)).toMatchObject({ unread: 3, isNew: false })

    await db.readState.update({ where: { userId_threadId: { userId: reader.id, threadId: read.id } }, data: { lastReadNumber: 5 } })
    await db.readState.create({ data: { userId: reader.id, threadId: fresh.id, lastReadNumber: 3 } })
    expect(await unreadOf()).toBe(0)
    expect((await listSpaces(null)).items.every((i) => i.unread === null)).toBe(true)
  })
})

describe('access to private spaces and space moderators', () => {
  it('invites an organization and a person, removes them, keeps their posts, audits everything', async () => {
    const s = await createSpace({ visibility: 'PRIVATE' })
    const org = await createOrg()
    const pending = await createOrg({ status: 'PENDING' })
    const u = await createUser()
    await addMember(u.id, org.id)
    const person = await createUser()

    await expect(invite(member, s.id, { orgId: org.id })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(invite(admin, s.id, { orgId: pending.id })).rejects.toMatchObject({ key: 'spaces.access.errors.unknownOrg' })
    await expect(invite(admin, spaces.open.id, { userId: person.id })).rejects.toMatchObject({ key: 'spaces.access.errors.notPrivate' })

    await invite(admin, s.id, { orgId: org.id })
    await invite(admin, s.id, { orgId: org.id })
    await invite(admin, s.id, { userId: person.id })
    const access = await listAccess(s.id)
    expect(access.orgs.map((o) => o.org.id)).toEqual([org.id])
    expect(access.people.map((p) => p.user.id)).toEqual([person.id])
    expect(Object.keys(access.people[0].user).sort()).toEqual(['handle', 'id', 'name'])

    const viaOrg = await actorOf(u.id)
    expect(can(viaOrg, 'space.view', (await getSpaceBySlug(viaOrg, s.slug))!.target)).toBe(true)
    const thread = await createThread(s.id, u.id)
    await removeInvitation(admin, s.id, access.orgs[0].invitationId)
    expect(can(viaOrg, 'space.view', (await getSpaceBySlug(viaOrg, s.slug))!.target)).toBe(false)
    expect(await db.thread.count({ where: { id: thread.id } })).toBe(1)

    expect((await auditRows(s.id)).map((r) => r.action)).toEqual(['space.inviteOrg', 'space.invitePerson', 'space.uninvite'])
  })

  it('appoints and removes space moderators, who may then invite but not appoint', async () => {
    const s = await createSpace({ visibility: 'PRIVATE' })
    const u = await createUser()
    await expect(appointModerator(member, s.id, u.id)).rejects.toBeInstanceOf(ForbiddenError)
    await appointModerator(moderator, s.id, u.id)
    await appointModerator(moderator, s.id, u.id)
    const spaceMod = await actorOf(u.id)
    expect(spaceMod.moderates).toContain(s.id)
    const target = (await getSpaceBySlug(spaceMod, s.slug))!.target
    expect(can(spaceMod, 'space.view', target)).toBe(true)
    await invite(spaceMod, s.id, { userId: member.id })
    await expect(appointModerator(spaceMod, s.id, member.id)).rejects.toBeInstanceOf(ForbiddenError)
    expect((await listAccess(s.id)).moderators.map((m) => m.id)).toEqual([u.id])

    await removeModerator(moderator, s.id, u.id)
    expect((await actorOf(u.id)).moderates).not.toContain(s.id)
    expect(await db.spaceMember.count({ where: { spaceId: s.id, userId: u.id, role: 'MEMBER' } })).toBe(1)
    expect((await auditRows(s.id)).map((r) => r.action)).toEqual(['space.appointModerator', 'space.invitePerson', 'space.removeModerator'])
  })

  it('finds people by name or handle, Turkish-insensitively, and never returns e-mail addresses', async () => {
    const u = await createUser({ name: 'Şükrü Işıkoğlu' })
    await db.user.update({ where: { id: u.id }, data: { handle: 'sukru' } })
    for (const q of ['şükrü', 'SUKRU', 'isikoglu', '@sukru']) {
      const found = await searchPeople(q)
      expect(
        found.map((p) => p.id),
        q,
      ).toContain(u.id)
      for (const p of found) expect(Object.keys(p).sort()).toEqual(['handle', 'id', 'name'])
    }
    expect(await searchPeople(u.email)).toEqual([])
  })
})
