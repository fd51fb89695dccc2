import type { MetaFunction } from '@remix-run/node'
import { ComingSoon } from '~/components/ComingSoon'
import { title } from '~/lib/meta'

export const meta: MetaFunction = ({ matches }) => title(matches, 'common.nav.exchange')

export default function Route() {
  return <ComingSoon sectionKey="exchange" />
}
