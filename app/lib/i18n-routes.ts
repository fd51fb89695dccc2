/**
 * Which translation namespaces a page needs: its routes say so in `handle = { i18n: [...] }`, merged
 * along the matched routes (root's included). docs/decisions/016-per-route-locales.md.
 */
import { NAMESPACES, type Namespace } from '~/locales/namespaces'

export interface I18nHandle {
  /** the namespaces this route's components (and the messages its actions return) use */
  i18n?: readonly Namespace[]
  /** these namespaces in both languages (a form that fills in Turkish and English fields at once) */
  i18nBothLanguages?: readonly Namespace[]
}

export interface PageI18n {
  namespaces: readonly Namespace[]
  bothLanguages: readonly Namespace[]
}

export const ALL_NAMESPACES: PageI18n = { namespaces: NAMESPACES, bothLanguages: [] }

/**
 * The union over the matched routes. A page route that does not say (no `handle.i18n`) gets every
 * namespace: a missing string would show as its key, an extra one only costs bytes.
 */
export function pageI18n(routes: readonly { handle?: unknown; isPage: boolean }[]): PageI18n {
  const namespaces = new Set<Namespace>()
  const bothLanguages = new Set<Namespace>()
  for (const { handle, isPage } of routes) {
    const h = (handle ?? {}) as I18nHandle
    if (!h.i18n) {
      if (isPage) return ALL_NAMESPACES
      continue
    }
    for (const ns of h.i18n) namespaces.add(ns)
    for (const ns of h.i18nBothLanguages ?? []) bothLanguages.add(ns)
  }
  return { namespaces: NAMESPACES.filter((ns) => namespaces.has(ns)), bothLanguages: NAMESPACES.filter((ns) => bothLanguages.has(ns)) }
}
