/**
 * Who hears about a new post or thread, and how: an in-app notification always, and mail by the person's
 * discussion-mail preference (immediate, daily or weekly digest, none), which a per-space setting overrides.
 *
 * Rules worth knowing:
 * - One notification per person per post (`Notification @@unique([userId, postId])`). Someone both replied
 *   to and @-mentioned in the same post gets one, the mention: it is the more deliberate call-out (as in
 *   Discourse), and the mail says so. A personal mention or reply also wins over an organization mention.
 * - Only people who may read the thread hear of it, so a mention never leaks a private space's post.
 * - Safe spaces: mails carry a link only — no title, no excerpt, no names.
 * - No mail to unverified or suspended people, nor to anyone who turned notification mail off.
 * - Everything happens in the caller's transaction: the outbox handler's, which marks its event handled
 *   with these writes (docs/decisions/014-event-outbox.md) and calls `announce(userIds)` after commit.
 *   `eventId` is that event: a notification records it, so a replayed event never tells anyone twice.
 */
import type { Tx } from '~/lib/db.server'
import { appUrl, currentOrigin } from '~/lib/origin.server'
import type { Locale, TFunction } from '~/lib/i18n'
import { can, type Actor } from '~/lib/policy'
import type { Prisma } from '~/generated/prisma/client'
import { loadActors } from '~/modules/auth/session.server'
import { extractMentions } from '~/modules/content/markdown.server'
import { resolveMentions } from '~/modules/content/mentions.server'
import { toPostRef } from '~/modules/discussions/refs.server'
import { queueMails, userMail } from '~/modules/mail/outbox.server'
import { MAIL_RECIPIENT_SELECT, mailable } from '~/modules/mail/recipients.server'
import type { MailContent } from '~/modules/mail/layout.server'
import { spaceTarget, SPACE_ACCESS_SELECT, THREAD_ACCESS_SELECT, toThreadTarget } from '~/modules/spaces/access.server'
import {
  describeNotification,
  isDiscussionKind,
  isModerationKind,
  notificationText,
  type NotificationData,
  type NotificationKind,
  type PostRef,
} from './kinds'
import { unsubscribeHeaders, unsubscribeUrl, type UnsubscribeScope } from './unsubscribe.server'

type Frequency = 'IMMEDIATE' | 'DAILY' | 'WEEKLY' | 'NONE'
type SpaceEmail = Frequency | 'DEFAULT'

export const EXCERPT_CHARS = 300

