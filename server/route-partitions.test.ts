/** The route table split by first segment matches every URL exactly as the whole table does. */
import { matchRoutes } from '@remix-run/react'
import { describe, expect, it } from 'vitest'
import type { ServerBuild } from '@remix-run/node'
import { loadServerBuild, webRoutes, concrete } from '../tests/support/route-table.ts'
import { partitionRoutes, requestSegment, routeTree } from './route-partitions.ts'

type Routes = ServerBuild['routes']

const matchedIds = (routes: Routes, pathname: string) => matchRoutes(routeTree(routes), pathname)?.map((m) => m.route.id) ?? null

describe('partitionRoutes', () => {
  it('matches every route of the app, and some near misses, as the whole table does', async () => {
    const build = await loadServerBuild()
    const parts = partitionRoutes(build.routes)
    const paths = webRoutes(build).map((r) => concrete(r.pattern))
    paths.push('/', '/nowhere', '/THREADS/x', '/threads', '/api/v1/anything/else', '/%74hreads/x', '/spaces/x/y/z')
    for (const path of paths) {
      const part = parts.get(requestSegment(path)) ?? parts.get('')!
      expect(matchedIds(part, path), path).toEqual(matchedIds(build.routes, path))
    }
    // Each part is much smaller than the whole: that is the point.
    expect(Math.max(...[...parts.values()].map((r) => Object.keys(r).length))).toBeLessThan(Object.keys(build.routes).length / 2)
  })

  it('keys single-fetch data URLs by the page they are for', () => {
    expect(requestSegment('/threads/abc.data')).toBe('threads')
    expect(requestSegment('/_root.data')).toBe('')
    expect(requestSegment('/')).toBe('')
    expect(requestSegment('/Spaces/x')).toBe('spaces')
    expect(requestSegment('/%E0%A4%A')).toBe('%e0%a4%a')
  })

  it('puts layouts and dynamic first segments in every part', () => {
    const routes = {
      root: { id: 'root', path: '' },
      'routes/_index': { id: 'routes/_index', parentId: 'root', index: true },
      'routes/$slug': { id: 'routes/$slug', parentId: 'root', path: ':slug' },
      'routes/a': { id: 'routes/a', parentId: 'root', path: 'a' },
      'routes/a.b': { id: 'routes/a.b', parentId: 'routes/a', path: 'b' },
      'routes/c': { id: 'routes/c', parentId: 'root', path: 'c/:id' },
    } as unknown as Routes
    const parts = partitionRoutes(routes)
    expect(Object.keys(parts.get('a')!).sort()).toEqual(['root', 'routes/$slug', 'routes/_index', 'routes/a', 'routes/a.b'])
    expect(Object.keys(parts.get('c')!).sort()).toEqual(['root', 'routes/$slug', 'routes/_index', 'routes/c'])
    expect(Object.keys(parts.get('')!).sort()).toEqual(['root', 'routes/$slug', 'routes/_index'])
  })
})
