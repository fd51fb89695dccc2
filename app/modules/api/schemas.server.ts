/**
 * The shapes the API answers with. Each is registered under a name, so the OpenAPI document lists it
 * once under components.schemas and refers to it everywhere else.
 */
import { z } from '~/lib/validation'
import { REACTION_KINDS } from '~/modules/discussions/reactions'
import { SPACE_EMAILS, SPACE_VISIBILITIES } from '~/modules/spaces/form'
import { ERROR_CODES } from './errors.server'

export const apiSchemas = z.registry<{ id: string; description?: string }>()

function named<S extends z.ZodType>(id: string, schema: S, description?: string) {
  apiSchemas.add(schema, { id, description })
  return schema
}

export const ErrorSchema = named(
  'Error',
  z.object({
    error: z.object({
      // origin_mismatch comes from the server's cross-site guard (server/http.ts), before the API sees the request.
      code: z.enum([...ERROR_CODES, 'origin_mismatch']),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())),
    }),
  }),
  'Every error: a stable code for programs and a message (and per-field messages) in the caller’s language.',
)

const PartState = z.enum(['up', 'behind', 'down']).describe('behind: work waits longer than it should')

export const HealthSchema = named(
  'Health',
  z.object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['up', 'down']),
    version: z.string(),
    checkedAt: z.string().describe('ISO 8601'),
    jobs: z.object({
      state: PartState,
      waiting: z.number().int(),
      failing: z.number().int(),
      oldestWaitingSeconds: z.number().int().nullable(),
    }),
    mail: z.object({
      state: PartState,
      waiting: z.number().int(),
      failedLastDay: z.number().int(),
      oldestWaitingSeconds: z.number().int().nullable(),
    }),
    search: z.object({ state: PartState, engine: z.enum(['postgres']) }),
  }),
)

const Localized = named('LocalizedText', z.object({ tr: z.string(), en: z.string() }), 'The same text in Turkish and English.')

export const MembershipSchema = named(
  'Membership',
  z.object({
    org: z.object({ slug: z.string(), name: z.string() }),
    role: z.enum(['MEMBER', 'ADMIN']),
    status: z.enum(['PENDING', 'ACTIVE', 'DECLINED']),
  }),
)

export const MeSchema = named(
  'Me',
  z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['MEMBER', 'MODERATOR', 'ADMIN']),
    locale: z.enum(['tr', 'en']).nullable().describe('The interface language; null follows the browser.'),
    timeZone: z.string().describe('An IANA time zone, e.g. Europe/Istanbul.'),
    notifyByEmail: z.boolean(),
    emailVerified: z.boolean(),
    memberships: z.array(MembershipSchema),
  }),
)

const ThemeSchema = named('Theme', z.object({ slug: z.string(), name: Localized }))

export const ORG_TYPES = ['MEMBER_CSO', 'INTERNATIONAL_PARTNER', 'COORDINATING_CENTRE'] as const

export const OrganizationSummarySchema = named(
  'OrganizationSummary',
  z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    type: z.enum(ORG_TYPES),
    city: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2'),
    website: z.string().nullable(),
    logoUrl: z.string().nullable(),
    url: z.string().describe('The organization’s page on birlikte.'),
    themes: z.array(ThemeSchema),
    description: Localized,
  }),
)

export const OrganizationSchema = named(
  'Organization',
  OrganizationSummarySchema.extend({
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
    createdAt: z.iso.datetime(),
    memberCount: z.number().int().min(0),
  }),
)

export const OrganizationPageSchema = named(
  'OrganizationPage',
  z.object({
    items: z.array(OrganizationSummarySchema),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(100),
    total: z.number().int().min(0),
    pages: z.number().int().min(1),
  }),
)

export const PersonSchema = named(
  'Person',
  z.object({
    handle: z.string().describe('Their @handle: mentions and the profile address use it'),
    name: z.string(),
    url: z.string(),
    avatarUrl: z.string().nullable().describe('Null: no picture; clients show initials'),
    staffRole: z.enum(['MODERATOR', 'ADMIN']).nullable(),
    memberSince: z.iso.datetime(),
    aboutHtml: z.string().describe('Sanitized HTML rendered from the person’s Markdown; empty when they wrote nothing'),
    city: z.string().nullable(),
    languages: z.array(z.string()).describe('ISO 639 codes'),
    organizations: z
      .array(z.object({ slug: z.string(), name: z.string(), role: z.enum(['MEMBER', 'ADMIN']) }))
      .nullable()
      .describe('Null: the person does not show their organizations'),
    recentPosts: z
      .array(
        z.object({
          threadId: z.string(),
          number: z.number().int().min(1),
          url: z.string(),
          threadTitle: z.string(),
          createdAt: z.iso.datetime(),
        }),
      )
      .nullable()
      .describe('Their latest posts that the caller may read, never anonymous ones. Null: the person does not show them'),
  }),
  'A person’s profile, as they chose to show it. Members-only profiles answer 404 to callers who are not signed in.',
)