/** Plain text from the Markdown source (never the HTML): whitespace folded, cut at a word near the limit. */
export function excerpt(source: string, max = EXCERPT_CHARS) {
  const flat = source.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The per-space setting wins unless it says "as my own". */
export const effectiveFrequency = (own: Frequency, space: SpaceEmail | null | undefined): Frequency =>
  space && space !== 'DEFAULT' ? space : own

const RECIPIENT_SELECT = { ...MAIL_RECIPIENT_SELECT, discussionEmail: true } as const

interface Context {
  /** the space the notification is about, if it could be found */
  spaceId: string | null
  /** true when the space is a safe space (from the database, whatever the data says) */
  safe: boolean
  /** a plain-text excerpt of the post, never for a safe space */
  excerpt: string | null
}

async function contextFor(tx: Tx, data: Record<string, unknown>, postId: string | undefined): Promise<Context> {
  if (postId) {
    const post = await tx.post.findUnique({
      where: { id: postId },
      select: { body: true, deletedAt: true, status: true, thread: { select: { space: { select: { id: true, safeSpace: true } } } } },
    })
    if (post) {
      const safe = post.thread.space.safeSpace || data.safe === true
      const quotable = !safe && !post.deletedAt && post.status === 'VISIBLE'
      return { spaceId: post.thread.space.id, safe, excerpt: quotable ? excerpt(post.body) : null }
    }
  }
  const threadId = typeof data.threadId === 'string' ? data.threadId : null
  const space = threadId
    ? (await tx.thread.findUnique({ where: { id: threadId }, select: { space: { select: { id: true, safeSpace: true } } } }))?.space
    : typeof data.spaceSlug === 'string'
      ? await tx.space.findUnique({ where: { slug: data.spaceSlug }, select: { id: true, safeSpace: true } })
      : null
  return { spaceId: space?.id ?? null, safe: !!space?.safeSpace || data.safe === true, excerpt: null }
}

/**
 * Records one notification and mails it as the person wishes. Returns false (and does nothing) when the
 * person already has a notification about this post. `postId` makes discussion kinds unique per person
 * and post; moderation kinds may come several times about one post (hidden, then restored), so for
 * them it only tells where the post is.
 */
export async function deliver<K extends NotificationKind>(
  tx: Tx,
  userId: string,
  kind: K,
  data: NotificationData[K],
  options: Delivery = {},
): Promise<boolean> {
  const record = data as unknown as Record<string, unknown>
  return deliverIn(tx, userId, kind, record, options, await contextFor(tx, record, options.postId))
}

interface Delivery {
  postId?: string
  eventId?: bigint
}

const recipientSelect = (spaceId: string | null) =>
  ({ ...RECIPIENT_SELECT, spaceMemberships: { where: { spaceId: spaceId ?? '' }, select: { email: true } } }) as const
type RecipientRow = Prisma.UserGetPayload<{ select: ReturnType<typeof recipientSelect> }>

function loadRecipient(client: Tx, userId: string, ctx: Context) {
  return client.user.findUnique({ where: { id: userId }, select: recipientSelect(ctx.spaceId) })
}

async function loadRecipients(client: Tx, userIds: string[], ctx: Context): Promise<Map<string, RecipientRow>> {
  const users = await client.user.findMany({ where: { id: { in: userIds } }, select: recipientSelect(ctx.spaceId) })
  return new Map(users.map((u) => [u.id, u]))
}

async function deliverIn(tx: Tx, userId: string, kind: string, data: Record<string, unknown>, options: Delivery, ctx: Context) {
  const user = await loadRecipient(tx, userId, ctx)
  return user ? deliverTo(tx, user, kind, data, options, ctx) : false
}

async function deliverTo(tx: Tx, user: RecipientRow, kind: string, data: Record<string, unknown>, options: Delivery, ctx: Context) {
  return (await deliverAll(tx, [{ user, kind, data }], options, ctx)).length > 0
}

/**
 * People per statement. Far below PostgreSQL's 65,535 bind parameters, and small enough that parsing
 * and rendering one batch holds the event loop only briefly: the worker may share the process with
 * the web server, whose requests get a turn between batches (`yieldToRequests`).
 */
const BATCH = 250
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Records the notifications and queues the mails of many people at once, a few statements per thousand
 * (a new thread in a space with thousands of followers). Those who already had a notification about
 * the post (or from this event) get nothing. Returns who got one.
 */
async function deliverAll(
  tx: Tx,
  items: { user: RecipientRow; kind: string; data: Record<string, unknown> }[],
  { postId, eventId }: Delivery,
  ctx: Context,
): Promise<string[]> {
  const notified: string[] = []
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH).map((item) => {
      const frequency = effectiveFrequency(item.user.discussionEmail, item.user.spaceMemberships[0]?.email)
      const mail = mailable(item.user) && frequency !== 'NONE'
      const digest = mail && !isModerationKind(item.kind) && (frequency === 'DAILY' || frequency === 'WEEKLY')
      return { ...item, mailNow: mail && !digest, digest }
    })
    const created = await tx.notification.createManyAndReturn({
      data: batch.map(({ user, kind, data, digest }) => ({
        userId: user.id,
        kind,
        data: data as Prisma.InputJsonValue,
        postId: postId && isDiscussionKind(kind) ? postId : null,
        eventId: eventId ?? null,
        digestPending: digest,
        // a digest built later links where this came from (decision 019)
        origin: digest ? currentOrigin() : null,
      })),
      skipDuplicates: true,
      select: { userId: true },
    })
    const fresh = new Set(created.map((n) => n.userId))
    const mails = []
    for (const { user, kind, data, mailNow } of batch) {
      if (!fresh.has(user.id)) continue
      notified.push(user.id)
      if (!mailNow) continue
      const scope: UnsubscribeScope =
        kind === 'thread.created' && ctx.spaceId && user.spaceMemberships.length ? { kind: 'space', spaceId: ctx.spaceId } : { kind: 'all' }
      const unsubscribe = await unsubscribeUrl(user, scope)
      mails.push(
        userMail(user, `discussion.${kind}`, (t, locale) => discussionMail(t, locale, kind, data, ctx, unsubscribe, scope), {
          headers: unsubscribeHeaders(unsubscribe),
        }),
      )
    }
    await queueMails(tx, mails)
    await yieldToRequests()
  }
  return notified
}

