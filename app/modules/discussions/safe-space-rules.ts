import { moderatesSpace, type Actor, type SpaceTarget } from '~/lib/policy'

/**
 * Whether the actor still has to accept a safe space's rules before writing there, given whether they
 * have: the one rule behind the posting check, the new-thread page's hint and the thread page's.
 */
export function mustAcceptRules(actor: Actor | null, space: { safeSpace: boolean }, target: SpaceTarget, accepted: boolean) {
  return !!actor && space.safeSpace && !moderatesSpace(actor, target) && !accepted
}
