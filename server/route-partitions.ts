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
