import type { MetaDescriptor } from '@remix-run/node'
import { DEFAULT_LOCALE, getT, isLocale, type Vars } from './i18n'

type Matches = readonly { id: string; data?: unknown }[]

/** A translated <title>: "Page · birlikte", in the language the root loader resolved. */
export function title(matches: Matches, key: string, vars?: Vars): MetaDescriptor[] {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined
  const t = getT(isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE)
  return [{ title: `${t(key, vars)} · birlikte` }]
}

/** For titles that are data (an organization's name), not a key. */
export function literalTitle(text: string): MetaDescriptor[] {
  return [{ title: `${text} · birlikte` }]
}
