/** The spaces pages through the real app: redirects and 403s, forms that work without JavaScript, translated errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createCommunityMember, createUser, ensureThemes } from '../../support/factories.ts'
import { clientFor, readable, removeDataDir, type App } from '../orgs/helpers.ts'
import { createSpace, createThread } from './helpers.ts'

let app: App
let anon: TestClient
let spaces: Record<'open' | 'members' | 'private' | 'safe', Awaited<ReturnType<typeof createSpace>>>

beforeAll(async () => {
  await ensureThemes()
  app = await startTestApp()
  anon = TestClient.for(app)
  spaces = {
    open: await createSpace({ nameEn: 'Open Forum' }),
    members: await createSpace({ visibility: 'MEMBERS', nameEn: 'Members Corner' }),
    private: await createSpace({ visibility: 'PRIVATE', nameEn: 'Private Room' }),
    safe: await createSpace({ safeSpace: true, nameEn: 'Safe Harbour', rulesEn: 'Be kind. What is said here stays here.' }),
  }
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

const member = async (lang: 'en' | 'tr' = 'en') => {
  const user = await createUser({ locale: lang })
  return { user, client: await clientFor(app, user.id, lang) }
}
/** A member of an approved organization: whom a safe space is for. */
const communityMember = async (lang: 'en' | 'tr' = 'en') => {
  const user = await createCommunityMember({ locale: lang })
  return { user, client: await clientFor(app, user.id, lang) }
}

describe('reading', () => {
  it('signed out: the list shows public spaces only, never a safe one', async () => {
    const { res, html } = await anon.page('/spaces')
    expect(res.status).toBe(200)
    expect(html).toContain('<title>Spaces · birlikte</title>')
    expect(html).toContain('Open Forum')
    for (const name of ['Members Corner', 'Private Room', 'Safe Harbour']) expect(html).not.toContain(name)
  })

  it('signed out visitors of a space they cannot read are sent to sign in (a safe space too)', async () => {
    for (const s of [spaces.members, spaces.private, spaces.safe]) {
      const res = await anon.get(`/spaces/${s.slug}`)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`/spaces/${s.slug}`)}`)
    }
    expect((await anon.get('/spaces/no-such-space')).status).toBe(404)
  })

  it('signed in without access: 403, translated', async () => {
    const { client } = await member()
    const res = await client.get(`/spaces/${spaces.private.slug}`)
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('This space is private')
  })

  it('a safe space: closed to accounts outside the member organizations, rules first for the community', async () => {
    const author = await createCommunityMember({ name: 'Hidden Author' })
    const thread = await createThread(spaces.safe.id, author.id, { title: 'A quiet question', anonymous: true })
    const outsider = await member()
    expect((await outsider.client.get(`/spaces/${spaces.safe.slug}`)).status).toBe(403)
    expect((await outsider.client.get(`/threads/${thread.id}`)).status).toBe(403)

    const { client } = await communityMember()
    // A thread link leads to the rules first, and back to the thread once they are accepted.
    const toThread = await client.get(`/threads/${thread.id}`)
    expect(toThread.status).toBe(302)
    const gateUrl = toThread.headers.get('location')!
    expect(gateUrl).toBe(`/spaces/${spaces.safe.slug}?redirectTo=${encodeURIComponent(`/threads/${thread.id}`)}#rules`)
    const gate = await client.page(gateUrl)
    expect(gate.res.status).toBe(200)
    expect(gate.res.headers.get('cache-control')).toBe('private, no-store')
    expect(gate.html).toContain('Be kind. What is said here stays here.')
    expect(gate.html).not.toContain('A quiet question')
    const accepted = await client.post(`/spaces/${spaces.safe.slug}`, { intent: 'acceptRules', redirectTo: `/threads/${thread.id}` })
    expect(accepted.headers.get('location')).toBe(`/threads/${thread.id}`)
    const threadPage = await client.get(`/threads/${thread.id}?page=1`)
    expect(threadPage.status).toBe(200)
    expect(threadPage.headers.get('cache-control')).toBe('private, no-store')

    const { res, html } = await client.page(`/spaces/${spaces.safe.slug}`)
    expect(res.status).toBe(200)
    expect(html).toContain('id="rules"')
    expect(html).toContain('Be kind. What is said here stays here.')
    expect(html).toContain('A quiet question')
    expect(html).toContain('by an anonymous member')
    expect(html).not.toContain('Hidden Author')
    expect(html).toContain(`href="/spaces/${spaces.safe.slug}/new-thread"`)
  })
})

