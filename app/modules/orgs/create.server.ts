/**
 * A verified user registers an organization: it starts PENDING with its creator as its admin, and the
 * platform's admins are told so they can approve it.
 */
import { Prisma } from '~/generated/prisma/client'
import type { OrgType } from '~/generated/prisma/enums'
import { db } from '~/lib/db.server'
import { assertCan, can, type Actor } from '~/lib/policy'
import { publish } from '~/modules/events/bus.server'
import { dispatchMail } from '~/modules/mail/outbox.server'
import { announce, notifyOf } from '~/modules/notifications/notifications.server'
import { OrgError } from './errors'
import type { OrgInput } from './form'
import { deleteLogoFile, readUpload, storeLogoFile } from './logo.server'
import { queueOrgMail } from './mails.server'
import { platformAdmins } from './recipients.server'
import { baseSlug, firstFreeSlug } from './slug'
import { themeIds } from './themes.server'

/** Types anyone may choose; the coordinating centre is set by platform admins. */
export function allowedTypes(actor: Actor | null): OrgType[] {
  return can(actor, 'org.setType', null)
    ? ['MEMBER_CSO', 'INTERNATIONAL_PARTNER', 'COORDINATING_CENTRE']
    : ['MEMBER_CSO', 'INTERNATIONAL_PARTNER']
}

const isSlugClash = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002' && JSON.stringify(e.meta ?? {}).includes('slug')

export async function createOrganization(actor: Actor, input: OrgInput, options: { logo?: File | null; baseUrl: string }) {
  assertCan(actor, 'org.create', null)
  const type = input.type ?? 'MEMBER_CSO'
  if (!allowedTypes(actor).includes(type)) throw new OrgError('orgs.form.errors.typeNotAllowed', 'type')
  const themes = await themeIds(db, input.themes)
  const upload = options.logo && options.logo.size > 0 ? await readUpload(options.logo) : null
  const logoPath = upload ? await storeLogoFile(upload.bytes, upload.ext) : null
  const base = baseSlug(input.name)

  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await db.$transaction(async (tx) => {
          const taken = await tx.organization.findMany({
            where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] },
            select: { slug: true },
          })
          const slug = firstFreeSlug(
            base,
            taken.map((t) => t.slug),
          )
          const org = await tx.organization.create({
            data: {
              slug,
              name: input.name,
              type,
              status: 'PENDING',
              city: input.city,
              country: input.country,
              website: input.website ?? null,
              descriptionTr: input.descriptionTr ?? '',
              descriptionEn: input.descriptionEn ?? '',
              logoPath,
              createdById: actor.id,
              themes: { create: themes.map((themeId) => ({ themeId })) },
              memberships: { create: { userId: actor.id, role: 'ADMIN', status: 'ACTIVE', decidedAt: new Date() } },
            },
            select: { id: true, slug: true, name: true },
          })
          const creator = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } })
          const admins = (await platformAdmins(tx)).filter((a) => a.id !== actor.id)
          const mailIds: (string | null)[] = []
          for (const admin of admins) {
            await notifyOf(tx, admin.id, 'org.submitted', { orgId: org.id, orgSlug: org.slug, orgName: org.name, userName: creator.name })
            mailIds.push(
              await queueOrgMail(tx, admin, {
                kind: 'orgSubmitted',
                vars: { org: org.name, name: creator.name },
                url: `${options.baseUrl}/admin/orgs`,
              }),
            )
          }
          return { org, mailIds, notified: admins.map((a) => a.id) }
        })
        await dispatchMail(...result.mailIds.filter((id): id is string => !!id))
        announce(result.notified)
        publish('membership.changed', { orgId: result.org.id, userId: actor.id })
        return { id: result.org.id, slug: result.org.slug }
      } catch (e) {
        // Someone took the same slug between our look-up and our insert: look again.
        if (isSlugClash(e) && attempt < 5) continue
        throw e
      }
    }
  } catch (e) {
    await deleteLogoFile(logoPath)
    throw e
  }
}
