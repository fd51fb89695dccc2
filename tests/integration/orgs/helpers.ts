/** Helpers shared by the organization tests (not a test file itself). */
import { rm } from 'node:fs/promises'
import { lucia } from '../../../app/modules/auth/lucia.server.ts'
import { db } from '../../../app/lib/db.server.ts'
import type { RunningServer } from '../../../server/app-server.ts'
import { TestClient } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'

export type App = RunningServer

/** A browser-like client with a real session for the user (sign-in itself is tested elsewhere). */
export async function clientFor(app: App, userId: string | null, lang: 'en' | 'tr' = 'en') {
  const client = TestClient.for(app, { 'accept-language': lang })
  if (userId) {
    const session = await lucia.createSession(userId, { rememberMe: true })
    client.cookies.set('birlikte_session', session.id)
  }
  return client
}

export async function userWithClient(app: App, overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides)
  return { user, client: await clientFor(app, user.id, (overrides.locale as 'en' | 'tr' | undefined) ?? 'en') }
}

/** HTML text with React's entity escapes undone, for comparing against translated messages. */
export function readable(html: string) {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The text of the page's role=status line holding the directory's result count. */
export function resultCount(html: string) {
  const m = /data-testid="org-count"[^>]*>([^<]*)</.exec(html)
  return m ? readable(m[1]) : undefined
}

/** Slugs of the organizations listed on a directory page, in order. */
export function listedSlugs(html: string) {
  return [...html.matchAll(/<h2[^>]*><a[^>]*href="\/orgs\/([a-z0-9-]+)"/g)].map((m) => m[1])
}

export function membership(userId: string, orgId: string) {
  return db.membership.findUnique({ where: { userId_orgId: { userId, orgId } } })
}

/** Removes the files a test file's app wrote (its DATA_DIR is unique to the file). */
export async function removeDataDir() {
  if (process.env.DATA_DIR?.startsWith('data/test/files/')) await rm(process.env.DATA_DIR, { recursive: true, force: true })
}
