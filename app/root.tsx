import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import type { ClientLoaderFunctionArgs, ShouldRevalidateFunction } from '@remix-run/react'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useMemo } from 'react'
import { Shell } from '~/components/shell/Shell'
import { ErrorPage } from '~/components/ErrorPage'
import {
  dictionaryUrl,
  getT,
  I18nContext,
  loadDictionaries,
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  type Locale,
  type PageDictionaries,
} from '~/lib/i18n'
import type { I18nHandle } from '~/lib/i18n-routes'
import { pageDictionaries, resolveLocale } from '~/lib/i18n.server'
import { getAuth } from '~/modules/auth/session.server'
import { unreadCount } from '~/modules/notifications/notifications.server'
import { liveCounts } from '~/modules/moderation/review-count.server'
import { can } from '~/lib/policy'
import { useNonce } from '~/lib/nonce'
import tailwind from '~/tailwind.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tailwind },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'manifest', href: '/site.webmanifest' },
]

/** What the shell itself says (header, footer, the e-mail banner, error pages, form messages). */
export const handle: I18nHandle = { i18n: ['common', 'auth', 'validation'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const locale = resolveLocale(request, auth.user?.locale)
  const user = auth.user
    ? {
        id: auth.user.id,
        name: auth.user.name,
        email: auth.user.email,
        verified: !!auth.user.emailVerifiedAt,
        isAdmin: can(auth.actor, 'admin.access', null),
        isModerator: can(auth.actor, 'moderation.queue', null),
      }
    : null
  return {
    locale,
    timeZone: auth.user?.timeZone ?? DEFAULT_TIME_ZONE,
    user,
    // A cookie session's query counted them already; a token or a test's session asks once more.
    unread: user ? (auth.unread ?? (await unreadCount(user.id))) : 0,
    /** what waits in this moderator's queue (the Moderation link's badge); null for everyone else */
    review: user?.isModerator ? (auth.review !== undefined ? auth.review : (await liveCounts(user.id)).review) : null,
    /** the dictionary files the page uses (app/lib/i18n.server.ts) */
    i18n: pageDictionaries(locale, context.i18n),
  }
}

/** A client-side navigation: the next page's dictionaries are here before it renders. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>()
  await loadDictionaries(data.i18n)
  return data
}

/** Another page may need other namespaces: the root's data (with them) comes along with its own. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = getT(data?.locale ?? DEFAULT_LOCALE)
  return [{ title: 'birlikte' }, { name: 'description', content: t('common.tagline') }]
}

export type RootData = Awaited<ReturnType<typeof loader>>

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

function Document({ locale, dictionaries, children }: { locale: Locale; dictionaries?: PageDictionaries; children: React.ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh">
        {children}
        {/* Classic scripts: they run before the app's modules, so the page hydrates with its strings. */}
        {dictionaries?.files.map((file) => (
          <script key={file} src={dictionaryUrl(dictionaries.version, file, 'js')} nonce={nonce} />
        ))}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function useI18nValue(locale: Locale, timeZone: string) {
  return useMemo(() => ({ locale, timeZone, t: getT(locale) }), [locale, timeZone])
}

export default function App() {
  const data = useLoaderData<typeof loader>()
  const i18n = useI18nValue(data.locale, data.timeZone)
  return (
    <I18nContext.Provider value={i18n}>
      <Document locale={data.locale} dictionaries={data.i18n}>
        <Shell user={data.user} unread={data.unread} review={data.review}>
          <Outlet />
        </Shell>
      </Document>
    </I18nContext.Provider>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRootData()
  const locale = data?.locale ?? DEFAULT_LOCALE
  const i18n = useI18nValue(locale, data?.timeZone ?? DEFAULT_TIME_ZONE)
  if (!isRouteErrorResponse(error)) console.error(error)
  return (
    <I18nContext.Provider value={i18n}>
      <Document locale={locale} dictionaries={data?.i18n}>
        <Shell user={data?.user ?? null} unread={data?.unread ?? 0} review={data?.review ?? null}>
          <ErrorPage error={error} signedIn={!!data?.user} />
        </Shell>
      </Document>
    </I18nContext.Provider>
  )
}
