/**
 * What one HTTP request shares across the loaders it runs. Remix hands every loader its own copy of the
 * Request (it strips `?index` into a new one), so a cache keyed by the Request object is per loader, not
 * per request: the page's root and route loaders each validated the session — two queries, and the
 * heaviest one to plan. Express runs each request inside `inRequestScope` (server/remix-handler.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { singleton } from './singleton.server'

const store = singleton('request-scope', () => new AsyncLocalStorage<Map<string, unknown>>())

export function inRequestScope<T>(fn: () => T): T {
  return store.run(new Map(), fn)
}

/** `create()`'s value, made once per request under `key` (made every time outside a request). */
export function requestMemo<T>(key: string, create: () => T): T {
  const scope = store.getStore()
  if (!scope) return create()
  if (scope.has(key)) return scope.get(key) as T
  const value = create()
  scope.set(key, value)
  return value
}
