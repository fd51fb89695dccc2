/** The organization form (create and edit share it), validated the same way by pages and the API. */
import { safeText } from '~/lib/text-safety'
import { optionalText, text, z } from '~/lib/validation'
import { COUNTRY_CODES } from './countries'

export const ORG_TYPES = ['MEMBER_CSO', 'INTERNATIONAL_PARTNER', 'COORDINATING_CENTRE'] as const
export const DESCRIPTION_MAX = 2000
export const JOIN_MESSAGE_MAX = 1000
export const REASON_MAX = 1000

/** An https address; a bare "example.org" is read as "https://example.org". */
export const website = z
  .string()
  .optional()
  .transform((s) => {
    const v = s?.trim()
    if (!v) return undefined
    return /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`
  })
  .pipe(
    z
      .url({ protocol: /^https$/, hostname: z.regexes.domain })
      .max(300)
      .optional(),
  )

export const orgFormSchema = z.object({
  // Empty reads "required"; a single character reads "too short".
  name: safeText('name', { max: 150 }).pipe(z.string().min(2)),
  type: z.enum(ORG_TYPES).optional(),
  city: text({ max: 100 }),
  country: z.enum(COUNTRY_CODES),
  website,
  descriptionTr: optionalText(DESCRIPTION_MAX),
  descriptionEn: optionalText(DESCRIPTION_MAX),
  themes: z.array(z.string().max(80)).max(50),
})

export type OrgInput = z.infer<typeof orgFormSchema>
/** Repeated fields of the form, for parseForm. */
export const ORG_FORM_ARRAYS = ['themes'] as const

const param = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => v?.trim() || undefined)
    .catch(undefined)

/** The directory's filters from the query string; anything unreadable is simply no filter. */
export const directoryQuerySchema = z.object({
  q: param(200),
  city: param(100),
  theme: param(80),
  type: z.enum(ORG_TYPES).optional().catch(undefined),
})
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>

export function directoryQuery(url: URL): DirectoryQuery {
  const get = (k: string) => url.searchParams.get(k) ?? undefined
  return directoryQuerySchema.parse({ q: get('q'), city: get('city'), theme: get('theme'), type: get('type') })
}
