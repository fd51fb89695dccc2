/**
 * Remix matches a URL by flattening and ranking the whole route table, several times per request (the
 * handler, the static handler, the router's render, the partial manifest), so every route added makes
 * every request slower. Done once here instead: the table is split by the first URL segment, and each
 * request goes to a Remix handler that only knows the routes that can match it.
 *
 * A route whose path starts with a literal segment ("threads/:id") goes to that segment's part; routes
 * with no path of their own (root, index, layouts) or a dynamic first segment ($slug, *) go to every
 * part. Matching the smaller table gives the same result as matching the whole one: the routes left out
 * start with a different literal segment, so they could not have matched.
 */
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'
import { pageI18n, type PageI18n } from '../app/lib/i18n-routes.ts'

type Routes = ServerBuild['routes']

/** The first segment of a route's full path, lower-cased, or null when it is empty or dynamic. */
function firstSegment(routes: Routes, id: string): string | null {
  const parts: string[] = []
  for (let r: Routes[string] | undefined = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path)
  const first = parts.join('/').split('/').find(Boolean)
  if (!first || first.startsWith(':') || first.startsWith('*') || first.includes('?')) return null
  return first.toLowerCase()
}

/** The route tables by first segment, and `''` for a URL whose first segment no literal route has. */
export function partitionRoutes(routes: Routes): Map<string, Routes> {
  const bySegment = new Map<string, string[]>()
  const everywhere: string[] = []
  for (const id of Object.keys(routes)) {
    const segment = firstSegment(routes, id)
    if (segment === null) everywhere.push(id)
    else bySegment.set(segment, [...(bySegment.get(segment) ?? []), id])
  }
  const pick = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, routes[id]])) as Routes
  const parts = new Map<string, Routes>([['', pick(everywhere)]])
  for (const [segment, ids] of bySegment) parts.set(segment, pick([...everywhere, ...ids]))
  return parts
}

/** The first segment of a request's path as the partitions are keyed (single-fetch `.data` URLs too). */
export function requestSegment(pathname: string): string {
  const path = pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/')
  const raw = path.split('/').find(Boolean) ?? ''
  try {
    return decodeURIComponent(raw).toLowerCase()
  } catch {
    return raw.toLowerCase()
  }
}

/** The route table as the router's tree (ids, paths, index flags), for matching. */
type RouteObject = Parameters<typeof matchRoutes>[0][number]

export function routeTree(routes: Routes, parentId?: string): RouteObject[] {
  return Object.values(routes)
    .filter((r) => r.parentId === parentId)
    .map((r): RouteObject =>
      r.index ? { id: r.id, index: true, path: r.path } : { id: r.id, path: r.path, children: routeTree(routes, r.id) },
    )
}

/**
 * The translation namespaces of the page at a path (app/lib/i18n-routes.ts), from one part of the table.
 * Kept per set of matched routes: a few dozen combinations for the whole app.
 */
export function pageNamespaces(routes: Routes) {
  const tree = routeTree(routes)
  const byMatch = new Map<string, PageI18n>()
  // Matching flattens and ranks the table again each time: recent paths (a busy thread's readers ask
  // for the same one) are remembered, a bounded number of them.
  const byPath = new Map<string, PageI18n>()
  return (pathname: string): PageI18n => {
    const known = byPath.get(pathname)
    if (known) return known
    const path = pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/')
    const ids = matchRoutes(tree, path)?.map((m) => m.route.id as string) ?? ['root']
    const key = ids.join('|')
    let page = byMatch.get(key)
    if (!page) {
      page = pageI18n(ids.map((id) => ({ handle: routes[id]?.module.handle, isPage: typeof routes[id]?.module.default === 'function' })))
      byMatch.set(key, page)
    }
    if (byPath.size >= 5_000) byPath.clear()
    byPath.set(pathname, page)
    return page
  }
}
