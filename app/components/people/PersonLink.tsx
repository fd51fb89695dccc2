/**
 * A person's avatar and name, linking to their profile: post author lines and member lists. The avatar
 * is decorative there (the name is the link's text). A profile shown to members only keeps its photo from
 * readers who may not open it (signed out or unconfirmed: the image would not load): they see initials.
 */
import { Link, useRouteLoaderData } from '@remix-run/react'
import { profilePath } from '~/modules/people/initials'
import { Avatar } from './Avatar'

export interface LinkedPerson {
  id: string
  name: string
  handle: string | null
  avatarUrl: string | null
  profilePublic: boolean
}

/**
 * `plain`: an <a> the thread page's delegated handler navigates with (`data-nav`), not a router Link —
 * a page of posts renders one per post (see PostArticle).
 */
export function PersonLink(props: { person: LinkedPerson; className?: string; plain?: boolean }) {
  const root = useRouteLoaderData('root') as { user?: { verified: boolean } | null } | undefined
  return <PersonLinkView {...props} member={!!root?.user?.verified} />
}

/**
 * The same, told whether the viewer is a confirmed member instead of asking the router: the thread page's
 * posts are rendered apart from the page, and kept (app/modules/discussions/post-html.server.tsx).
 */
export function PersonLinkView({
  person,
  className,
  plain = false,
  member,
}: {
  person: LinkedPerson
  className?: string
  plain?: boolean
  member: boolean
}) {
  const avatar = <Avatar person={person} url={person.profilePublic || member ? person.avatarUrl : null} size={28} />
  return (
    <span className={className ?? 'inline-flex items-center gap-1.5 align-middle'}>
      {avatar}
      {/* 24 px tall at least: outside running text a link is a target of its own (WCAG 2.5.8) */}
      {person.handle && plain ? (
        <a href={profilePath(person.handle)} data-nav="" className="inline-flex min-h-6 items-center">
          {person.name}
        </a>
      ) : person.handle ? (
        <Link to={profilePath(person.handle)} className="inline-flex min-h-6 items-center">
          {person.name}
        </Link>
      ) : (
        person.name
      )}
    </span>
  )
}
