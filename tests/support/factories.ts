/** Creates what a test needs directly through the database, never relying on another test's data. */
import { randomBytes } from 'node:crypto'
import { db } from '../../app/lib/db.server.ts'
import { nameSkeleton } from '../../app/lib/skeleton.server.ts'
import { hashPassword } from '../../app/modules/auth/password.server.ts'
import { assignHandle } from '../../app/modules/content/mentions.server.ts'
import { THEMES } from '../../prisma/demo-data.ts'

export const TEST_PASSWORD = 'Correct-Horse-42'
let passwordHash: Promise<string> | undefined

const unique = () => randomBytes(4).toString('hex')

export async function createUser(
  overrides: Partial<{
    email: string
    name: string
    role: 'MEMBER' | 'MODERATOR' | 'ADMIN'
    verified: boolean
    locale: string
    password: string
  }> = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const password = overrides.password ?? TEST_PASSWORD
  const name = overrides.name ?? `Test User ${unique()}`
  const data = {
    email: overrides.email ?? `user-${unique()}@example.org`,
    name,
    nameSkeleton: nameSkeleton(name),
    role: overrides.role ?? 'MEMBER',
    locale: overrides.locale ?? 'en',
    emailVerifiedAt: overrides.verified === false ? null : new Date(),
    passwordHash: overrides.password ? await hashPassword(password) : await passwordHash,
  } as const
  // Every account gets its @handle when it is made, as signing up does.
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({ data })
    return { ...created, handle: await assignHandle(tx, created.id, created.name) }
  })
  return { ...user, password }
}

export async function ensureThemes() {
  for (const [i, [slug, nameTr, nameEn]] of THEMES.entries()) {
    await db.theme.upsert({ where: { slug }, update: {}, create: { slug, nameTr, nameEn, position: i } })
  }
  return db.theme.findMany({ orderBy: { position: 'asc' } })
}

export async function createOrg(
  overrides: Partial<{
    name: string
    slug: string
    city: string
    status: 'PENDING' | 'APPROVED' | 'REJECTED'
    type: 'MEMBER_CSO' | 'INTERNATIONAL_PARTNER' | 'COORDINATING_CENTRE'
    createdById: string
    themes: string[]
  }> = {},
) {
  const id = unique()
  const themes = overrides.themes?.length ? await ensureThemes() : []
  return db.organization.create({
    data: {
      name: overrides.name ?? `Test Derneği ${id}`,
      slug: overrides.slug ?? `test-dernegi-${id}`,
      city: overrides.city ?? 'Ankara',
      status: overrides.status ?? 'APPROVED',
      type: overrides.type ?? 'MEMBER_CSO',
      createdById: overrides.createdById ?? null,
      themes: { create: (overrides.themes ?? []).map((slug) => ({ themeId: themes.find((t) => t.slug === slug)!.id })) },
    },
  })
}

export async function addMember(
  userId: string,
  orgId: string,
  role: 'MEMBER' | 'ADMIN' = 'MEMBER',
  status: 'ACTIVE' | 'PENDING' = 'ACTIVE',
) {
  return db.membership.create({ data: { userId, orgId, role, status } })
}

/** A verified person who belongs to an approved organization: whom a safe space is for. */
export async function createCommunityMember(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides)
  const org = await createOrg()
  await addMember(user.id, org.id)
  return user
}
