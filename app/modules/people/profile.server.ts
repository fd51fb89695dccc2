/**
 * Profile pages (/people/<handle>, GET /api/v1/people/{handle}): what a person shows of themselves, to whom.
 * Whether the page opens at all is the policy's `profile.view`; its recent posts come through the
 * policy's `profilePosts` scope, so a post appears only to a viewer who could read it in its thread.
 */
import { db } from '~/lib/db.server'
import type { Locale } from '~/lib/i18n'
import { can, profilePosts, type Actor } from '~/lib/policy'
import { plainExcerpt } from '~/modules/content/shared'
import { avatarUrl } from './initials'
import { languageName } from './languages'

export const RECENT_POSTS = 10
const HANDLE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/

const PERSON_SELECT = {
  id: true,
  handle: true,
  name: true,
  role: true,
  emailVerifiedAt: true,
  createdAt: true,
  aboutHtml: true,
  city: true,
  languages: true,
  avatarPath: true,
  profileVisibility: true,
  showOrganizations: true,
  showRecentPosts: true,
} as const

export interface ProfileOrganization {
  slug: string
  name: string
  role: 'MEMBER' | 'ADMIN'
}
export interface ProfilePost {
  threadId: string
  threadTitle: string
  number: number
  excerpt: string
  createdAt: string
  space: { slug: string; name: string }
}
export interface PersonProfile {
  id: string
  handle: string
  name: string
  avatarUrl: string | null
  /** platform staff say so on their profile; members carry no badge */
  staffRole: 'MODERATOR' | 'ADMIN' | null
  memberSince: string
  aboutHtml: string
  city: string | null
  /** language names in the reader's language (named here: the browser's Intl may differ, and the page must hydrate as rendered) */
  languages: { code: string; name: string }[]
  visibility: 'PUBLIC' | 'MEMBERS'
  /** the person looking at their own profile: hidden sections are shown to them, marked as hidden */
  own: boolean
  /** null: the person chose not to show them (to others) */
  organizations: ProfileOrganization[] | null
  posts: ProfilePost[] | null
  hidden: { organizations: boolean; posts: boolean }
}

/**
 * `null`: no such person, or none the viewer may know of (an unconfirmed account answers like a missing
 * one). `membersOnly`: the profile exists but is for signed-in members, and the viewer is not one.
 */
export type ProfileLookup = { kind: 'profile'; profile: PersonProfile } | { kind: 'membersOnly' } | null

const findPerson = (handle: string) =>
  handle.length <= 60 && HANDLE.test(handle) ? db.user.findUnique({ where: { handle }, select: PERSON_SELECT }) : null

const target = (p: { id: string; profileVisibility: 'PUBLIC' | 'MEMBERS'; emailVerifiedAt: Date | null }) => ({
  id: p.id,
  visibility: p.profileVisibility,
  verified: !!p.emailVerifiedAt,
})

export async function loadPersonProfile(handle: string, viewer: Actor | null, locale: Locale): Promise<ProfileLookup> {
  const person = await findPerson(handle.toLowerCase())
  if (!person?.handle) return null
  const t = target(person)
  if (!can(viewer, 'profile.view', t)) {
    // A profile kept for members says so (sign in, or confirm your address); an unconfirmed account is not there.
    return t.verified && t.visibility === 'MEMBERS' ? { kind: 'membersOnly' } : null
  }
  const own = viewer?.id === person.id
  const showOrgs = person.showOrganizations || own
  const showPosts = person.showRecentPosts || own
  const [memberships, posts] = await Promise.all([
    showOrgs
      ? db.membership.findMany({
          where: { userId: person.id, status: 'ACTIVE', org: { status: 'APPROVED' } },
          select: { role: true, org: { select: { slug: true, name: true } } },
        })
      : null,
    showPosts
      ? db.post.findMany({
          where: profilePosts(viewer, person.id),
          orderBy: { createdAt: 'desc' },
          take: RECENT_POSTS,
          select: {
            number: true,
            body: true,
            createdAt: true,
            thread: { select: { id: true, title: true, space: { select: { slug: true, nameTr: true, nameEn: true } } } },
          },
        })
      : null,
  ])
  const collator = new Intl.Collator(locale)
  return {
    kind: 'profile',
    profile: {
      id: person.id,
      handle: person.handle,
      name: person.name,
      avatarUrl: avatarUrl(person.handle, person.avatarPath),
      staffRole: person.role === 'MEMBER' ? null : person.role,
      memberSince: person.createdAt.toISOString(),
      aboutHtml: person.aboutHtml,
      city: person.city,
      languages: person.languages.map((code) => ({ code, name: languageName(code, locale) })),
      visibility: person.profileVisibility,
      own,
      organizations:
        memberships?.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role })).sort((a, b) => collator.compare(a.name, b.name)) ??
        null,
      posts:
        posts?.map((p) => ({
          threadId: p.thread.id,
          threadTitle: p.thread.title,
          number: p.number,
          excerpt: plainExcerpt(p.body, 200),
          createdAt: p.createdAt.toISOString(),
          space: { slug: p.thread.space.slug, name: locale === 'tr' ? p.thread.space.nameTr : p.thread.space.nameEn },
        })) ?? null,
      hidden: { organizations: !person.showOrganizations, posts: !person.showRecentPosts },
    },
  }
}

/** Whose avatar a request for /people/<handle>/avatar may get: anyone who may open the profile. */
export async function avatarSource(handle: string, viewer: Actor | null) {
  const person = await findPerson(handle)
  if (!person?.avatarPath || !can(viewer, 'profile.view', target(person))) return null
  return { avatarPath: person.avatarPath, public: person.profileVisibility === 'PUBLIC' && !!person.emailVerifiedAt }
}
