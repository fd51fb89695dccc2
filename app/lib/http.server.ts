import { can, type Action, type Actor, type Targets } from './policy'

export const notFound = () => new Response('Not Found', { status: 404 })

/** For loaders and actions: a policy refusal becomes a 403 that the error boundary translates. */
export function requireCan<A extends Action>(actor: Actor | null, action: A, target: Targets[A]) {
  if (!can(actor, action, target)) throw new Response('Forbidden', { status: 403 })
}

/** At least one page, so "page 1 of 1" reads right for an empty list. */
export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize))

/** `?page=` as a positive integer within bounds (anything else is page 1). */
export function pageParam(url: URL, max = 10_000) {
  const n = Number(url.searchParams.get('page') ?? '1')
  return Number.isInteger(n) && n >= 1 && n <= max ? n : 1
}

/**
 * The signed-out page cache (server/page-cache.ts, docs/decisions/010-page-cache.md) stores only pages a
 * route marks with this header; the words after `public` are the events that make the copy stale.
 */
export const PAGE_CACHE_HEADER = 'x-birlikte-cache'
export const publicPageHeaders = (tags: string[]) => ({ [PAGE_CACHE_HEADER]: `public ${tags.join(' ')}` })

/** A route's `headers` export that passes its loader's cache mark on to the response. */
export const forwardPageCacheHeader = ({ loaderHeaders }: { loaderHeaders: Headers }): Record<string, string> => {
  const mark = loaderHeaders.get(PAGE_CACHE_HEADER)
  return mark ? { [PAGE_CACHE_HEADER]: mark } : {}
}
