import type { Tx } from '~/lib/db.server'
import { OrgError } from './errors'

/** Theme slugs from a form → ids; an unknown slug is a field error, not something to drop silently. */
export async function themeIds(tx: Tx, slugs: string[]): Promise<string[]> {
  const unique = [...new Set(slugs)]
  if (!unique.length) return []
  const rows = await tx.theme.findMany({ where: { slug: { in: unique } }, select: { id: true } })
  if (rows.length !== unique.length) throw new OrgError('validation.choice', 'themes')
  return rows.map((r) => r.id)
}