const SUBJECTS: Record<string, string> = {
  'post.replied': 'replied',
  'post.mentioned': 'mentioned',
  'org.mentioned': 'orgMentioned',
  'thread.created': 'threadCreated',
}

/** The visible unsubscribe line of a discussion mail (the same link as its List-Unsubscribe header). */
export function unsubscribeLine(t: TFunction, url: string, scope: UnsubscribeScope): MailContent['unsubscribe'] {
  return {
    text: t(scope.kind === 'space' ? 'mail.discussion.whySpace' : 'mail.discussion.whyAll'),
    label: t('mail.discussion.unsubscribe'),
    url,
  }
}

function discussionMail(
  t: TFunction,
  locale: Locale,
  kind: string,
  data: Record<string, unknown>,
  ctx: Context,
  unsubscribe: string,
  scope: UnsubscribeScope,
): Omit<MailContent, 'greeting'> {
  const d = describeNotification(kind, { ...data, safe: ctx.safe }, locale)
  const common = {
    action: { label: t('mail.discussion.open'), url: `${appUrl()}${d.href}` },
    note: t('mail.discussion.frequency', { url: `${appUrl()}/settings/notifications` }),
    unsubscribe: unsubscribeLine(t, unsubscribe, scope),
  }
  if (ctx.safe) {
    // Nothing of a safe space travels by mail: not its name, not who wrote, not a word of it.
    return { subject: t('mail.discussion.safe.subject'), paragraphs: [t('mail.discussion.safe.body')], ...common }
  }
  const sentence = notificationText(t, d)
  const name = typeof data.userName === 'string' && data.userName ? data.userName : t('notifications.anonymous')
  const subjectKey = SUBJECTS[kind]
  const subject = subjectKey ? t(`mail.discussion.subject.${subjectKey}`, { ...d.vars, name }) : t('mail.discussion.subject.moderation')
  return { subject, paragraphs: [sentence, ...(ctx.excerpt ? [`“${ctx.excerpt}”`] : [])], ...common }
}

/** Can this person read the thread? (Private spaces: invited; hidden threads: moderators.) */
async function canRead(tx: Tx, actor: Actor, space: Parameters<typeof spaceTarget>[1], thread: Parameters<typeof toThreadTarget>[1]) {
  // Asked as if any suspension had ended: the notification waits in-app for then (mail never goes to
  // a suspended person, see `mailable`), so a suspension does not make them miss replies for good.
  const asReader = { ...actor, suspended: false }
  return can(asReader, 'thread.view', toThreadTarget(await spaceTarget(asReader, space, tx), thread))
}

type Pick = {
  kind: 'post.mentioned' | 'post.replied' | 'org.mentioned' | 'thread.created'
  org?: { id: string; slug: string; name: string }
}
/** Higher wins when one person qualifies twice for the same post. */
const RANK: Record<Pick['kind'], number> = { 'post.mentioned': 4, 'post.replied': 3, 'org.mentioned': 2, 'thread.created': 1 }

function offer(picks: Map<string, Pick>, userId: string | null | undefined, pick: Pick) {
  if (!userId) return
  const current = picks.get(userId)
  if (!current || RANK[pick.kind] > RANK[current.kind]) picks.set(userId, pick)
}

async function addMentions(tx: Tx, picks: Map<string, Pick>, body: string) {
  const handles = extractMentions(body)
  if (!handles.length) return
  const { users, orgs } = await resolveMentions(tx, handles)
  for (const u of users) offer(picks, u.id, { kind: 'post.mentioned' })
  if (!orgs.length) return
  const admins = await tx.membership.findMany({
    where: { orgId: { in: orgs.map((o) => o.id) }, role: 'ADMIN', status: 'ACTIVE' },
    select: { userId: true, orgId: true },
  })
  for (const a of admins) offer(picks, a.userId, { kind: 'org.mentioned', org: orgs.find((o) => o.id === a.orgId)! })
}

const THREAD_SELECT = {
  ...THREAD_ACCESS_SELECT,
  id: true,
  title: true,
  space: { select: { ...SPACE_ACCESS_SELECT, slug: true, nameTr: true, nameEn: true } },
} as const
type ThreadRow = Prisma.ThreadGetPayload<{ select: typeof THREAD_SELECT }>

const POST_SELECT = {
  id: true,
  number: true,
  body: true,
  authorId: true,
  anonymous: true,
  status: true,
  deletedAt: true,
  author: { select: { name: true } },
  parent: { select: { authorId: true } },
  thread: { select: THREAD_SELECT },
} as const

