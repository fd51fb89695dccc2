/** The space form (create and edit share it) and the other inputs of the spaces pages, validated the same way by pages and the API. */
import { safeText } from '~/lib/text-safety'
import { checkbox, optionalText, z } from '~/lib/validation'
import { RESERVED_SLUGS, SLUG_MAX, SLUG_PATTERN } from '~/modules/orgs/slug'
import { SPACE_COLOR_NAMES, SPACE_ICON_NAMES } from './appearance'

export const SPACE_VISIBILITIES = ['PUBLIC', 'MEMBERS', 'PRIVATE'] as const
export const SPACE_EMAILS = ['DEFAULT', 'IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE'] as const
export type SpaceEmailSetting = (typeof SPACE_EMAILS)[number]
export const NAME_MAX = 120
export const DESCRIPTION_MAX = 2000
export const RULES_MAX = 8000
export const POSITION_MAX = 9999

/** Empty: made from the English name. Otherwise lowercase letters, digits and single hyphens. */
export const slugField = z
  .string()
  .optional()
  .transform((s) => s?.trim().toLowerCase() || undefined)
  .pipe(
    z
      .string()
      .max(SLUG_MAX)
      .regex(SLUG_PATTERN, { message: 'spaces.form.errors.slugFormat' })
      .refine((s) => !RESERVED_SLUGS.has(s), { message: 'spaces.form.errors.slugReserved' })
      .optional(),
  )

function rulesCheckable(payload: { value: unknown }) {
  const v = payload.value as Record<string, unknown> | null
  return !!v && typeof v === 'object' && typeof v.safeSpace === 'boolean'
}

export const spaceFormSchema = z
  .object({
    slug: slugField,
    nameTr: safeText('name', { max: NAME_MAX }).pipe(z.string().min(2)),
    nameEn: safeText('name', { max: NAME_MAX }).pipe(z.string().min(2)),
    descriptionTr: optionalText(DESCRIPTION_MAX),
    descriptionEn: optionalText(DESCRIPTION_MAX),
    themes: z.array(z.string().max(80)).max(50),
    icon: z.enum(SPACE_ICON_NAMES),
    color: z.enum(SPACE_COLOR_NAMES),
    visibility: z.enum(SPACE_VISIBILITIES),
    position: z
      .string()
      .optional()
      .transform((s) => (s?.trim() ? Number(s.trim()) : 0))
      .pipe(z.number({ message: 'validation.number' }).int({ message: 'validation.number' }).min(0).max(POSITION_MAX)),
    safeSpace: checkbox,
    approveNewPosts: checkbox,
    allowAnonymous: checkbox,
    rulesTr: optionalText(RULES_MAX),
    rulesEn: optionalText(RULES_MAX),
  })
  // A safe space shows its rules (in both languages) before anyone posts. `when` makes this run even
  // when other fields failed, so the form lists every mistake at once.
  .refine((v) => !v.safeSpace || !!v.rulesTr, { path: ['rulesTr'], message: 'spaces.form.errors.rulesRequired', when: rulesCheckable })
  .refine((v) => !v.safeSpace || !!v.rulesEn, { path: ['rulesEn'], message: 'spaces.form.errors.rulesRequired', when: rulesCheckable })

export type SpaceInput = z.infer<typeof spaceFormSchema>
export const SPACE_FORM_ARRAYS = ['themes'] as const

export const emailSettingSchema = z.object({ email: z.enum(SPACE_EMAILS) })