export const OpenApiDocumentSchema = named(
  'OpenApiDocument',
  z.record(z.string(), z.unknown()),
  'This document: OpenAPI 3.1, generated from the same schemas that validate requests.',
)

// ---- Spaces, threads and posts ---------------------------------------------------------------

const datetime = z.iso.datetime()
const count = z.number().int().min(0)
const postNumber = z.number().int().min(1)

export const CursorPageInfo = {
  nextCursor: z.string().nullable().describe('Pass as `cursor` to read the next page; null on the last page.'),
}

const SpaceMembershipSchema = named(
  'SpaceMembership',
  z.object({
    role: z.enum(['MEMBER', 'MODERATOR']),
    following: z.boolean().describe('Told about new threads.'),
    email: z.enum(SPACE_EMAILS).describe('How mail about this space reaches the person; DEFAULT follows their account setting.'),
  }),
  'The caller’s own relation to a space they joined.',
)

export const SpaceSummarySchema = named(
  'SpaceSummary',
  z.object({
    id: z.string(),
    slug: z.string(),
    url: z.string().describe('The space’s page on birlikte.'),
    name: Localized,
    description: Localized,
    icon: z.string(),
    color: z.string(),
    visibility: z
      .enum(SPACE_VISIBILITIES)
      .describe('PUBLIC: readable signed out; MEMBERS: any signed-in member; PRIVATE: invited organizations and people.'),
    safeSpace: z.boolean().describe('Content never leaves birlikte: refused to personal API tokens, never readable signed out.'),
    archived: z.boolean(),
    allowAnonymous: z.boolean().describe('Members may post without showing their name (moderators still see it).'),
    approveNewPosts: z.boolean().describe('A person’s first post here waits for a moderator.'),
    themes: z.array(ThemeSchema),
    threadCount: count,
    postCount: count,
    lastActivityAt: datetime.nullable(),
    createdAt: datetime,
    membership: SpaceMembershipSchema.nullable(),
    unread: count.nullable().describe('Threads with posts the caller has not read; null when signed out.'),
  }),
)

export const SpaceSchema = named(
  'Space',
  SpaceSummarySchema.extend({
    rules: Localized.describe('Shown before a member’s first post; a safe space asks members to accept them once.'),
    membership: SpaceMembershipSchema.extend({ rulesAcceptedAt: datetime.nullable(), joinedAt: datetime }).nullable(),
    can: z.object({ join: z.boolean(), createThread: z.boolean() }).describe('What the caller may do here.'),
  }),
)

export const SpacePageSchema = named('SpacePage', z.object({ items: z.array(SpaceSummarySchema), ...CursorPageInfo }))

const AuthorSchema = named(
  'Author',
  z.object({
    id: z.string(),
    name: z.string(),
    handle: z
      .string()
      .nullable()
      .describe(
        'Their profile’s address: `/people/{handle}`, and `GET /people/{handle}` here. Null for an anonymous post’s author, whom only moderators see.',
      ),
  }),
  'A post’s or thread’s author. Null in its place: anonymous (unless the caller moderates the space) or a deleted account.',
)

export const ThreadSummarySchema = named(
  'ThreadSummary',
  z.object({
    id: z.string(),
    title: z.string(),
    url: z.string(),
    author: AuthorSchema.nullable(),
    anonymous: z.boolean(),
    replyCount: count,
    lastPostNumber: count,
    createdAt: datetime,
    lastPostAt: datetime,
    pinned: z.boolean(),
    locked: z.boolean(),
    closed: z.boolean(),
    hidden: z.boolean().describe('Hidden by a moderator; listed for the space’s moderators only.'),
    unread: count.nullable().describe('Posts above the caller’s last-read post; null when signed out or never opened.'),
    isNew: z.boolean().describe('Never opened, and active since the caller joined the space.'),
  }),
)

