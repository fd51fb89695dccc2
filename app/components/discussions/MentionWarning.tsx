/** After posting: the @mentions that reached nobody, because those people cannot see the thread. */
import { useT } from '~/lib/i18n'

export function MentionWarning({ handles }: { handles: string[] }) {
  const t = useT()
  if (!handles.length) return null
  return (
    <div role="status" className="mt-3 rounded-md border-2 border-amber-600 bg-amber-50 p-3 text-stone-900">
      <p className="font-semibold">{t('discussions.mentionWarning.heading')}</p>
      <p className="mt-1">
        {t('discussions.mentionWarning.body', { count: handles.length, handles: handles.map((h) => `@${h}`).join(', ') })}
      </p>
    </div>
  )
}
