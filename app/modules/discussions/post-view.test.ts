import { describe, expect, it } from 'vitest'
import { belongsOnPage, noReactions, viewFor, type ControlTable, type LivePost, type PostControls, type Viewer } from './post-view'
import { childPath } from './path'

const none: PostControls = { reply: false, edit: false, delete: false, react: false, report: false, moderate: false, bookmark: false }
const controls = Object.fromEntries(
  (['own', 'other'] as const).flatMap((who) =>
    (['visible', 'pending', 'hidden', 'deleted'] as const).map((state) => [
      `${who}:${state}`,
      { ...none, edit: who === 'own', report: who === 'other' },
    ]),
  ),
) as ControlTable

function post(number: number, parentPath: string | null = null): LivePost {
  const path = childPath(parentPath, number)
  return {
    id: `p${number}`,
    number,
    path,
    depth: path.length / 7 - 1,
    parentNumber: null,
    state: 'visible',
    html: `<p>${number}</p>`,
    author: { kind: 'anonymous' },
    createdAt: '2026-12-07T10:00:00.000Z',
    editedAt: null,
    revisionCount: 0,
    continueCount: 0,
    reactions: noReactions(),
    previews: [],
  }
}

describe('viewFor', () => {
  const viewer: Viewer = { ownPostIds: ['p2'], reactions: { p3: ['like'] }, bookmarks: ['p3'], lastRead: 2, controls }

  it('adds what only this viewer has: own controls (anonymous included), own reactions, what is new', () => {
    const own = viewFor(post(2), viewer, 0)
    expect(own.can.edit).toBe(true)
    expect(own.isNew).toBe(false)
    const other = viewFor(post(3), viewer, 0)
    expect(other.can).toMatchObject({ edit: false, report: true })
    expect(other.isNew).toBe(true)
    expect(other.reactions.find((r) => r.kind === 'like')).toEqual({ kind: 'like', count: 0, mine: true })
    expect(other.bookmarked).toBe(true)
    expect(own.bookmarked).toBe(false)
    expect(other).not.toHaveProperty('path')
  })

  it('counts levels from the page’s root', () => {
    const deep = post(9, childPath(childPath(null, 1), 4))
    expect(viewFor(deep, viewer, 0).level).toBe(2)
    expect(viewFor(deep, viewer, 1).level).toBe(1)
  })
})

describe('belongsOnPage', () => {
  const page = (posts: LivePost[], n: number, pages: number) => ({ posts, page: n, pages, root: null })

  it('puts a reply inside the page’s range in place, and one on the last page at its end', () => {
    const onPage = [post(1), post(3, childPath(null, 1)), post(5)]
    expect(belongsOnPage(post(7, childPath(null, 1)), page(onPage, 1, 2), 4)).toBe(true)
    expect(belongsOnPage(post(8), page(onPage, 1, 2), 4)).toBe(false)
    expect(belongsOnPage(post(8), page(onPage, 2, 2), 4)).toBe(true)
    // before the first post of a later page: it belongs to an earlier one
    expect(belongsOnPage(post(2, childPath(null, 1)), page([post(5)], 2, 2), 4)).toBe(false)
  })

  it('leaves replies deeper than the view shows, and those outside a branch, to a hint', () => {
    let parent: string | null = null
    for (const n of [1, 2, 3, 4, 5]) parent = childPath(parent, n)
    const tooDeep = post(6, parent)
    expect(belongsOnPage(tooDeep, page([post(1)], 1, 1), 4)).toBe(false)
    const branch = { posts: [post(4, childPath(null, 1))], page: 1, pages: 1, root: { path: childPath(childPath(null, 1), 4), depth: 1 } }
    expect(belongsOnPage(post(9, childPath(null, 2)), branch, 4)).toBe(false)
    expect(belongsOnPage(post(10, branch.root.path), branch, 4)).toBe(true)
  })
})
