import { Form, Link, useFetcher, useLocation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useI18n } from '~/lib/i18n'
import type { Message } from '~/lib/validation'
import { NotificationBell } from './NotificationBell'
import { reviewBadge, ReviewCountListener, useReviewCount } from './ReviewCount'
import { LanguageSwitch } from './LanguageSwitch'
import { NavList } from '~/components/NavList'
import { closeSocket } from '~/lib/socket'

export interface ShellUser {
  id: string
  name: string
  email: string
  verified: boolean
  isAdmin: boolean
  /** moderates somewhere (platform moderator, admin or space moderator) */
  isModerator: boolean
}

/**
 * Only working areas: a section that is still a placeholder (meetings, civil space, exchange, resources,
 * search) gets its entry when it lands. Fewer entries also keep the header on one line at 1280 px for a
 * moderator or admin in Turkish, with room for the Moderation link's count badge (issue 10, item 8.3).
 */
export const NAV_ITEMS = [
  { to: '/spaces', key: 'spaces' },
  { to: '/orgs', key: 'organizations' },
] as const

function NavLinks({ isAdmin, isModerator, review }: { isAdmin: boolean; isModerator: boolean; review: number | null }) {
  const { t } = useI18n()
  const items = [
    ...NAV_ITEMS,
    ...(isModerator ? [{ to: '/moderation', key: 'moderation' } as const] : []),
    ...(isAdmin ? [{ to: '/admin', key: 'admin' } as const] : []),
  ]
  return (
    <NavList
      className="flex flex-col gap-1 lg:flex-row lg:flex-nowrap lg:gap-0"
      items={items.map((item) => ({
        to: item.to,
        label: t(`common.nav.${item.key}`),
        badge: item.key === 'moderation' ? reviewBadge(t, review) : undefined,
      }))}
    />
  )
}

type ResendResult = { ok: true; email?: string } | { ok: false; errors: Record<string, Message[]> }

/**
 * Asks signed-in users with an unconfirmed address to confirm it, with a button for a new link; and
 * confirms it once a verification link brought them back (?verified=1).
 */
function VerifyEmailBanner({ user }: { user: ShellUser | null }) {
  const { t } = useI18n()
  const [params] = useSearchParams()
  const fetcher = useFetcher<ResendResult>({ key: 'verify-email-resend' })
  const { pathname } = useLocation()
  // The verification page says all of this itself.
  if (!user || pathname === '/verify-email') return null
  if (user.verified) {
    if (params.get('verified') !== '1') return null
    return (
      <p role="status" className="mb-6 rounded-md border border-brand-600 bg-brand-50 p-3 text-brand-800">
        {t('auth.verify.confirmed')}
      </p>
    )
  }
  const result = fetcher.data
  const feedback = !result
    ? ''
    : result.ok
      ? t('auth.verify.sent', { email: result.email ?? user.email })
      : (result.errors._form ?? []).map((m) => t(m.key, m.vars)).join(' ')
  return (
    <section aria-labelledby="verify-banner-title" className="mb-6 rounded-md border-2 border-amber-600 bg-amber-50 p-4 text-stone-900">
      {/* Not a heading: it comes before the page's h1. */}
      <p id="verify-banner-title" className="font-semibold">
        {t('auth.verify.banner.title')}
      </p>
      <p className="mt-1">{t('auth.verify.banner.body', { email: user.email })}</p>
      <fetcher.Form method="post" action="/verify-email" className="mt-3">
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="btn-secondary" disabled={fetcher.state !== 'idle'}>
          {t('auth.verify.resend')}
        </button>
      </fetcher.Form>
      <p role="status" className="mt-2 text-sm font-medium">
        {feedback}
      </p>
    </section>
  )
}

export function Shell({
  user,
  unread,
  review: initialReview = null,
  children,
}: {
  user: ShellUser | null
  unread: number
  /** what waits in a moderator's queue (null: not a moderator) */
  review?: number | null
  children: React.ReactNode
}) {
  const { t } = useI18n()
  const [review, setReview] = useReviewCount(initialReview)
  const location = useLocation()
  const menuRef = useRef<HTMLDetailsElement>(null)
  // Signed out (or the session ended): no live connection may outlive the person who opened it.
  useEffect(() => {
    if (!user) closeSocket()
  }, [user])
  // Close the small-screen menu after navigating.
  useEffect(() => {
    if (menuRef.current) menuRef.current.open = false
  }, [location.pathname])

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only-focusable fixed left-2 top-2 z-50 rounded-md bg-white px-4 py-3 font-semibold shadow-lg">
        {t('common.skipToContent')}
      </a>
      <header className="border-b border-stone-300 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 sm:px-4">
          <Link to="/" className="mr-2 flex min-h-11 items-center gap-2 text-xl font-bold text-brand-800 no-underline">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>{t('common.appName')}</span>
          </Link>
          <nav aria-label={t('common.nav.main')} className="hidden lg:block">
            <NavLinks isAdmin={!!user?.isAdmin} isModerator={!!user?.isModerator} review={review} />
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <LanguageSwitch />
            {user ? (
              <>
                <NotificationBell userId={user.id} initial={unread} />
                {user.isModerator && <ReviewCountListener userId={user.id} onCount={setReview} />}
                {/* An icon beside the bell (its name for screen readers): the text menu has no room left at 1280 px. */}
                <Link
                  to="/bookmarks"
                  aria-label={t('common.nav.bookmarks')}
                  title={t('common.nav.bookmarks')}
                  className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-stone-800 no-underline hover:bg-stone-100"
                >
                  <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="2">
                    <path d="M6 3h12v18l-6-4-6 4z" />
                  </svg>
                </Link>
                <Link to="/settings" className="btn-link hidden sm:inline-flex">
                  {t('common.account.settings')}
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="btn-link">
                    {t('common.account.signOut')}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login" className="btn-link">
                  {t('common.account.signIn')}
                </Link>
                <Link to="/signup" className="btn-primary hidden sm:inline-flex">
                  {t('common.account.signUp')}
                </Link>
              </>
            )}
          </div>
          <details ref={menuRef} className="w-full lg:hidden">
            <summary className="flex min-h-11 w-fit cursor-pointer list-none items-center gap-2 rounded-md border border-stone-400 px-3 font-medium hover:bg-stone-100 [&::-webkit-details-marker]:hidden">
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2">
                <path d="M4 6h16M4 12h16M4 18h16" />
              </svg>
              {t('common.nav.menu')}
            </summary>
            <nav aria-label={t('common.nav.main')} className="pb-2">
              <NavLinks isAdmin={!!user?.isAdmin} isModerator={!!user?.isModerator} review={review} />
              {user ? (
                <Link to="/settings" className="btn-link sm:hidden">
                  {t('common.account.settings')}
                </Link>
              ) : (
                <Link to="/signup" className="btn-link sm:hidden">
                  {t('common.account.signUp')}
                </Link>
              )}
            </nav>
          </details>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-3 py-6 outline-none sm:px-4 sm:py-8">
        <VerifyEmailBanner user={user} />
        {children}
      </main>
      <footer className="border-t border-stone-300 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-2 px-3 py-6 text-sm text-stone-700 sm:px-4 md:flex-row md:justify-between">
          <p className="max-w-prose">{t('common.footer.about')}</p>
          <p className="flex gap-4">
            <Link to="/api">{t('common.footer.api')}</Link>
            <Link to="/status">{t('common.footer.health')}</Link>
          </p>
        </div>
      </footer>
    </div>
  )
}
