/**
 * Profile pages: who may open one (the person's choice), what it shows (their choices), and which posts
 * it lists (only what the viewer may read; anonymous, pending, hidden, deleted and safe-space posts never).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { loadPersonProfile } from '../../../app/modules/people/profile.server.ts'
import { updateProfileSettings } from '../../../app/modules/people/settings.server.ts'
import { createOrg } from '../../support/factories.ts'
import { acceptRules, createSpace, makeSpaceModerator, person, reply, thread } from '../discussions/helpers.ts'

type Actor = NonNullable<Awaited<ReturnType<typeof loadActor>>>

async function profileOf(handle: string, viewer: Actor | null) {
  const found = await loadPersonProfile(handle, viewer, 'en')
  return found?.kind === 'profile' ? found.profile : found
}
const titles = async (handle: string, viewer: Actor | null) => {
  const p = await profileOf(handle, viewer)
  if (!p || !('posts' in p)) throw new Error(`no profile for ${handle}: ${JSON.stringify(p)}`)
  return (p.posts ?? []).map((x) => x.threadTitle).sort()
}

const settings = (visibility: 'PUBLIC' | 'MEMBERS', extra: Partial<Parameters<typeof updateProfileSettings>[1]> = {}) => ({
  about: undefined,
  city: undefined,
  languages: [],
  visibility,
  showOrganizations: true,
  showRecentPosts: true,
  ...extra,
})

describe('who may open a profile', () => {
  it('is for signed-in members by default: signed-out readers get the members-only answer', async () => {
    const { user } = await person({ name: 'Varsayılan Kişi' })
    const viewer = await person()
    expect(await profileOf(user.handle, null)).toEqual({ kind: 'membersOnly' })
    expect(await profileOf(user.handle, viewer.actor)).toMatchObject({ name: 'Varsayılan Kişi', own: false })
    // An account with an unconfirmed address is not yet the community either.
    const unverified = await person({ verified: false })
    expect(await profileOf(user.handle, unverified.actor)).toEqual({ kind: 'membersOnly' })
  })

  it('is for everyone when the person says so', async () => {
    const { user, actor } = await person({ name: 'Açık Profil' })
    await updateProfileSettings(
      actor,
      settings('PUBLIC', { about: '**Merhaba** <script>x</script>', city: 'İzmir', languages: ['tr', 'de'] }),
    )
    const p = await profileOf(user.handle, null)
    expect(p).toMatchObject({
      name: 'Açık Profil',
      city: 'İzmir',
      languages: [
        { code: 'tr', name: 'Turkish' },
        { code: 'de', name: 'German' },
      ],
      visibility: 'PUBLIC',
    })
    // Markdown rendered, raw HTML never passed through.
    expect(p && 'aboutHtml' in p && p.aboutHtml).toContain('<strong>Merhaba</strong>')
    expect(p && 'aboutHtml' in p && p.aboutHtml).not.toContain('<script')
  })

  it('does not exist for others while the address is unconfirmed, nor for a handle nobody has', async () => {
    const { user, actor } = await person({ verified: false })
    await updateProfileSettings(actor, settings('PUBLIC'))
    expect(await profileOf(user.handle, (await person()).actor)).toBeNull()
    expect(await profileOf(user.handle, null)).toBeNull()
    expect(await profileOf(user.handle, actor)).toMatchObject({ own: true })
    expect(await profileOf('nobody-has-this-handle', null)).toBeNull()
    expect(await profileOf('../etc/passwd', null)).toBeNull()
  })
})

describe('what a profile shows', () => {
  it('shows approved, active memberships with their role, unless the person hides them (they still see them, marked)', async () => {
    const { user, actor } = await person()
    const approved = await createOrg({ name: 'Görünen Dernek' })
    const pending = await createOrg({ name: 'Bekleyen Dernek', status: 'PENDING' })
    const asked = await createOrg({ name: 'Başvurulan Dernek' })
    await db.membership.createMany({
      data: [
        { userId: user.id, orgId: approved.id, role: 'ADMIN', status: 'ACTIVE' },
        { userId: user.id, orgId: pending.id, role: 'ADMIN', status: 'ACTIVE' },
        { userId: user.id, orgId: asked.id, role: 'MEMBER', status: 'PENDING' },
      ],
    })
    const viewer = (await person()).actor
    expect(await profileOf(user.handle, viewer)).toMatchObject({
      organizations: [{ slug: approved.slug, name: 'Görünen Dernek', role: 'ADMIN' }],
    })

    await updateProfileSettings(actor, settings('MEMBERS', { showOrganizations: false, showRecentPosts: false }))
    expect(await profileOf(user.handle, viewer)).toMatchObject({ organizations: null, posts: null })
    expect(await profileOf(user.handle, await loadActor(user.id))).toMatchObject({
      own: true,
      organizations: [{ name: 'Görünen Dernek' }],
      posts: [],
      hidden: { organizations: true, posts: true },
    })
  })

  it('refuses a language outside the list and a city on two lines (the form schema)', async () => {
    const { profileSettingsSchema } = await import('../../../app/modules/people/settings.server.ts')
    expect(profileSettingsSchema.safeParse({ languages: ['xx'], visibility: 'PUBLIC' }).success).toBe(false)
    expect(profileSettingsSchema.safeParse({ languages: [], visibility: 'SECRET' }).success).toBe(false)
    expect(profileSettingsSchema.safeParse({ languages: [], visibility: 'PUBLIC', city: 'A\nB' }).success).toBe(false)
    expect(profileSettingsSchema.safeParse({ languages: ['tr'], visibility: 'MEMBERS', city: 'Van' }).success).toBe(true)
  })
})

describe('recent posts on a profile', () => {
  // One author writes a dozen threads in a second here: posting's rate limit is not what is tested.
  beforeAll(() => {
    process.env.RATE_LIMIT_FACTOR = '0'
  })
  afterAll(() => {
    delete process.env.RATE_LIMIT_FACTOR
  })

  it('lists only posts the viewer may read, never anonymous, pending, hidden, deleted or safe-space ones', async () => {
    const author = await person({ name: 'Yazan Kişi' })
    await updateProfileSettings(author.actor, settings('PUBLIC'))
    const org = await createOrg()
    await db.membership.create({ data: { userId: author.user.id, orgId: org.id, status: 'ACTIVE', role: 'MEMBER' } })
    const authorActor = (await loadActor(author.user.id))!

    const pub = await createSpace({ visibility: 'PUBLIC', allowAnonymous: true })
    const members = await createSpace({ visibility: 'MEMBERS' })
    const priv = await createSpace({ visibility: 'PRIVATE' })
    const safe = await createSpace({ visibility: 'MEMBERS', safeSpace: true })
    await db.spaceInvitation.create({ data: { spaceId: priv.id, userId: author.user.id } })
    await acceptRules(safe.id, author.user.id)

    await thread(authorActor, pub.id, 'Açık alanda')
    await thread(authorActor, members.id, 'Üyeler alanında')
    await thread(authorActor, priv.id, 'Özel alanda')
    await thread(authorActor, safe.id, 'Güvenli alanda')
    const { createThread } = await import('../../../app/modules/discussions/posting.server.ts')
    await createThread(authorActor, {
      spaceId: pub.id,
      title: 'Anonim başlık',
      body: 'Kim yazdı?',
      clientKey: crypto.randomUUID(),
      anonymous: 'on',
    })
    const hidden = await thread(authorActor, pub.id, 'Gizlenen mesaj')
    await db.post.updateMany({ where: { threadId: hidden.threadId }, data: { status: 'HIDDEN' } })
    const deleted = await thread(authorActor, pub.id, 'Silinen mesaj')
    await db.post.updateMany({ where: { threadId: deleted.threadId }, data: { deletedAt: new Date() } })
    const pending = await thread(authorActor, pub.id, 'Onay bekleyen')
    await db.post.updateMany({ where: { threadId: pending.threadId }, data: { status: 'PENDING' } })
    // A reply in someone else's thread counts too.
    const other = await person()
    const theirs = await thread(other.actor, pub.id, 'Başkasının başlığı')
    await reply(authorActor, theirs.threadId, 'Katılıyorum.')

    const h = author.user.handle
    expect(await titles(h, null)).toEqual(['Açık alanda', 'Başkasının başlığı'])
    expect(await titles(h, other.actor)).toEqual(['Açık alanda', 'Başkasının başlığı', 'Üyeler alanında'])

    const invited = await person()
    await db.spaceInvitation.create({ data: { spaceId: priv.id, userId: invited.user.id } })
    expect(await titles(h, (await loadActor(invited.user.id))!)).toEqual([
      'Açık alanda',
      'Başkasının başlığı',
      'Özel alanda',
      'Üyeler alanında',
    ])

    // Not the anonymous thread, nor what moderation put aside — not even for a moderator or the author.
    const moderator = await person({ role: 'MODERATOR' })
    const spaceMod = await makeSpaceModerator(pub.id, (await person()).user.id)
    const everything = ['Açık alanda', 'Başkasının başlığı', 'Özel alanda', 'Üyeler alanında']
    expect(await titles(h, moderator.actor)).toEqual(everything)
    expect(await titles(h, authorActor)).toEqual(everything)
    expect(await titles(h, spaceMod)).toEqual(['Açık alanda', 'Başkasının başlığı', 'Üyeler alanında'])
  })
})
