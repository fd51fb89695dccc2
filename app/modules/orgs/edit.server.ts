/** Editing an organization's profile. Its slug stays as it was, so links to it keep working. */
import { db } from '~/lib/db.server'
import { assertCan, can, type Actor } from '~/lib/policy'
import { writeAudit } from '~/modules/audit/write.server'
import { OrgError } from './errors'
import type { OrgInput } from './form'
import { themeIds } from './themes.server'

export async function updateOrganization(actor: Actor, orgId: string, input: OrgInput) {
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: {
      id: true,
      status: true,
      createdById: true,
      name: true,
      type: true,
      city: true,
      country: true,
      website: true,
      descriptionTr: true,
      descriptionEn: true,
      themes: { select: { themeId: true } },
    },
  })
  if (!org) throw new OrgError('orgs.errors.notFound', '_form', 404)
  assertCan(actor, 'org.edit', org)
  const type = input.type ?? org.type
  if (type !== org.type && !can(actor, 'org.setType', null)) throw new OrgError('orgs.form.errors.typeAdminOnly', 'type')

  const next = {
    name: input.name,
    type,
    city: input.city,
    country: input.country,
    website: input.website ?? null,
    descriptionTr: input.descriptionTr ?? '',
    descriptionEn: input.descriptionEn ?? '',
  }
  await db.$transaction(async (tx) => {
    const themes = await themeIds(tx, input.themes)
    const before = new Set(org.themes.map((t) => t.themeId))
    const themesChanged = themes.length !== before.size || themes.some((id) => !before.has(id))
    const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== org[k])
    if (themesChanged) changed.push('themes')
    if (!changed.length) return
    await tx.organization.update({
      where: { id: orgId },
      data: {
        ...next,
        ...(themesChanged ? { themes: { deleteMany: {}, create: themes.map((themeId) => ({ themeId })) } } : {}),
      },
    })
    await writeAudit(tx, { actorId: actor.id, action: 'org.update', targetType: 'organization', targetId: orgId, data: { changed } })
  })
}
