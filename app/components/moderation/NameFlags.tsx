/**
 * The moderation queue's section for names that look like someone else's: both names (as flagged and as
 * they are now), the characters that differ, and the two decisions. Plain forms: works without JavaScript.
 */
import { Form, Link, useNavigation } from '@remix-run/react'
import { formatDateTime, useI18n } from '~/lib/i18n'

/** The serialized shape of a flag (dates arrive as strings). */
export interface NameFlagView {
  id: string
  createdAt: string | Date
  user: { id: string; name: string; handle: string | null; flaggedName: string; href: string | null }
  differs: string[]
  similar: { id: string; name: string | null; handle: string | null; flaggedName: string; href: string | null } | null
}

// Names may be right-to-left (Arabic, Hebrew): <bdi> keeps them from reordering the sentence around them.
function Person({
  name,
  flaggedName,
  handle,
  href,
}: {
  name: string | null
  flaggedName: string
  handle: string | null
  href: string | null
}) {
  const { t } = useI18n()
  const label = <bdi>{flaggedName}</bdi>
  return (
    <>
      {href ? <Link to={href}>{label}</Link> : label}
      {handle && (
        <>
          {' '}
          · <bdi>@{handle}</bdi>
        </>
      )}
      {name === null ? (
        <> · {t('moderation.flags.removed')}</>
      ) : (
        name !== flaggedName && (
          <>
            {' '}
            · <bdi>{t('moderation.flags.nowNamed', { name })}</bdi>
          </>
        )
      )}
    </>
  )
}

export function NameFlags({ items, total }: { items: NameFlagView[]; total: number }) {
  const { t, locale, timeZone } = useI18n()
  const busy = useNavigation().state === 'submitting'
  return (
    <section aria-labelledby="name-flags" className="space-y-3" data-testid="name-flags">
      <h2 id="name-flags" className="text-2xl font-semibold">
        {t('moderation.flags.heading')}
      </h2>
      <p className="max-w-prose">{t('moderation.flags.intro')}</p>
      <p data-testid="name-flag-count">
        {t('moderation.flags.count', { count: total })} {total > items.length && t('moderation.flags.more', { shown: items.length })}
      </p>
      <ol className="space-y-4">
        {items.map((f) => {
          const headingId = `name-flag-${f.id}`
          return (
            <li key={f.id}>
              <article aria-labelledby={headingId} className="card space-y-2" data-testid="name-flag">
                <h3 id={headingId} className="text-lg font-semibold">
                  {t('moderation.flags.item', { name: f.user.flaggedName, similarName: f.similar?.flaggedName ?? '' })}
                </h3>
                <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium">{t('moderation.flags.person')}</dt>
                  <dd>
                    <Person {...f.user} />
                  </dd>
                  {f.similar && (
                    <>
                      <dt className="font-medium">{t('moderation.flags.similar')}</dt>
                      <dd>
                        <Person {...f.similar} />
                      </dd>
                    </>
                  )}
                </dl>
                {f.differs.length > 0 && <p>{t('moderation.flags.differs', { chars: f.differs.join(', ') })}</p>}
                <p className="text-sm text-stone-700">
                  {t('moderation.flags.flaggedAt', { date: formatDateTime(locale, f.createdAt, timeZone) })}
                </p>
                <Form
                  method="post"
                  action={`/moderation/flags/${f.id}`}
                  className="flex flex-wrap gap-2"
                  aria-label={t('moderation.flags.decide')}
                >
                  <button type="submit" name="intent" value="dismiss" className="btn-secondary" disabled={busy}>
                    {t('moderation.flags.dismiss')}
                  </button>
                  <button type="submit" name="intent" value="resolve" className="btn-primary" disabled={busy}>
                    {t('moderation.flags.resolve')}
                  </button>
                </Form>
              </article>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
