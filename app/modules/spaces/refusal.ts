/** What a 403 about a space tells the reader (made by refusal.server.ts, shown by components/AccessRefused.tsx). */
export type RefusalReason = 'suspended' | 'unverified' | 'private' | 'community' | 'hidden' | 'other'

export interface SpaceRefusal {
  reason: RefusalReason
  /** the space, unless it is a safe space */
  space: { slug: string; nameTr: string; nameEn: string } | null
  moderators: { name: string }[]
  /** for a private space: the approved organizations invited to it, and where the person stands with each */
  orgs: { slug: string; name: string; standing: 'canAsk' | 'pending' | 'none' }[]
}
