/**
 * The author of a post as a link to their profile, with their avatar, at the start of the post's meta
 * line. Anonymous posts (and posts of deleted accounts) get nothing here: no link, no picture, not even
 * for the moderators who may see who wrote them.
 */
import type { PostAuthor } from '~/modules/discussions/post-view'
import { PersonLinkView } from './PersonLink'

/** `member`: the viewer is a confirmed member (who may see members-only profile photos). */
export function AuthorLine({ author, member }: { author: PostAuthor; member: boolean }) {
  if (author.kind !== 'user' || !author.handle) return null
  return (
    <>
      <PersonLinkView person={author} className="post-author" plain member={member} />
      {' · '}
    </>
  )
}
