/**
 * Every address the app answers, read from what it actually serves — the Remix server build's route
 * manifest and the API registry — so a test written over these lists also covers a route added later.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { ENDPOINTS } from '../../app/modules/api/registry.server.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** The server build the test app runs (BUILD_DIR, like server/app-server.ts). */
export async function loadServerBuild(): Promise<ServerBuild> {
  const dir = process.env.BUILD_DIR || 'build'
  return (await import(pathToFileURL(path.join(ROOT, dir, 'index.js')).href)) as ServerBuild
}

/** A stand-in for every dynamic segment: any id works, since the checks under test come before routing. */
export const DUMMY = 'x'

export interface WebRoute {
  id: string
  /** the full pattern, e.g. "/threads/:id/posts/:number" */
  pattern: string
  /** the pattern with its parameters filled in */
  url: string
  /** where a form posts to reach this route's action (index routes need ?index) */
  actionUrl: string | null
  hasLoader: boolean
}

/** "threads/:id/posts/:number?" → "/threads/x/posts/x"; "api/v1/*" → "/api/v1/x". */
export function concrete(pattern: string, fill = DUMMY) {
  const segments = pattern
    .split('/')
    .filter(Boolean)
    .map((s) => (s === '*' || s.startsWith(':') ? fill : s.replace(/\?$/, '')))
  return `/${segments.join('/')}`
}

export function webRoutes(build: ServerBuild): WebRoute[] {
  const full = (id: string | undefined): string => {
    if (!id) return ''
    const route = build.routes[id]
    const own = route.path ?? ''
    const parent = full(route.parentId)
    return own ? `${parent}/${own}` : parent
  }
  const routes: WebRoute[] = []
  for (const [id, route] of Object.entries(build.routes)) {
    // A pathless layout (no path, not an index) has no address of its own; its children are listed.
    if (id !== 'root' && route.path === undefined && !route.index) continue
    const pattern = full(id) || '/'
    const url = concrete(pattern)
    const hasAction = Boolean(route.module.action)
    routes.push({
      id,
      pattern,
      url,
      actionUrl: hasAction ? (route.index ? `${url}${url.includes('?') ? '&' : '?'}index` : url) : null,
      hasLoader: Boolean(route.module.loader),
    })
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern))
}

/** Single fetch (Remix v3_singleFetch) reads and posts the same routes at "<path>.data". */
export const dataUrl = (url: string) => {
  const [pathname, query] = url.split('?')
  return `${pathname === '/' ? '/_root' : pathname}.data${query ? `?${query}` : ''}`
}

export interface ApiOperation {
  id: string
  method: string
  /** "/api/v1/threads/{id}" */
  pattern: string
  url: string
  mutating: boolean
  hasBody: boolean
}

export function apiOperations(): ApiOperation[] {
  return ENDPOINTS.map((e) => ({
    id: e.id,
    method: e.method,
    pattern: `/api/v1${e.path}`,
    url: `/api/v1${e.path.replace(/\{[^}]+\}/g, DUMMY)}`,
    mutating: e.method !== 'GET',
    hasBody: Boolean(e.body),
  }))
}
