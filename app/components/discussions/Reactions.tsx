/**
 * Reactions as toggle buttons (aria-pressed) with counts. Each post's is a plain form that works without
 * JavaScript; with it, the thread page submits it as a fetcher (`usePostListHandlers`, keyed by post) and
 * hands the reaction on its way back as `pending`, so the count changes at once.
 */
import { useT } from '~/lib/i18n'
import { REACTIONS, type ReactionKind } from '~/modules/discussions/reactions'

export interface ReactionCount {
  kind: ReactionKind
  count: number
  mine: boolean
}

const emoji = (kind: ReactionKind) => REACTIONS.find((x) => x.kind === kind)?.emoji

function ReactionCountBadge({ r }: { r: ReactionCount }) {
  const t = useT()
  if (r.count === 0) return null
  return (
    <li className="reaction-count">
      <span aria-hidden="true">{emoji(r.kind)}</span>
      <span className="sr-only">{`${t(`discussions.reactions.${r.kind}`)}:`}</span>
      {r.count}
    </li>
  )
}

export function Reactions({
  postId,
  number,
  reactions,
  canReact,
  pending = null,
}: {
  postId: string
  number: number
  reactions: ReactionCount[]
  canReact: boolean
  pending?: ReactionKind | null
}) {
  const t = useT()
  // One form per post, the pressed button saying which reaction: a page of 20 posts then costs 20 forms,
  // not 100, to render.
  if (!canReact) {
    if (reactions.every((r) => r.count === 0)) return null
    return (
      <ul aria-label={t('discussions.reactions.label', { number })} className="reactions">
        {reactions.map((r) => (
          <ReactionCountBadge key={r.kind} r={r} />
        ))}
      </ul>
    )
  }
  return (
    <form method="post" data-react={postId}>
      <input type="hidden" name="intent" value="react" />
      <input type="hidden" name="postId" value={postId} />
      <ul aria-label={t('discussions.reactions.label', { number })} className="reactions">
        {reactions.map((r) => {
          const toggling = pending === r.kind
          const mine = toggling ? !r.mine : r.mine
          const count = toggling ? r.count + (r.mine ? -1 : 1) : r.count
          return (
            <li key={r.kind}>
              {/* Styled by aria-pressed (app/styles/discussions.css): the state is the only class it needs. */}
              <button type="submit" name="kind" value={r.kind} aria-pressed={mine} className="reaction">
                <span aria-hidden="true">{emoji(r.kind)}</span>
                <span className="sr-only">{t(`discussions.reactions.${r.kind}`)}</span>
                {count}
              </button>
            </li>
          )
        })}
      </ul>
    </form>
  )
}
