import { DEFAULT_LOCALE, isLocale, type Locale } from './i18n'

export const LANG_COOKIE = 'lang'

function cookieLocale(request: Request): Locale | undefined {
  const m = /(?:^|;\s*)lang=(tr|en)(?:;|$)/.exec(request.headers.get('cookie') ?? '')
  return m ? (m[1] as Locale) : undefined
}

/** Accept-Language, honouring q-values: "en-GB,en;q=0.9,tr;q=0.8" → en. */
export function acceptLanguageLocale(header: string | null): Locale | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q)
  return ranked.map((x) => x.lang).find(isLocale)
}

/** The user's setting, then the switcher's cookie, then Accept-Language, then Turkish. */
export function resolveLocale(request: Request, userLocale?: string | null): Locale {
  if (isLocale(userLocale)) return userLocale
  return cookieLocale(request) ?? acceptLanguageLocale(request.headers.get('accept-language')) ?? DEFAULT_LOCALE
}

export function langCookie(locale: Locale) {
  return `${LANG_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`
}
