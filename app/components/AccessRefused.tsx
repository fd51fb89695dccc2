import { Link } from '@remix-run/react'
import { useI18n } from '~/lib/i18n'
import type { SpaceRefusal } from '~/modules/spaces/refusal'

export function isRefusal(data: unknown): data is { refusal: SpaceRefusal } {
  return typeof data === 'object' && data !== null && 'refusal' in data && typeof data.refusal === 'object' && data.refusal !== null
}

/**
 * The 403 of a space (or a thread in it) that is closed to the reader: why, and whom to ask — its
 * moderators, the organizations it is open to (with "ask to join" where that is possible), the reader's
 * own organization. A safe space is not named (spaces/refusal.server.ts).
 */
export function AccessRefused({ refusal }: { refusal: SpaceRefusal }) {
  const { t, locale } = useI18n()
  const name = refusal.space ? (locale === 'tr' ? refusal.space.nameTr : refusal.space.nameEn) : null
  const r = refusal.reason
  return (
    <>
      <h1 className="text-2xl font-bold">{t(`common.refusal.${r}.title`)}</h1>
      {name && <p className="mt-2 text-lg">{t('common.refusal.space', { name })}</p>}
      <p className="mt-4">{t(`common.refusal.${r}.body`)}</p>
      {r === 'unverified' && (
        <p className="mt-4">
          <Link to="/verify-email">{t('common.refusal.unverified.action')}</Link>
        </p>
      )}
      {r === 'private' && refusal.orgs.length > 0 && (
        <>
          <h2 className="mt-6 text-lg font-semibold">{t('common.refusal.private.orgs')}</h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {refusal.orgs.map((org) => (
              <li key={org.slug}>
                <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
                {org.standing === 'canAsk' && (
                  <>
                    {' — '}
                    <Link to={`/orgs/${org.slug}`}>{t('common.refusal.askToJoin', { name: org.name })}</Link>
                  </>
                )}
                {org.standing === 'pending' && <> — {t('common.refusal.pending')}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {(r === 'private' || r === 'community') && (
        <p className="mt-4">
          {t(r === 'private' ? 'common.refusal.private.ownOrg' : 'common.refusal.community.ownOrg')}{' '}
          <Link to="/orgs">{t('common.refusal.findOrg')}</Link>
        </p>
      )}
      {refusal.moderators.length > 0 && (
        <p className="mt-4">{t('common.refusal.moderators', { names: refusal.moderators.map((m) => m.name).join(', ') })}</p>
      )}
    </>
  )
}
