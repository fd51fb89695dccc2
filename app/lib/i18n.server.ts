import { resources } from '~/locales/resources.server'
import { DEFAULT_LOCALE, isLocale, LOCALES, type Dictionaries, type Locale } from './i18n'
import { ALL_NAMESPACES, type PageI18n } from './i18n-routes'

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

// One serialisation per language and set of namespaces, for the life of the process: the dictionaries
// are part of the build, and a handful of route combinations cover every page.
const serialised = new Map<string, string>()

/**
 * The dictionaries a page needs, as JSON for the root loader to carry (a string: serialising it again per
 * request would cost more than the lookup).
 */
export function pageDictionaries(locale: Locale, page: PageI18n = ALL_NAMESPACES): string {
  const key = `${locale}|${page.namespaces.join(',')}|${page.bothLanguages.join(',')}`
  let json = serialised.get(key)
  if (json === undefined) {
    const out: Dictionaries = {}
    for (const l of LOCALES) {
      const wanted = l === locale ? page.namespaces : page.bothLanguages
      if (wanted.length) out[l] = Object.fromEntries(wanted.map((ns) => [ns, resources[l][ns]]))
    }
    json = JSON.stringify(out)
    serialised.set(key, json)
  }
  return json
}
