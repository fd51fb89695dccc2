/**
 * Reactions as toggle buttons (aria-pressed) with counts. Each is a plain form that works without
 * JavaScript; with it, a fetcher submits in place and the count changes at once.
 */
import { useFetcher } from '@remix-run/react'
import { useT } from '~/lib/i18n'
import { REACTIONS, type ReactionKind } from '~/modules/discussions/reactions'

export interface ReactionCount {
  kind: ReactionKind
  count: number
  mine: boolean
}

function ReactionButton({ postId, r, canReact, action }: { postId: string; r: ReactionCount; canReact: boolean; action?: string }) {
  const t = useT()
  const fetcher = useFetcher()
  const emoji = REACTIONS.find((x) => x.kind === r.kind)?.emoji
  const pendingToggle = fetcher.formData?.get('kind') === r.kind
  const mine = pendingToggle ? !r.mine : r.mine
  const count = pendingToggle ? r.count + (r.mine ? -1 : 1) : r.count
  if (!canReact) {
    if (count === 0) return null
    return (
      <li className="inline-flex min-h-11 items-center gap-1 rounded-full border border-stone-300 px-3 text-sm">
        <span aria-hidden="true">{emoji}</span>
        <span className="sr-only">{t(`discussions.reactions.${r.kind}`)}:</span>
        <span>{count}</span>
      </li>
    )
  }
  return (
    <li>
      <fetcher.Form method="post" action={action} preventScrollReset>
        <input type="hidden" name="intent" value="react" />
        <input type="hidden" name="postId" value={postId} />
        <input type="hidden" name="kind" value={r.kind} />
        <button
          type="submit"
          aria-pressed={mine}
          className={`inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-full border px-3 text-sm focus-visible:outline-3 focus-visible:outline-offset-2 ${
            mine ? 'border-brand-700 bg-brand-50 font-semibold text-brand-800' : 'border-stone-400 bg-white text-stone-800 hover:bg-stone-100'
          }`}
        >
          <span aria-hidden="true">{emoji}</span>
          <span className="sr-only">{t(`discussions.reactions.${r.kind}`)}</span>
          <span>{count}</span>
        </button>
      </fetcher.Form>
    </li>
  )
}

export function Reactions({
  postId,
  number,
  reactions,
  canReact,
  action,
}: {
  postId: string
  number: number
  reactions: ReactionCount[]
  canReact: boolean
  action?: string
}) {
  const t = useT()
  if (!canReact && reactions.every((r) => r.count === 0)) return null
  return (
    <ul aria-label={t('discussions.reactions.label', { number })} className="flex flex-wrap gap-2">
      {reactions.map((r) => (
        <ReactionButton key={r.kind} postId={postId} r={r} canReact={canReact} action={action} />
      ))}
    </ul>
  )
}
