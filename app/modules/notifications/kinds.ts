/**
 * What each kind of notification carries and how it reads. A notification stores names as they were
 * when it happened (an org renamed later still reads sensibly), and the page turns kind + data into a
 * translated sentence and a link. Shared by server and browser: no database here.
 */

export interface OrgRef {
  orgId: string
  orgSlug: string
  orgName: string
}

/**
 * What a discussion notification names. For a safe space the title stays empty: a notification (and any
 * mail made from it) carries only a link to such content, never the content itself.
 */
export interface ThreadRef {
  threadId: string
  threadTitle: string
  spaceSlug: string
  spaceNameTr: string
  spaceNameEn: string
  safe: boolean
}
export interface PostRef extends ThreadRef {
  postNumber: number
  /** who wrote it: empty for an anonymous post */
  userName: string
}

export interface NotificationData {
  'membership.requested': OrgRef & { userId: string; userName: string }
  'membership.approved': OrgRef
  'membership.declined': OrgRef & { reason?: string }
  'membership.roleChanged': OrgRef & { role: 'MEMBER' | 'ADMIN' }
  'membership.removed': OrgRef & { reason?: string }
  'org.submitted': OrgRef & { userName: string }
  'org.approved': OrgRef
  'org.rejected': OrgRef & { reason?: string }
  'post.replied': PostRef
  'post.mentioned': PostRef
  /** an organization you administer was @-mentioned */
  'org.mentioned': PostRef & OrgRef
  /** a new thread in a space you follow (postNumber is 1) */
  'thread.created': PostRef
  'moderation.postHidden': PostRef & { reason?: string }
  'moderation.postRestored': PostRef
  'moderation.postEdited': PostRef & { reason?: string }
  'moderation.postApproved': PostRef
  'moderation.postRejected': PostRef & { reason?: string }
  'moderation.threadLocked': ThreadRef & { reason?: string }
  'moderation.threadMoved': ThreadRef & { reason?: string }
  'moderation.threadHidden': ThreadRef & { reason?: string }
  'moderation.warned': { spaceSlug: string; spaceNameTr: string; spaceNameEn: string; reason: string }
  /** to the person who reported: a moderator decided */
  'report.resolved': PostRef & { outcome: 'hidden' | 'kept' }
  /**
   * to a moderator: a post entered the queue they may act on (a report, or a first post waiting for
   * approval). Names no author (an anonymous one stays so; the queue shows moderators the rest).
   */
  'moderation.review': PostRef & { postId: string; cause: 'report' | 'pending' }
}
export type NotificationKind = keyof NotificationData

export const NOTIFICATION_KINDS = [
  'membership.requested',
  'membership.approved',
  'membership.declined',
  'membership.roleChanged',
  'membership.removed',
  'org.submitted',
  'org.approved',
  'org.rejected',
  'post.replied',
  'post.mentioned',
  'org.mentioned',
  'thread.created',
  'moderation.postHidden',
  'moderation.postRestored',
  'moderation.postEdited',
  'moderation.postApproved',
  'moderation.postRejected',
  'moderation.threadLocked',
  'moderation.threadMoved',
  'moderation.threadHidden',
  'moderation.warned',
  'report.resolved',
  'moderation.review',
] as const satisfies readonly NotificationKind[]

export interface DescribedNotification {
  /** translation key of the sentence */
  key: string
  vars: Record<string, string>
  /**
   * Placeholders that are sentences of their own (where it happened, "an anonymous member"):
   * translated first, then put into `key` — see `notificationText`.
   */
  phrases?: Record<string, { key: string; vars: Record<string, string> }>
  /** where following the notification leads (always a path on this site) */
  href: string
  /** about a safe space: mails carry a link only, never the title, names or text */
  safe?: boolean
}

/** Kinds about discussions: mailed by the person's discussion-mail preference (discussion.server.ts). */
export const DISCUSSION_KINDS = [
  'post.replied',
  'post.mentioned',
  'org.mentioned',
  'thread.created',
] as const satisfies readonly NotificationKind[]

