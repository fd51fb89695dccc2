import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../../app/lib/db.server.ts'
import { POST_IMAGE_MAX_BYTES } from '../../../app/modules/content/shared.ts'
import { startTestApp } from '../../support/app.ts'
import { createOrg, createUser } from '../../support/factories.ts'
import { clientFor, removeDataDir, userWithClient, type App } from '../orgs/helpers.ts'
import { loadActor } from '../../../app/modules/auth/session.server.ts'
import { editPost } from '../../../app/modules/discussions/posting.server.ts'
import { createSpace, thread } from '../discussions/helpers.ts'
import { htmlProblems } from './html-check.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

/** A real 1×1 PNG and a real 1×1 GIF. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

const postsDir = () => path.resolve(process.env.DATA_DIR!, 'uploads', 'posts')
const storedFiles = async () => (existsSync(postsDir()) ? (await readdir(postsDir())).sort() : [])

function imageForm(bytes: Uint8Array, filename = 'x.png', type = 'image/png', alt?: string) {
  const form = new FormData()
  form.append('image', new Blob([new Uint8Array(bytes)], { type }), filename)
  if (alt !== undefined) form.append('alt', alt)
  return form
}

describe('POST /uploads/images', () => {
  it('refuses signed-out and unverified people, and writes nothing', async () => {
    const before = await storedFiles()
    const anonymous = await clientFor(app, null)
    const res = await anonymous.post('/uploads/images', imageForm(PNG))
    expect(res.status).toBe(401)
    expect((await res.json()).error.key).toBe('content.upload.errors.signedOut')
    const unverified = await userWithClient(app, { verified: false })
    const res2 = await unverified.client.post('/uploads/images', imageForm(PNG))
    expect(res2.status).toBe(403)
    expect(await storedFiles()).toEqual(before)
  })

  it('refuses files that are not images by their bytes, whatever their name and type say', async () => {
    const { client } = await userWithClient(app, { locale: 'tr' })
    const before = await storedFiles()
    const fake = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    for (const [bytes, name, type] of [
      [fake, 'evil.png', 'image/png'],
      [fake, 'evil.svg', 'image/svg+xml'],
      [Buffer.from('<html><script>alert(1)</script>'), 'x.gif', 'image/gif'],
      [Buffer.from('%PDF-1.4'), 'x.jpg', 'image/jpeg'],
    ] as const) {
      const res = await client.post('/uploads/images', imageForm(bytes, name, type))
      expect(res.status).toBe(415)
      const body = await res.json()
      expect(body.error).toEqual({ key: 'content.upload.errors.type', message: 'Bu dosya bir PNG, JPEG, WebP ya da GIF görseli değil.' })
    }
    expect((await client.post('/uploads/images', new FormData())).status).toBe(400)
    expect((await client.post('/uploads/images', { alt: 'no file' })).status).toBe(400)
    expect(await storedFiles()).toEqual(before)
  })

  it('refuses images over 4 MB and writes nothing', async () => {
    const { client } = await userWithClient(app)
    const before = await storedFiles()
    const big = Buffer.concat([PNG, Buffer.alloc(POST_IMAGE_MAX_BYTES + 1 - PNG.length)])
    const res = await client.post('/uploads/images', imageForm(big))
    expect(res.status).toBe(413)
    expect((await res.json()).error.message).toBe('The image is larger than 4 MB. Make it smaller and try again.')
    expect(await storedFiles()).toEqual(before)
  })

  it('stores a real image under a random name and serves it with its type, nosniff and a long cache', async () => {
    const { user, client } = await userWithClient(app)
    const res = await client.post('/uploads/images', imageForm(PNG, 'photo.PNG', 'application/octet-stream', 'Afiş [taslak]\nikinci satır'))
    expect(res.status).toBe(201)
    const { url, markdown } = await res.json()
    expect(url).toMatch(/^\/uploads\/posts\/[a-f0-9]{32}\.png$/)
    expect(markdown).toBe(`![Afiş \\[taslak\\] ikinci satır](${url})`)
    expect(await storedFiles()).toContain(url.split('/').pop())

    // Until a post shows it, the image is its uploader's alone, and no cache keeps it.
    const anonymous = await clientFor(app, null)
    expect((await anonymous.get(url)).status).toBe(404)
    const own = await client.get(url)
    expect(own.status).toBe(200)
    expect(own.headers.get('cache-control')).toBe('private, no-store')
    // Shown in a public space's post, it is everyone's and may be cached for good.
    const space = await createSpace({ visibility: 'PUBLIC' })
    await thread((await loadActor(user.id))!, space.id, 'Afiş', markdown)
    const img = await anonymous.get(url)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect(img.headers.get('x-content-type-options')).toBe('nosniff')
    expect(img.headers.get('cache-control')).toContain('max-age=31536000')
    expect(img.headers.get('content-security-policy')).toContain('sandbox')
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true)
    const again = await anonymous.get(url, { headers: { 'if-none-match': img.headers.get('etag')! } })
    expect(again.status).toBe(304)

    const gif = await client.post('/uploads/images', imageForm(GIF, 'a.gif', 'image/gif', 'Hareketli'))
    expect(gif.status).toBe(201)
    const gifUrl = (await gif.json()).url as string
    expect(gifUrl).toMatch(/\.gif$/)
    expect((await client.get(gifUrl)).headers.get('content-type')).toBe('image/gif')
  })

  it('an image in a private space is served only to its readers, never cached; edited out, it leaves with the text', async () => {
    const space = await createSpace({ visibility: 'PRIVATE' })
    const writer = await userWithClient(app)
    await db.spaceInvitation.create({ data: { spaceId: space.id, userId: writer.user.id } })
    const { url, markdown } = await (await writer.client.post('/uploads/images', imageForm(PNG, 'p.png', 'image/png', 'Gizli'))).json()
    const actor = (await loadActor(writer.user.id))!
    const t = await thread(actor, space.id, 'Özel', `Bakın: ${markdown}`)
    const reader = await userWithClient(app)
    await db.spaceInvitation.create({ data: { spaceId: space.id, userId: reader.user.id } })
    const outsider = await userWithClient(app)
    const seen = await reader.client.get(url)
    expect(seen.status).toBe(200)
    expect(seen.headers.get('cache-control')).toBe('private, no-store')
    expect((await outsider.client.get(url)).status).toBe(404)
    expect((await (await clientFor(app, null)).get(url)).status).toBe(404)
    // Edited out of the post: only its uploader sees it again.
    await editPost(actor, { postId: t.postId, body: 'Görsel kaldırıldı' })
    expect((await reader.client.get(url)).status).toBe(404)
    expect((await writer.client.get(url)).status).toBe(200)
  })

  it('answers 404 for names it did not make', async () => {
    const anonymous = await clientFor(app, null)
    for (const p of [
      '/uploads/posts/..%2F..%2Fpackage.json',
      '/uploads/posts/0123456789abcdef0123456789abcdef.svg',
      '/uploads/posts/0123456789abcdef0123456789abcdef.png',
    ]) {
      expect((await anonymous.get(p)).status).toBe(404)
    }
  })

  it('limits how many images one person uploads in an hour', async () => {
    const { client } = await userWithClient(app)
    const statuses: number[] = []
    for (let i = 0; i < 41; i++) statuses.push((await client.post('/uploads/images', imageForm(PNG))).status)
    expect(statuses.slice(0, 40).every((s) => s === 201)).toBe(true)
    const blocked = await client.post('/uploads/images', imageForm(PNG))
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('POST /content/preview', () => {
  it('refuses signed-out visitors', async () => {
    const res = await (await clientFor(app, null)).post('/content/preview', { body: 'hi' })
    expect(res.status).toBe(401)
  })

  it('renders the body as the post will look: sanitized, mentions resolved', async () => {
    const { client } = await userWithClient(app)
    const person = await createUser({ name: 'Önizleme Kişi' })
    await createOrg({ name: 'Önizleme Derneği', slug: 'onizleme-dernegi' })
    const res = await client.post('/content/preview', {
      body: `# Başlık\n\nSelam @${person.handle} ve @onizleme-dernegi <script>alert(1)</script> [x](javascript:alert(1)) [site](https://example.org)`,
    })
    expect(res.status).toBe(200)
    const { html } = await res.json()
    expect(html).toContain('<h4>Başlık</h4>')
    expect(html).toContain(`<a href="/people/${person.handle}" class="mention">@${person.handle}</a>`)
    expect(html).toContain('<a href="/orgs/onizleme-dernegi" class="mention">@onizleme-dernegi</a>')
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">site</a>')
    expect(html).toContain('&lt;script&gt;')
    expect(htmlProblems(html)).toEqual([])
  })

  it('refuses a missing or over-long body', async () => {
    const { client } = await userWithClient(app)
    expect((await client.post('/content/preview', {})).status).toBe(400)
    const long = await client.post('/content/preview', { body: 'a'.repeat(100_001) })
    expect(long.status).toBe(413)
    expect((await long.json()).error.key).toBe('content.preview.errors.tooLong')
    expect(await db.user.count()).toBeGreaterThan(0)
  })
})
