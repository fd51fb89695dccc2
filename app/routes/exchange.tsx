import type { MetaFunction } from '@remix-run/node'
import { ComingSoon } from '~/components/ComingSoon'
import { title } from '~/lib/meta'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: [] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'common.nav.exchange')

export default function Route() {
  return <ComingSoon sectionKey="exchange" />
}