/** Decisions about a person's own posts and threads: always in-app, mailed at once unless they chose no mail. */
export const MODERATION_KINDS = [
  'moderation.postHidden',
  'moderation.postRestored',
  'moderation.postEdited',
  'moderation.postApproved',
  'moderation.postRejected',
  'moderation.threadLocked',
  'moderation.threadMoved',
  'moderation.threadHidden',
  'moderation.warned',
  'report.resolved',
] as const satisfies readonly NotificationKind[]

/**
 * Alerts to moderators about what waits for them (moderation/alerts.server.ts): mailed by their own
 * "items to review" setting, and marked read for everyone once one of them has handled the item.
 */
export const REVIEW_KINDS = ['moderation.review'] as const satisfies readonly NotificationKind[]

export const isDiscussionKind = (kind: string) => (DISCUSSION_KINDS as readonly string[]).includes(kind)
export const isModerationKind = (kind: string) => (MODERATION_KINDS as readonly string[]).includes(kind)

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** Thread ids are cuids: anything else in stored data never becomes part of a link. */
const ID = /^[a-z0-9]{1,64}$/i
const str = (v: unknown) => (typeof v === 'string' ? v : '')

function record(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
}

/**
 * Where a discussion notification leads and the phrases that say where it happened. A safe space is
 * named (the reader belongs to it) but its thread title and its authors never appear.
 */
function discussionParts(d: Record<string, unknown>, locale: 'tr' | 'en') {
  const threadId = str(d.threadId)
  const number = typeof d.postNumber === 'number' && Number.isInteger(d.postNumber) && d.postNumber > 0 ? d.postNumber : null
  const spaceSlug = str(d.spaceSlug)
  const threadPath = ID.test(threadId) ? `/threads/${threadId}` : null
  const safe = d.safe === true
  const vars = {
    title: safe ? '' : str(d.threadTitle),
    space: str(locale === 'en' ? d.spaceNameEn : d.spaceNameTr) || str(d.spaceNameTr) || str(d.spaceNameEn),
  }
  const place = safe ? 'safe' : 'thread'
  return {
    safe,
    postHref: threadPath && number ? `${threadPath}/posts/${number}` : (threadPath ?? '/notifications'),
    threadHref: threadPath ?? '/notifications',
    spaceHref: SLUG.test(spaceSlug) ? `/spaces/${spaceSlug}` : '/spaces',
    phrases: {
      where: { key: `notifications.where.${place}`, vars },
      whereOf: { key: `notifications.whereOf.${place}`, vars },
      thread: { key: `notifications.yourThread.${place}`, vars },
      // A safe space's author is never named, also in notifications stored before that rule.
      ...(safe
        ? { name: { key: 'notifications.someone', vars: {} } }
        : str(d.userName)
          ? {}
          : { name: { key: 'notifications.anonymous', vars: {} } }),
    },
    vars,
  }
}

/** Shown instead of a notification whose discussion the person may no longer read (access.server.ts). */
export const UNAVAILABLE_KIND = 'discussion.unavailable'