/** A new post's notifications, decided (who, why, where to mail) but not yet written. */
interface NotificationPlan {
  ctx: Context
  thread: ThreadRow
  anonymous: boolean
  authorName: string
  recipients: { user: RecipientRow; pick: Pick }[]
}

async function plan(
  client: Tx,
  thread: ThreadRow,
  post: { authorId: string | null; anonymous: boolean; authorName: string; body: string },
  picks: Map<string, Pick>,
): Promise<NotificationPlan> {
  if (post.authorId) picks.delete(post.authorId)
  const ctx: Context = {
    spaceId: thread.space.id,
    safe: thread.space.safeSpace,
    excerpt: thread.space.safeSpace ? null : excerpt(post.body),
  }
  // Two queries per batch of people (a private or safe space adds one or two per person, for their
  // invitation or accepted rules).
  const entries = [...picks]
  const recipients: NotificationPlan['recipients'] = []
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH)
    const ids = batch.map(([userId]) => userId)
    const [actors, users] = [await loadActors(ids, client), await loadRecipients(client, ids, ctx)]
    for (const [userId, pick] of batch) {
      const actor = actors.get(userId)
      const user = users.get(userId)
      if (actor && user && (await canRead(client, actor, thread.space, thread))) recipients.push({ user, pick })
    }
    await yieldToRequests()
  }
  return { ctx, thread, anonymous: post.anonymous, authorName: post.authorName, recipients }
}

/** Writes a plan's notifications (and mails) for the post; returns whom to `announce` to. */
async function deliverPlan(tx: Tx, p: NotificationPlan, post: { id: string; number: number }, eventId?: bigint): Promise<string[]> {
  if (!p.recipients.length) return []
  const ref: PostRef = toPostRef({ number: post.number, anonymous: p.anonymous, author: { name: p.authorName }, thread: p.thread })
  const items = p.recipients.map(({ user, pick }) => ({
    user,
    kind: pick.kind,
    data: (pick.org ? { ...ref, orgId: pick.org.id, orgSlug: pick.org.slug, orgName: pick.org.name } : ref) as unknown as Record<
      string,
      unknown
    >,
  }))
  return deliverAll(tx, items, { postId: post.id, eventId }, p.ctx)
}

/** The parent's author (a top-level reply: the thread's author) and the people and organizations it mentions. */
async function replyPicks(client: Tx, thread: ThreadRow, parentAuthorId: string | null | undefined, hasParent: boolean, body: string) {
  const picks = new Map<string, Pick>()
  await addMentions(client, picks, body)
  offer(picks, hasParent ? parentAuthorId : thread.authorId, { kind: 'post.replied' })
  return picks
}

const authorOf = (post: Prisma.PostGetPayload<{ select: typeof POST_SELECT }>) => ({
  authorId: post.authorId,
  anonymous: post.anonymous,
  authorName: post.author?.name ?? '',
  body: post.body,
})

/**
 * A reply became visible: its parent's author (a top-level reply: the thread's author) and the people
 * and organizations it mentions hear of it. Returns whom to `announce` to after commit.
 */
export async function notifyNewPost(tx: Tx, postId: string, { eventId }: { eventId?: bigint } = {}): Promise<string[]> {
  const post = await tx.post.findUnique({ where: { id: postId }, select: POST_SELECT })
  if (!post || post.status !== 'VISIBLE' || post.deletedAt) return []
  const picks = await replyPicks(tx, post.thread, post.parent?.authorId, !!post.parent, post.body)
  return deliverPlan(tx, await plan(tx, post.thread, authorOf(post), picks), post, eventId)
}

/** A thread became visible: the space's followers and whoever its opening post mentions. */
export async function notifyNewThread(tx: Tx, threadId: string, { eventId }: { eventId?: bigint } = {}): Promise<string[]> {
  const post = await tx.post.findUnique({ where: { threadId_number: { threadId, number: 1 } }, select: POST_SELECT })
  if (!post || post.status !== 'VISIBLE' || post.deletedAt) return []
  const picks = new Map<string, Pick>()
  const followers = await tx.spaceMember.findMany({ where: { spaceId: post.thread.space.id, following: true }, select: { userId: true } })
  for (const f of followers) offer(picks, f.userId, { kind: 'thread.created' })
  await addMentions(tx, picks, post.body)
  return deliverPlan(tx, await plan(tx, post.thread, authorOf(post), picks), post, eventId)
}
