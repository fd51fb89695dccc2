import { formError } from '~/lib/forms.server'
import type { RateResult } from '~/modules/rate-limit/rate-limit.server'

export interface RateLimited {
  ok: false
  reason: 'rateLimited'
  retryAfterSeconds: number
}

export const rateLimited = (r: RateResult): RateLimited => ({ ok: false, reason: 'rateLimited', retryAfterSeconds: r.retryAfterSeconds })

/** A 429 that keeps what was typed and says, in whole minutes, when to try again. */
export function tooManyAttempts(formData: FormData, retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return formError(formData, 'auth.tooMany', '_form', { count: minutes }, 429)
}
