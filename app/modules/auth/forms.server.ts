/** The zod schemas of the account forms, shared by the routes and the tests. */
import { LOCALES } from '~/lib/i18n'
import { displayName } from '~/lib/text-safety'
import { checkbox, email, text, z } from '~/lib/validation'
import { passwordProblem } from './password.server'

// Long enough for any passphrase, short enough that hashing it is never a denial of service.
const MAX_PASSWORD = 1024
const password = z.string().min(1).max(MAX_PASSWORD)

/** Adds passwordProblem()'s verdict to the `field` of an object that also knows the e-mail address. */
function strongPassword(field: string, emailOf: (v: Record<string, unknown>) => string | undefined) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const value = v[field]
    if (typeof value !== 'string' || !value) return
    const mail = emailOf(v)
    const problem = passwordProblem(value, typeof mail === 'string' ? mail : undefined)
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem })
  }
}

export const locale = z.enum(LOCALES)

export const signUpSchema = z
  .object({ name: displayName(), email, password, locale })
  .superRefine(strongPassword('password', (v) => v.email as string | undefined))

export const signInSchema = z.object({
  email,
  password,
  remember: checkbox,
  redirectTo: z.string().max(2000).optional(),
})

export const emailSchema = z.object({ email })

export const resetPasswordSchema = (userEmail: string) =>
  z.object({ token: z.string().max(200), password }).superRefine(strongPassword('password', () => userEmail))

export const changePasswordSchema = (userEmail: string) =>
  z.object({ currentPassword: password, newPassword: password }).superRefine(strongPassword('newPassword', () => userEmail))

export const profileSchema = (isTimeZone: (zone: string) => boolean) =>
  z.object({
    name: displayName(),
    locale,
    timeZone: z.string().max(64).refine(isTimeZone, { message: 'validation.choice' }),
    notifyByEmail: checkbox,
  })

export const tokenNameSchema = z.object({ name: text({ min: 1, max: 80 }) })
