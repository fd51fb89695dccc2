import { createHash } from 'node:crypto'
import { NAMESPACES, type Namespace } from '~/locales/namespaces'
import { resources } from '~/locales/resources.server'
import { DEFAULT_LOCALE, DICTIONARY_GLOBAL, isLocale, LOCALES, type Locale, type PageDictionaries } from './i18n'
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

/** Changes whenever a dictionary does, so their URLs can be cached for good. */
export const DICTIONARY_VERSION = createHash('sha256').update(JSON.stringify(resources)).digest('hex').slice(0, 12)

// One list per language and set of namespaces, for the life of the process: a handful of route
// combinations cover every page.
const lists = new Map<string, PageDictionaries>()

/** The dictionary files a page needs ("tr.common", …); the page loads them from their cacheable URLs. */
export function pageDictionaries(locale: Locale, page: PageI18n = ALL_NAMESPACES): PageDictionaries {
  const key = `${locale}|${page.namespaces.join(',')}|${page.bothLanguages.join(',')}`
  let list = lists.get(key)
  if (!list) {
    const files = LOCALES.flatMap((l) => (l === locale ? page.namespaces : page.bothLanguages).map((ns) => `${l}.${ns}`))
    list = { version: DICTIONARY_VERSION, files }
    lists.set(key, list)
  }
  return list
}

const fileBodies = new Map<string, string>()

/**
 * One dictionary as the browser fetches it: a script for the page's first load (it runs before the app's
 * modules), JSON for a client-side navigation. Null for a name that is no dictionary.
 */
export function dictionaryFile(file: string): { body: string; type: string } | null {
  const m = /^(tr|en)\.(\w+)\.(js|json)$/.exec(file)
  if (!m || !(NAMESPACES as readonly string[]).includes(m[2])) return null
  const [, locale, ns, ext] = m as unknown as [string, Locale, Namespace, 'js' | 'json']
  let body = fileBodies.get(file)
  if (body === undefined) {
    const json = JSON.stringify(resources[locale][ns])
    body = ext === 'json' ? json : `(self.${DICTIONARY_GLOBAL}??={})[${JSON.stringify(`${locale}.${ns}`)}]=${json}`
    fileBodies.set(file, body)
  }
  return { body, type: ext === 'json' ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8' }
}
