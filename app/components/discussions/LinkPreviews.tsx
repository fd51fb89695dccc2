/**
 * The cards of a post's lone links (app/modules/previews), under its text: site, title and description,
 * text only. Each card is one link named by its title (the whole card is its click target, drawn by
 * `.link-preview-link::after`), so a screen reader hears "title (site)" once, not the description too.
 */
import { useI18n } from '~/lib/i18n'
import type { LinkPreviewCard } from '~/modules/discussions/post-view'

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}

export function LinkPreviews({ previews }: { previews: LinkPreviewCard[] }) {
  const { t } = useI18n()
  if (!previews.length) return null
  return (
    <ul className="link-previews" aria-label={t('discussions.preview.list', { count: previews.length })}>
      {previews.map((p) => {
        const site = p.siteName ?? hostOf(p.url)
        return (
          <li key={p.url} className="link-preview">
            <p className="link-preview-site">{site}</p>
            <p className="link-preview-title">
              {/* ugc + nofollow: the link is a member's, not ours; noreferrer: the thread's address stays here. */}
              <a href={p.url} rel="ugc nofollow noopener noreferrer" className="link-preview-link">
                {p.title ?? hostOf(p.url)}
                <span className="sr-only">{` (${t('discussions.preview.site', { site })})`}</span>
              </a>
            </p>
            {p.description && <p className="link-preview-description">{p.description}</p>}
          </li>
        )
      })}
    </ul>
  )
}
