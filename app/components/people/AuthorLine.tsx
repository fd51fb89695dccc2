/**
 * The author of a post as a link to their profile, with their avatar, at the start of the post's meta
 * line. Anonymous posts (and posts of deleted accounts) get nothing here: no link, no picture, not even
 * for the moderators who may see who wrote them.
 */
import type { PostAuthor } from '~/modules/discussions/post-view'
import { PersonLink } from './PersonLink'

export function AuthorLine({ author }: { author: PostAuthor }) {
  if (author.kind !== 'user' || !author.handle) return null
  return (
    <>
      <PersonLink person={author} className="post-author" plain />
      {' · '}
    </>
  )
}
