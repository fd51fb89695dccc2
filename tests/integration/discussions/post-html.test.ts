/**
 * The thread page's kept post markup (app/modules/discussions/post-html.server.tsx): a page made from
 * kept posts is the page made afresh, byte for byte; a post that changed (a reaction) is rendered again
 * while the others come from the store; what differs per reader (their own post's controls, their
 * language) is a different entry, never another reader's markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearPostHtml, postHtmlStats } from '../../../app/modules/discussions/post-html.server.tsx'
import { toggleReaction } from '../../../app/modules/discussions/posting.server.ts'
import { startTestApp } from '../../support/app.ts'
import { clientFor, removeDataDir, type App } from '../orgs/helpers.ts'
import { createSpace, person, reply, thread } from './helpers.ts'

let app: App
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
  await removeDataDir()
})

/** The posts' part of the page: the slots, from the first to the last. */
const postList = (html: string) => html.slice(html.indexOf('<div class="post-slot"'), html.lastIndexOf('</article></div>'))
const settle = () => new Promise((r) => setTimeout(r, 50))
const articles = (html: string) => html.match(/<article[\s\S]*?<\/article>/g) ?? []

describe('kept post markup', () => {
  it('makes the same page from kept posts as afresh, and renders again only a post that changed', async () => {
    const space = await createSpace()
    const author = await person({ name: 'Ayşe Yılmaz' })
    const reader = await person({ name: 'Can Demir' })
    const t = await thread(author.actor, space.id, 'Saklanan mesajlar')
    const first = await reply(reader.actor, t.threadId, 'Birinci yanıt, @' + (author.user.handle ?? ''))
    await reply(author.actor, t.threadId, 'İkinci yanıt **kalın**', first.number)
    const client = await clientFor(app, reader.user.id)
    const path = `/threads/${t.threadId}?page=1`

    clearPostHtml()
    const fresh = (await client.page(path)).html
    expect(postHtmlStats()).toMatchObject({ hits: 0, misses: 3 })
    await settle()
    expect(postHtmlStats().entries).toBe(3)

    const kept = (await client.page(path)).html
    expect(postHtmlStats()).toMatchObject({ hits: 3, misses: 3 })
    expect(articles(kept)).toHaveLength(3)
    expect(postList(kept)).toBe(postList(fresh))

    // A reaction changes post 2's props: that one is rendered again, with its new count.
    await toggleReaction(author.actor, { postId: first.postId, kind: 'like' })
    const after = (await client.page(path)).html
    expect(postHtmlStats()).toMatchObject({ hits: 5, misses: 4 })
    expect(articles(after)[1]).toMatch(
      /aria-pressed="false" class="reaction"><span aria-hidden="true">👍<\/span><span class="sr-only">Like<\/span>1</,
    )
    expect(articles(after)[0]).toBe(articles(kept)[0])
  })

  it("never gives one reader another's controls or language", async () => {
    const space = await createSpace()
    const author = await person({ name: 'Elif Kaya' })
    const t = await thread(author.actor, space.id, 'Kimin düğmeleri')
    const own = await clientFor(app, author.user.id)
    const other = await clientFor(app, (await person()).user.id)
    const turkish = await clientFor(app, (await person({ locale: 'tr' })).user.id, 'tr')
    const path = `/threads/${t.threadId}?page=1`
    clearPostHtml()
    const mine = articles((await own.page(path)).html)[0]
    await settle()
    const theirs = articles((await other.page(path)).html)[0]
    await settle()
    const inTurkish = articles((await turkish.page(path)).html)[0]
    expect(mine).toContain('/posts/1/edit')
    expect(theirs).not.toContain('/posts/1/edit')
    expect(theirs).toContain('Report')
    expect(inTurkish).toContain('Bildir')
    expect(postHtmlStats()).toMatchObject({ hits: 0, misses: 3 })
  })
})
