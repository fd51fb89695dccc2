/**
 * A person's mail preferences for discussions: their own frequency and, per space they belong to,
 * following (new threads) and a frequency that overrides their own.
 */
import { db } from '~/lib/db.server'
import { can, type Actor } from '~/lib/policy'
import { SPACE_ACCESS_SELECT, spaceTargets } from '~/modules/spaces/access.server'
import { DISCUSSION_EMAIL, REVIEW_EMAIL, SPACE_EMAIL, type DiscussionEmail, type ReviewEmail, type SpaceEmailChoice } from './preferences'

export interface SpacePreference {
  spaceId: string
  slug: string
  nameTr: string
  nameEn: string
  following: boolean
  email: SpaceEmailChoice
}

/** The spaces the person joined and can still read (a withdrawn invitation hides a private space). */
async function readableMemberships(actor: Actor) {
  const rows = await db.spaceMember.findMany({
    where: { userId: actor.id },
    select: {
      following: true,
      email: true,
      space: { select: { ...SPACE_ACCESS_SELECT, slug: true, nameTr: true, nameEn: true, position: true } },
    },
    orderBy: [{ space: { position: 'asc' } }, { space: { nameTr: 'asc' } }],
  })
  const targets = await spaceTargets(
    actor,
    rows.map((r) => r.space),
  )
  return rows.filter((r) => can(actor, 'space.view', targets.get(r.space.id)!))
}

export async function getPreferences(actor: Actor) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { discussionEmail: true, notifyByEmail: true, moderationEmail: true },
  })
  const spaces: SpacePreference[] = (await readableMemberships(actor)).map((r) => ({
    spaceId: r.space.id,
    slug: r.space.slug,
    nameTr: r.space.nameTr,
    nameEn: r.space.nameEn,
    following: r.following,
    email: r.email,
  }))
  return {
    discussionEmail: user.discussionEmail as DiscussionEmail,
    notifyByEmail: user.notifyByEmail,
    spaces,
    // Only people with a moderation queue are asked about mail for it.
    reviewEmail: can(actor, 'moderation.queue', null) ? toReviewEmail(user.moderationEmail) : null,
  }
}

/** Stored in the shared frequency column; anything but IMMEDIATE reads as off. */
const toReviewEmail = (v: string): ReviewEmail => (v === 'IMMEDIATE' ? 'IMMEDIATE' : 'NONE')

export interface PreferencesInput {
  discussionEmail: DiscussionEmail
  /** moderators only; ignored for anyone else */
  reviewEmail?: ReviewEmail
  spaces: { spaceId: string; following: boolean; email: SpaceEmailChoice }[]
}

export const isDiscussionEmail = (v: unknown): v is DiscussionEmail => (DISCUSSION_EMAIL as readonly unknown[]).includes(v)
export const isReviewEmail = (v: unknown): v is ReviewEmail => (REVIEW_EMAIL as readonly unknown[]).includes(v)
export const isSpaceEmail = (v: unknown): v is SpaceEmailChoice => (SPACE_EMAIL as readonly unknown[]).includes(v)

/**
 * Saves everything in one transaction. Spaces the person is not (or no longer) a readable member of
 * are ignored, never created: this page changes settings, it does not join spaces.
 */
export async function savePreferences(actor: Actor, input: PreferencesInput) {
  const allowed = new Set((await readableMemberships(actor)).map((r) => r.space.id))
  await db.$transaction(async (tx) => {
    const reviewEmail = input.reviewEmail && can(actor, 'moderation.queue', null) ? { moderationEmail: input.reviewEmail } : {}
    await tx.user.update({ where: { id: actor.id }, data: { discussionEmail: input.discussionEmail, ...reviewEmail } })
    for (const s of input.spaces) {
      if (!allowed.has(s.spaceId)) continue
      await tx.spaceMember.update({
        where: { spaceId_userId: { spaceId: s.spaceId, userId: actor.id } },
        data: { following: s.following, email: s.email },
      })
    }
  })
}