export const ThreadListSchema = named('ThreadList', z.object({ items: z.array(ThreadSummarySchema), ...CursorPageInfo }))

export const PostSchema = named(
  'Post',
  z.object({
    id: z.string(),
    threadId: z.string(),
    number: postNumber.describe('Stable within the thread: 1 is the opening post.'),
    url: z.string(),
    parentNumber: postNumber.nullable().describe('The post this one replies to.'),
    level: count.describe('Levels below the root of the view it was read in.'),
    state: z
      .enum(['visible', 'pending', 'hidden', 'deleted'])
      .describe('pending: waiting for a moderator; hidden and deleted posts are placeholders for most readers.'),
    html: z.string().nullable().describe('Sanitized HTML; null when the caller may not read the text (hidden or deleted).'),
    author: AuthorSchema.nullable(),
    anonymous: z.boolean(),
    createdAt: datetime,
    editedAt: datetime.nullable(),
    revisionCount: count,
    isNew: z.boolean().describe('Above the caller’s last-read post when the page was loaded.'),
    continueCount: count.describe('Replies deeper than this view shows: read them with `root` set to this post’s number.'),
    reactions: z.array(z.object({ kind: z.enum(REACTION_KINDS), count, mine: z.boolean() })),
    can: z.object({
      reply: z.boolean(),
      edit: z.boolean(),
      delete: z.boolean(),
      react: z.boolean(),
      report: z.boolean(),
      moderate: z.boolean(),
    }),
  }),
)

export const PostDetailSchema = named(
  'PostDetail',
  PostSchema.extend({
    page: z.number().int().min(1).describe('The page of the thread that shows this post.'),
    root: postNumber.nullable().describe('The branch (`root`) that shows it, for deeply nested replies; null: the main view.'),
    thread: z.object({ id: z.string(), title: z.string(), url: z.string() }),
  }),
)

export const ReactionResultSchema = named(
  'ReactionResult',
  z.object({ reacted: z.boolean().describe('true: the reaction was added; false: it was taken back.'), post: PostDetailSchema }),
)

export const ThreadPageSchema = named(
  'ThreadPage',
  z.object({
    thread: z.object({
      id: z.string(),
      title: z.string(),
      url: z.string(),
      pinned: z.boolean(),
      locked: z.boolean(),
      closed: z.boolean(),
      hidden: z.boolean(),
      createdAt: datetime,
      postCount: count,
      space: z.object({
        id: z.string(),
        slug: z.string(),
        name: Localized,
        url: z.string(),
        safeSpace: z.boolean(),
        allowAnonymous: z.boolean(),
      }),
      themes: z.array(ThemeSchema),
    }),
    page: z.number().int().min(1),
    pages: z.number().int().min(1),
    total: count.describe('Posts in this view (the whole thread, or one branch).'),
    root: z.object({ number: postNumber, parentNumber: postNumber.nullable() }).nullable().describe('Set when the view shows one branch.'),
    posts: z.array(PostSchema).describe('In nested reading order: each post follows the one it replies to.'),
    firstUnreadNumber: postNumber.nullable(),
    can: z.object({ reply: z.boolean(), moderate: z.boolean() }),
  }),
)

export const BookmarkSchema = named(
  'Bookmark',
  z.object({
    postId: z.string(),
    threadId: z.string(),
    number: z.number().int(),
    note: z.string().nullable(),
    createdAt: z.string().describe('When it was saved (ISO 8601).'),
  }),
)

export const BookmarkItemSchema = named(
  'BookmarkItem',
  z.object({
    postId: z.string(),
    number: z.number().int(),
    note: z.string().nullable(),
    createdAt: z.string(),
    state: z.enum(['visible', 'pending', 'hidden', 'deleted']),
    excerpt: z.string().nullable().describe('Plain text from the start of the post; null for a deleted or hidden post.'),
    url: z.string().describe('The post on the website.'),
    thread: z.object({ id: z.string(), title: z.string() }),
    space: z.object({ slug: z.string(), nameTr: z.string(), nameEn: z.string() }),
  }),
)

export const BookmarkPageSchema = named(
  'BookmarkPage',
  z.object({
    items: z.array(BookmarkItemSchema),
    total: z.number().int(),
    unavailable: z.number().int().describe('Saved posts you can no longer see (not listed).'),
    page: z.number().int(),
    pages: z.number().int(),
  }),
)
