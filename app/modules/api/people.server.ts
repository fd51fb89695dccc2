/** A profile as the API shows it: the page's record with absolute links. */
import type { PersonProfile } from '~/modules/people/profile.server'

export function apiPerson(p: PersonProfile, baseUrl: string) {
  // Hidden sections are shown to their owner on the page, marked; the API gives what others see.
  const shown = <T>(list: T[] | null, hidden: boolean) => (hidden && !p.own ? null : list)
  return {
    handle: p.handle,
    name: p.name,
    url: `${baseUrl}/people/${encodeURIComponent(p.handle)}`,
    avatarUrl: p.avatarUrl ? `${baseUrl}${p.avatarUrl}` : null,
    staffRole: p.staffRole,
    memberSince: p.memberSince,
    aboutHtml: p.aboutHtml,
    city: p.city,
    languages: p.languages.map((l) => l.code),
    organizations: shown(p.organizations, p.hidden.organizations),
    recentPosts:
      shown(p.posts, p.hidden.posts)?.map((post) => ({
        threadId: post.threadId,
        number: post.number,
        url: `${baseUrl}/threads/${post.threadId}/posts/${post.number}`,
        threadTitle: post.threadTitle,
        createdAt: post.createdAt,
      })) ?? null,
  }
}
