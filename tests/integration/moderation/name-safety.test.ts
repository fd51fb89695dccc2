/**
 * Text that deceives (names and titles) through the real app: invisible and direction characters are
 * refused with a translated message and change nothing; a name that looks like another person's opens one
 * flag, which platform moderators see on /moderation and decide, with who and when recorded.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { translate } from '../../../app/lib/i18n.ts'
import { nameSkeleton } from '../../../app/lib/skeleton.server.ts'
import { TEXT_PROBLEM_KEYS } from '../../../app/lib/text-safety.ts'
import type { z } from '../../../app/lib/validation.ts'
import { CreateThreadBody } from '../../../app/modules/api/discussion-endpoints.server.ts'
import { UpdateMeSchema } from '../../../app/modules/api/registry.server.ts'
import { profileSchema, signUpSchema } from '../../../app/modules/auth/forms.server.ts'
import { threadSchema } from '../../../app/modules/discussions/form.ts'
import { orgFormSchema } from '../../../app/modules/orgs/form.ts'
import { spaceFormSchema } from '../../../app/modules/spaces/form.ts'
import { startTestApp, TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { expectApiError, sendJson } from '../api/support.ts'
import { clientFor, readable, removeDataDir, type App } from '../orgs/helpers.ts'
import { createSpace, makeSpaceModerator } from './helpers.ts'

let app: App
const PASSWORD = 'Kestane-kebap-1923'
const en = (key: string) => translate('en', key)
const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`
const flagsOf = (userId: string) => db.userFlag.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })

beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_FACTOR: '20' } })
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

describe('every schema that names a person, an organization or a space, or titles a thread', () => {
  const org = { city: 'Ankara', country: 'TR', themes: [] }
  const space = { themes: [], icon: 'chat', color: 'teal', visibility: 'MEMBERS', nameTr: 'Gönüllüler', nameEn: 'Volunteers' }
  const cases: [string, string, (text: string) => z.ZodSafeParseResult<unknown>][] = [
    ['sign-up', 'name', (name) => signUpSchema.safeParse({ name, email: 'a@example.org', password: PASSWORD, locale: 'en' })],
    ['settings', 'name', (name) => profileSchema(() => true).safeParse({ name, locale: 'en', timeZone: 'Europe/Istanbul' })],
    ['API PATCH /me', 'name', (name) => UpdateMeSchema.safeParse({ name })],
    ['organization', 'name', (name) => orgFormSchema.safeParse({ ...org, name })],
    ['space, Turkish name', 'nameTr', (nameTr) => spaceFormSchema.safeParse({ ...space, nameTr })],
    ['space, English name', 'nameEn', (nameEn) => spaceFormSchema.safeParse({ ...space, nameEn })],
    ['new thread', 'title', (title) => threadSchema.safeParse({ title, body: 'Gövde', clientKey: randomUUID() })],
    ['API new thread', 'title', (title) => CreateThreadBody.safeParse({ title, body: 'Gövde', clientKey: randomUUID() })],
  ]
  it.each(cases)('%s: refuses U+202E and zero-width characters, accepts Turkish and Arabic', (_, field, parse) => {
    const messages = (text: string) => {
      const r = parse(text)
      return r.success ? [] : r.error.issues.filter((i) => i.path.join('.') === field).map((i) => i.message)
    }
    expect(messages('Emre \u202EDemir')).toEqual([TEXT_PROBLEM_KEYS.bidi])
    expect(messages('Emre\u200B Demir')).toEqual([TEXT_PROBLEM_KEYS.invisible])
    expect(messages('\u200D\u200D\u200D')).toEqual([TEXT_PROBLEM_KEYS.invisible])
    expect(messages('İlkay Şığ Derneği')).toEqual([])
    expect(messages('جمعية محمد علي')).toEqual([])
  })
})

describe('refused names and titles change nothing', () => {
  it('sign-up with "Emre\\u200B Demir" is refused with the translated message and creates no account', async () => {
    const client = TestClient.for(app, { 'accept-language': 'en' })
    const address = email('zw')
    const res = await client.post('/signup', { name: 'Emre\u200B Demir', email: address, password: PASSWORD, locale: 'en' })
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain(en(TEXT_PROBLEM_KEYS.invisible))
    expect(await db.user.count({ where: { email: address } })).toBe(0)

    const tr = TestClient.for(app, { 'accept-language': 'tr' })
    const inTurkish = await tr.post('/signup', { name: 'Emre \u202EDemir', email: address, password: PASSWORD, locale: 'tr' })
    expect(inTurkish.status).toBe(400)
    expect(readable(await inTurkish.text())).toContain(translate('tr', TEXT_PROBLEM_KEYS.bidi))
    expect(await db.user.count({ where: { email: address } })).toBe(0)
  })

  it('settings and the API refuse an invisible or reversed name and keep the old one', async () => {
    const user = await createUser({ name: 'Emre Demir' })
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    const web = await clientFor(app, user.id)
    const res = await web.post('/settings?index', { name: 'Emre\u200B Demir', locale: 'en', timeZone: 'Europe/Istanbul' })
    expect(res.status).toBe(400)
    expect(readable(await res.text())).toContain(en(TEXT_PROBLEM_KEYS.invisible))

    const api = await expectApiError(await sendJson(web, 'PATCH', '/api/v1/me', { name: '\u202Enaci' }), 400, 'validation_failed')
    expect(api.error.fields.name).toEqual([en(TEXT_PROBLEM_KEYS.bidi)])

    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before)
    expect(await flagsOf(user.id)).toEqual([])
  })

  it('a thread title with U+202E is refused by the web form and the API, and no thread is made', async () => {
    const space = await createSpace()
    const writer = await createUser()
    const web = await clientFor(app, writer.id)
    const page = await web.page(`/spaces/${space.slug}/new-thread`)
    const clientKey = /name="clientKey" value="([^"]+)"/.exec(page.html)![1]
    const form = await web.post(`/spaces/${space.slug}/new-thread`, { title: 'Toplantı notları \u202Efdp.exe', body: 'Merhaba', clientKey })
    expect(form.status).toBe(400)
    expect(readable(await form.text())).toContain(en(TEXT_PROBLEM_KEYS.bidi))

    const api = await expectApiError(
      await sendJson(web, 'POST', `/api/v1/spaces/${space.slug}/threads`, {
        title: 'Toplantı notları \u202Efdp.exe',
        body: 'Merhaba',
        clientKey: randomUUID(),
      }),
      400,
      'validation_failed',
    )
    expect(api.error.fields.title).toEqual([en(TEXT_PROBLEM_KEYS.bidi)])
    expect(await db.thread.count({ where: { spaceId: space.id } })).toBe(0)
  })
})

describe('names that look like another person’s', () => {
  it('stores the skeleton at sign-up and flags a lookalike of an existing name, once', async () => {
    const mehmet = await createUser({ name: 'Mehmet Şimşek' })
    const address = email('rn')
    const res = await TestClient.for(app).post('/signup', { name: 'Mehrnet Şirnşek', email: address, password: PASSWORD, locale: 'en' })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    const impostor = await db.user.findUniqueOrThrow({ where: { email: address } })
    expect(impostor.nameSkeleton).toBe(nameSkeleton('Mehmet Şimşek'))
    const flags = await flagsOf(impostor.id)
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({
      kind: 'CONFUSABLE_NAME',
      status: 'OPEN',
      resolvedById: null,
      detail: { name: 'Mehrnet Şirnşek', similarUserId: mehmet.id, similarName: 'Mehmet Şimşek' },
    })
    // Saving the same name again is not news.
    const web = await clientFor(app, impostor.id)
    const again = await web.post('/settings?index', { name: 'Mehrnet Şirnşek', locale: 'en', timeZone: 'Europe/Istanbul' })
    expect(again.status).toBe(200)
    await again.arrayBuffer()
    expect(await flagsOf(impostor.id)).toHaveLength(1)
  })

  it('does not flag two people with exactly the same name', async () => {
    await createUser({ name: 'Deniz Aksoy' })
    const address = email('same')
    const res = await TestClient.for(app).post('/signup', { name: 'Deniz Aksoy', email: address, password: PASSWORD, locale: 'en' })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    expect(await flagsOf((await db.user.findUniqueOrThrow({ where: { email: address } })).id)).toEqual([])
  })

  it('flags a changed name in settings (Cyrillic letters), and finds accounts made before skeletons existed', async () => {
    const old = await createUser({ name: 'Zeynep Kaya' })
    // An account from before this change: no skeleton yet.
    await db.user.update({ where: { id: old.id }, data: { nameSkeleton: '' } })
    const user = await createUser()
    const web = await clientFor(app, user.id)
    const res = await web.post('/settings?index', { name: 'Zeуnep Kаya', locale: 'en', timeZone: 'Europe/Istanbul' })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    expect((await db.user.findUniqueOrThrow({ where: { id: old.id } })).nameSkeleton).toBe(nameSkeleton('Zeynep Kaya'))
    const flags = await flagsOf(user.id)
    expect(flags.map((f) => f.detail)).toEqual([{ name: 'Zeуnep Kаya', similarUserId: old.id, similarName: 'Zeynep Kaya' }])
  })

  it('shows open flags to platform moderators on /moderation, who dismiss them; who and when are recorded', async () => {
    const original = await createUser({ name: 'Selin Korkmaz' })
    const lookalike = await createUser()
    const web = await clientFor(app, lookalike.id)
    // Latin "i" → dotless "ı": the classic Turkish lookalike.
    const patched = await sendJson(web, 'PATCH', '/api/v1/me', { name: 'Selın Korkmaz' })
    expect(patched.status).toBe(200)
    await patched.arrayBuffer()
    const [flag] = await flagsOf(lookalike.id)
    expect(flag).toMatchObject({ status: 'OPEN', detail: { similarUserId: original.id } })

    const moderator = await createUser({ name: 'Moderatör Mert', role: 'MODERATOR' })
    const mod = await clientFor(app, moderator.id)
    const queue = await mod.page('/moderation')
    expect(queue.res.status).toBe(200)
    const html = readable(queue.html)
    expect(html).toContain('data-testid="name-flags"')
    expect(html).toContain('“Selın Korkmaz” looks like “Selin Korkmaz”')
    expect(html).toContain('ı U+0131')
    expect(html).toContain(`action="/moderation/flags/${flag.id}"`)

    // Admins also get links to both accounts.
    const admin = await createUser({ role: 'ADMIN' })
    const adminPage = await (await clientFor(app, admin.id)).page('/moderation')
    expect(adminPage.html).toContain(`href="/admin/users/${lookalike.id}"`)
    expect(adminPage.html).toContain(`href="/admin/users/${original.id}"`)

    // A space moderator's queue covers their spaces only: accounts are not theirs to judge.
    const space = await createSpace()
    const spaceMod = await createUser()
    await makeSpaceModerator(space.id, spaceMod.id)
    const spaceModWeb = await clientFor(app, spaceMod.id)
    expect((await spaceModWeb.page('/moderation')).html).not.toContain('name-flags')
    const refused = await spaceModWeb.post(`/moderation/flags/${flag.id}`, { intent: 'dismiss' })
    expect(refused.status).toBe(403)
    await refused.arrayBuffer()
    const member = await clientFor(app, (await createUser()).id)
    expect((await member.post(`/moderation/flags/${flag.id}`, { intent: 'dismiss' })).status).toBe(403)
    expect(await db.userFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ status: 'OPEN' })

    const dismissed = await mod.post(`/moderation/flags/${flag.id}`, { intent: 'dismiss' })
    expect(dismissed.status).toBe(302)
    expect(dismissed.headers.get('location')).toBe('/moderation?done=flag.dismiss')
    const decided = await db.userFlag.findUniqueOrThrow({ where: { id: flag.id } })
    expect(decided).toMatchObject({ status: 'DISMISSED', resolvedById: moderator.id })
    expect(decided.resolvedAt).toBeInstanceOf(Date)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'userFlag.dismiss', targetId: lookalike.id } })
    expect(audit).toMatchObject({
      actorId: moderator.id,
      targetType: 'user',
      data: { flagId: flag.id, name: 'Selın Korkmaz', similarName: 'Selin Korkmaz' },
    })

    const after = readable((await mod.page('/moderation?done=flag.dismiss')).html)
    expect(after).toContain('The flag was dismissed.')
    expect(after).not.toContain(`/moderation/flags/${flag.id}"`)
    expect(readable((await mod.page('/moderation/log')).html)).toContain('Dismissed a name flag')

    // A second decision on a decided flag changes nothing.
    const late = await mod.post(`/moderation/flags/${flag.id}`, { intent: 'resolve' })
    expect(late.headers.get('location')).toBe('/moderation?done=flag.decided')
    expect(await db.userFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ status: 'DISMISSED' })
    expect(
      await db.auditLog.count({ where: { action: { startsWith: 'userFlag.' }, targetId: lookalike.id, actorId: { not: null } } }),
    ).toBe(1)
  })
})