export function describeNotification(kind: string, data: unknown, locale: 'tr' | 'en' = 'tr'): DescribedNotification {
  if (kind === UNAVAILABLE_KIND) return { key: 'notifications.kinds.unavailable', vars: {}, href: '/notifications' }
  const d = record(data)
  const slug = str(d.orgSlug)
  const orgPath = SLUG.test(slug) ? `/orgs/${slug}` : null
  const vars = { org: str(d.orgName), name: str(d.userName), reason: str(d.reason) }
  const k = (suffix: string) => `notifications.kinds.${suffix}`
  switch (kind as NotificationKind) {
    case 'membership.requested':
      return { key: k('membership.requested'), vars, href: orgPath ? `${orgPath}/members` : '/notifications' }
    case 'membership.approved':
      return { key: k('membership.approved'), vars, href: orgPath ?? '/notifications' }
    case 'membership.declined':
      return { key: k(vars.reason ? 'membership.declinedReason' : 'membership.declined'), vars, href: orgPath ?? '/orgs' }
    case 'membership.roleChanged':
      return {
        key: k(d.role === 'ADMIN' ? 'membership.roleChangedAdmin' : 'membership.roleChangedMember'),
        vars,
        href: orgPath ?? '/notifications',
      }
    case 'membership.removed':
      return { key: k(vars.reason ? 'membership.removedReason' : 'membership.removed'), vars, href: orgPath ?? '/orgs' }
    case 'org.submitted':
      // Platform admins decide in the admin area's queue.
      return { key: k('org.submitted'), vars, href: '/admin/orgs' }
    case 'org.approved':
      return { key: k('org.approved'), vars, href: orgPath ?? '/orgs' }
    case 'org.rejected':
      return { key: k(vars.reason ? 'org.rejectedReason' : 'org.rejected'), vars, href: orgPath ?? '/orgs' }
    case 'post.replied':
    case 'post.mentioned':
    case 'org.mentioned':
    case 'moderation.postHidden':
    case 'moderation.postRestored':
    case 'moderation.postEdited':
    case 'moderation.postApproved':
    case 'moderation.postRejected':
    case 'report.resolved': {
      const p = discussionParts(d, locale)
      const withReason = ['moderation.postHidden', 'moderation.postEdited', 'moderation.postRejected'].includes(kind) && vars.reason
      const suffix = kind === 'report.resolved' ? (d.outcome === 'hidden' ? 'Hidden' : 'Kept') : withReason ? 'Reason' : ''
      return { key: k(`${kind}${suffix}`), vars: { ...vars, ...p.vars }, phrases: p.phrases, href: p.postHref, safe: p.safe }
    }
    case 'thread.created': {
      const p = discussionParts(d, locale)
      return {
        key: k(p.safe ? 'thread.createdSafe' : 'thread.created'),
        vars: { ...vars, ...p.vars },
        phrases: p.phrases,
        href: p.postHref,
        safe: p.safe,
      }
    }
    case 'moderation.threadLocked':
    case 'moderation.threadMoved':
    case 'moderation.threadHidden': {
      const p = discussionParts(d, locale)
      return {
        key: k(`${kind}${vars.reason ? 'Reason' : ''}`),
        vars: { ...vars, ...p.vars },
        phrases: p.phrases,
        href: p.threadHref,
        safe: p.safe,
      }
    }
    case 'moderation.review': {
      const p = discussionParts(d, locale)
      const threadPath = p.threadHref === '/notifications' ? null : p.threadHref
      const number = typeof d.postNumber === 'number' && Number.isInteger(d.postNumber) && d.postNumber > 0 ? d.postNumber : null
      const what = d.cause === 'report' ? 'Report' : number === 1 ? 'PendingThread' : 'Pending'
      return {
        key: k(`moderation.review${what}`),
        vars: { ...vars, ...p.vars },
        phrases: p.phrases,
        // Straight to the item's own moderation page, where it can be handled.
        href: threadPath && number ? `${threadPath}/posts/${number}/moderate` : '/moderation',
        safe: p.safe,
      }
    }
    case 'moderation.warned': {
      const p = discussionParts(d, locale)
      return { key: k('moderation.warned'), vars: { ...vars, ...p.vars }, href: p.spaceHref }
    }
    default:
      return { key: k('unknown'), vars, href: '/notifications' }
  }
}

/** The sentence of a described notification, with its phrases translated and put in place. */
export function notificationText(
  t: (key: string, vars?: Record<string, string>) => string,
  d: Pick<DescribedNotification, 'key' | 'vars' | 'phrases'>,
) {
  const vars = { ...d.vars }
  for (const [name, phrase] of Object.entries(d.phrases ?? {})) vars[name] = t(phrase.key, phrase.vars)
  return t(d.key, vars)
}
