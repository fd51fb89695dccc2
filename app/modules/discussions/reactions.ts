/**
 * The small fixed set of reactions. Shared by server and browser: the emoji is decoration, the
 * translated label (discussions.reactions.<kind>) is what a screen reader hears.
 */
export const REACTIONS = [
  { kind: 'like', emoji: '👍' },
  { kind: 'heart', emoji: '❤️' },
  { kind: 'thanks', emoji: '🙏' },
  { kind: 'insightful', emoji: '💡' },
  { kind: 'support', emoji: '🤝' },
] as const

export type ReactionKind = (typeof REACTIONS)[number]['kind']
export const REACTION_KINDS = REACTIONS.map((r) => r.kind) as [ReactionKind, ...ReactionKind[]]

export const isReactionKind = (v: unknown): v is ReactionKind => typeof v === 'string' && (REACTION_KINDS as string[]).includes(v)
