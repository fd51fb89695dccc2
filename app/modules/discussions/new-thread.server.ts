/** What the "new thread" page needs: the space as this person may write in it, and the theme choices. */
import { db } from '~/lib/db.server'
import { can, ForbiddenError, type Actor } from '~/lib/policy'
import { SPACE_ACCESS_SELECT, spaceTarget } from '~/modules/spaces/access.server'
import { getDraft } from './drafts.server'
import { DiscussionError, RulesFirstError } from './errors'
import { draftKeys } from './form'
import { rulesPending } from './posting.server'

export async function newThreadContext(actor: Actor, slug: string) {
  const space = await db.space.findUnique({
    where: { slug },
    select: { ...SPACE_ACCESS_SELECT, slug: true, nameTr: true, nameEn: true, allowAnonymous: true, approveNewPosts: true },
  })
  if (!space) throw new DiscussionError('discussions.errors.spaceNotFound', '_form', 404)
  const target = await spaceTarget(actor, space)
  if (!can(actor, 'space.view', target)) {
    if (can(actor, 'space.acceptRules', target)) throw new RulesFirstError(space.slug)
    throw new ForbiddenError('space.view', { slug: space.slug })
  }
  const [themes, draft, rules] = await Promise.all([
    db.theme.findMany({ orderBy: { position: 'asc' }, select: { id: true, slug: true, nameTr: true, nameEn: true } }),
    getDraft(actor.id, draftKeys.thread(space.id)),
    rulesPending(actor, space, target),
  ])
  return {
    space: {
      id: space.id,
      slug: space.slug,
      nameTr: space.nameTr,
      nameEn: space.nameEn,
      allowAnonymous: space.allowAnonymous,
      safeSpace: space.safeSpace,
    },
    allowed: can(actor, 'thread.create', target),
    rulesPending: rules,
    themes,
    draft,
  }
}
