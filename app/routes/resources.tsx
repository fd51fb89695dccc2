import type { MetaFunction } from '@remix-run/node'
import { ComingSoon } from '~/components/ComingSoon'
import { notFound } from '~/lib/http.server'
import { title } from '~/lib/meta'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: [] }

/**
 * Not built yet: a placeholder is no working area, so the address answers 404 (in the shell) and no
 * menu links here until the section lands (issue 10, item 8.3). The page below is what it will replace.
 */
export function loader(): never {
  throw notFound()
}

export const meta: MetaFunction = ({ matches }) => title(matches, 'common.nav.resources')

export default function Route() {
  return <ComingSoon sectionKey="resources" />
}