describe('joining through plain forms', () => {
  it('join, follow setting, mail setting, rules, leave', async () => {
    const { user, client } = await communityMember()
    const here = `/spaces/${spaces.safe.slug}`
    let res = await client.post(here, { intent: 'join' })
    // In a safe space, accepting the rules comes first
    expect(res.status).toBe(403)
    await client.post(here, { intent: 'acceptRules' })
    res = await client.post(here, { intent: 'join' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`${here}?done=joined`)
    expect(readable((await client.page(`${here}?done=joined`)).html)).toContain('You joined this space.')

    res = await client.post(here, { intent: 'email', email: 'SOMETIMES' })
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain('Choose one of the options.')
    const key = { spaceId_userId: { spaceId: spaces.safe.id, userId: user.id } }
    expect((await db.spaceMember.findUniqueOrThrow({ where: key })).email).toBe('DEFAULT')

    await client.post(here, { intent: 'email', email: 'DAILY' })
    await client.post(here, { intent: 'unfollow' })
    const row = await db.spaceMember.findUniqueOrThrow({ where: key })
    expect(row).toMatchObject({ email: 'DAILY', following: false })
    expect(row.rulesAcceptedAt).not.toBeNull()
    expect((await client.page(here)).html).toContain('data-testid="rules-accepted"')

    await client.post(here, { intent: 'leave' })
    expect(await db.spaceMember.count({ where: { spaceId: spaces.safe.id, userId: user.id } })).toBe(0)
  })

  it('signed out posts go to sign in; a private space cannot be joined uninvited', async () => {
    const res = await anon.post(`/spaces/${spaces.open.slug}`, { intent: 'join' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    const { user, client } = await member()
    expect((await client.post(`/spaces/${spaces.private.slug}`, { intent: 'join' })).status).toBe(403)
    expect(await db.spaceMember.count({ where: { userId: user.id } })).toBe(0)
  })
})

describe('creating and editing', () => {
  const valid = {
    nameTr: 'Fon ve Hibeler',
    nameEn: 'Funding and Grants',
    icon: 'coins',
    color: 'amber',
    visibility: 'MEMBERS',
    position: '2',
    themes: 'funding',
  }

  it('members may not open the form or post it', async () => {
    const { client } = await member()
    expect((await client.get('/spaces/new')).status).toBe(403)
    expect((await client.post('/spaces/new', valid)).status).toBe(403)
  })

  it('bad input: translated errors in the reader’s language, nothing written', async () => {
    const mod = await createUser({ role: 'MODERATOR', locale: 'tr' })
    const client = await clientFor(app, mod.id, 'tr')
    const before = await db.space.count()
    const res = await client.post('/spaces/new', { ...valid, nameTr: '', safeSpace: 'on', rulesTr: '', rulesEn: '' })
    expect(res.status).toBe(400)
    const html = readable(await res.text())
    expect(html).toContain('Bu alan zorunludur.')
    expect(html).toContain('Güvenli bir alanın bu dilde kuralları olmalı.')
    expect(await db.space.count()).toBe(before)
  })

  it('a moderator creates a space, edits it and archives it', async () => {
    const mod = await createUser({ role: 'MODERATOR' })
    const client = await clientFor(app, mod.id)
    const form = (await client.page('/spaces/new')).html
    // The rules come prefilled with the default confidentiality and respect rules.
    expect(readable(form)).toContain('Confidentiality: what is shared here stays here.')
    let res = await client.post('/spaces/new', valid)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/spaces/funding-and-grants?done=created')
    const space = await db.space.findUniqueOrThrow({ where: { slug: 'funding-and-grants' }, include: { themes: true } })
    expect(space).toMatchObject({ nameTr: 'Fon ve Hibeler', icon: 'coins', color: 'amber', position: 2 })
    expect(space.themes).toHaveLength(1)

    res = await client.post('/spaces/funding-and-grants/edit', { ...valid, intent: 'save', slug: 'grants' })
    expect(res.headers.get('location')).toBe('/spaces/grants?done=saved')
    res = await client.post('/spaces/grants/edit', { intent: 'archive' })
    expect(res.headers.get('location')).toBe('/spaces/grants/edit?done=archived')
    expect((await client.page('/spaces')).html).not.toContain('Funding and Grants')
    expect((await client.page('/spaces?archived=1')).html).toContain('Funding and Grants')
    const actions = (await db.auditLog.findMany({ where: { spaceId: space.id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action)
    expect(actions).toEqual(['space.create', 'space.update', 'space.archive'])
  })
})

describe('the access page', () => {
  it('is for those who may invite or appoint; people are found by name, never by or with e-mail', async () => {
    const { client } = await member()
    expect((await client.get(`/spaces/${spaces.private.slug}/access`)).status).toBe(403)

    const admin = await createUser({ role: 'ADMIN' })
    const adminClient = await clientFor(app, admin.id)
    const invitee = await createUser({ name: 'Gülşen Davetli' })
    const { html } = await adminClient.page(`/spaces/${spaces.private.slug}/access?q=gulsen`)
    expect(readable(html)).toContain('Gülşen Davetli')
    expect(html).not.toContain(invitee.email)
    expect((await adminClient.page(`/spaces/${spaces.private.slug}/access?q=${encodeURIComponent(invitee.email)}`)).html).not.toContain(
      'Gülşen Davetli',
    )

    const res = await adminClient.post(`/spaces/${spaces.private.slug}/access`, { intent: 'invitePerson', userId: invitee.id, q: 'gulsen' })
    expect(res.status).toBe(302)
    const inviteeClient = await clientFor(app, invitee.id)
    expect((await inviteeClient.get(`/spaces/${spaces.private.slug}`)).status).toBe(200)

    await adminClient.post(`/spaces/${spaces.private.slug}/access`, { intent: 'appoint', userId: invitee.id })
    expect(await db.spaceMember.count({ where: { spaceId: spaces.private.id, userId: invitee.id, role: 'MODERATOR' } })).toBe(1)
    // The space moderator may manage invitations, not appoint.
    const page = readable((await inviteeClient.page(`/spaces/${spaces.private.slug}/access`)).html)
    expect(page).toContain('Invited people')
    expect(page).not.toContain('Space moderators')
  })
})
