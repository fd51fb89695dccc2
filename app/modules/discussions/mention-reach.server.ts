/**
 * Who of the people someone @mentions can see where they are writing (Discourse: "You mentioned @x but
 * they won't be notified because they can't see this topic"). The notification job already leaves them
 * out (notifications/discussion.server.ts asks `thread.view` the same way); this tells the writer instead
 * of letting the mention go nowhere. Only "cannot see" is ever said: not why (not invited, not verified,
 * suspended, rules not accepted), and only to someone who may read the place themselves.
 */
import { db } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { loadActors } from '~/modules/auth/session.server'
import { extractMentions } from '~/modules/content/markdown.server'
import { resolveMentions } from '~/modules/content/mentions.server'
import { SPACE_ACCESS_SELECT, spaceTarget, THREAD_ACCESS_SELECT, toThreadTarget } from '~/modules/spaces/access.server'

export type MentionPlace = { threadId: string } | { spaceId: string }

/** At most this many people are checked per request (each private or safe space costs a query or two). */
const MAX_CHECKED = 20

type Place = {
  space: { id: string; visibility: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'; safeSpace: boolean; archivedAt: Date | null }
  thread: { authorId: string | null; lockedAt: Date | null; closedAt: Date | null; hiddenAt: Date | null } | null
}

async function loadPlace(place: MentionPlace): Promise<Place | null> {
  if ('threadId' in place) {
    const t = await db.thread.findUnique({
      where: { id: place.threadId },
      select: { ...THREAD_ACCESS_SELECT, space: { select: SPACE_ACCESS_SELECT } },
    })
    return t ? { space: t.space, thread: t } : null
  }
  const s = await db.space.findUnique({ where: { id: place.spaceId }, select: SPACE_ACCESS_SELECT })
  return s ? { space: s, thread: null } : null
}

/** Whether `actor` reads the place (a thread, or a space a new thread is written in). */
async function reads(actor: Actor | null, place: Place) {
  const space = await spaceTarget(actor, place.space)
  return place.thread ? can(actor, 'thread.view', toThreadTarget(space, place.thread)) : can(actor, 'space.view', space)
}

/**
 * Of these people (by id), the ones who cannot see the place. Empty when the asker may not read it
 * themselves: nothing is said about a place one cannot see.
 */
export async function cannotSee(asker: Actor, place: MentionPlace, userIds: string[]): Promise<Set<string>> {
  const found = await loadPlace(place)
  const ids = [...new Set(userIds)].filter((id) => id !== asker.id).slice(0, MAX_CHECKED)
  if (!found || !ids.length || !(await reads(asker, found))) return new Set()
  const actors = await loadActors(ids)
  const out = new Set<string>()
  for (const id of ids) {
    const actor = actors.get(id)
    // Asked as if a suspension had ended, as the notification job does: the notice waits for them.
    if (!actor || !(await reads({ ...actor, suspended: false }, found))) out.add(id)
  }
  return out
}

/** The @handles of people mentioned in `body` who will not be told, because they cannot see the place. */
export async function unreachableMentions(asker: Actor, place: MentionPlace, body: string): Promise<string[]> {
  const handles = extractMentions(body)
  if (!handles.length) return []
  const { users } = await resolveMentions(db, handles)
  const blocked = await cannotSee(
    asker,
    place,
    users.map((u) => u.id),
  )
  return users.filter((u) => blocked.has(u.id)).map((u) => u.handle)
}

/** Handles as they may appear in a `?unreached=` list: what a mention can be, nothing else. */
export const HANDLE_LIST = /^[a-z0-9-]{1,60}(,[a-z0-9-]{1,60}){0,9}$/

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** `thread=<id>` or `space=<id>` from a query or a form, or null. */
export function placeFrom(params: URLSearchParams | FormData): MentionPlace | null {
  const thread = params.get('thread')
  if (typeof thread === 'string' && ID.test(thread)) return { threadId: thread }
  const space = params.get('space')
  if (typeof space === 'string' && ID.test(space)) return { spaceId: space }
  return null
}

/**
 * `?unreached=a,b` after posting (the thread page's notice), checked again rather than echoed: a crafted
 * link cannot make the page claim something about anyone. Costs nothing on an ordinary page load.
 */
export async function unreachedFromUrl(actor: Actor | null, threadId: string, url: URL): Promise<string[]> {
  const raw = url.searchParams.get('unreached')
  if (!actor || !raw || !HANDLE_LIST.test(raw)) return []
  return unreachableMentions(
    actor,
    { threadId },
    raw
      .split(',')
      .map((h) => `@${h}`)
      .join(' '),
  )
}
