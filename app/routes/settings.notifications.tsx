import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { formError } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireSessionAuth } from '~/modules/auth/session.server'
import { DISCUSSION_EMAIL, REVIEW_EMAIL, SPACE_EMAIL } from '~/modules/notifications/preferences'
import { getPreferences, isDiscussionEmail, isReviewEmail, isSpaceEmail, savePreferences } from '~/modules/notifications/preferences.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'settings.notifications.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  return getPreferences(actor!)
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  const form = await request.formData()
  const discussionEmail = form.get('discussionEmail')
  if (!isDiscussionEmail(discussionEmail)) return formError(form, 'validation.invalid', 'discussionEmail')
  // Sent by the form to moderators only; absent means "unchanged".
  const reviewEmail = form.get('reviewEmail')
  if (reviewEmail !== null && !isReviewEmail(reviewEmail)) return formError(form, 'validation.invalid', 'reviewEmail')
  const spaces = []
  for (const spaceId of form.getAll('space')) {
    if (typeof spaceId !== 'string' || !/^[a-z0-9]{1,64}$/i.test(spaceId)) return formError(form, 'validation.invalid')
    const email = form.get(`email.${spaceId}`)
    if (!isSpaceEmail(email)) return formError(form, 'validation.invalid', `email.${spaceId}`)
    spaces.push({ spaceId, email, following: form.get(`following.${spaceId}`) === 'on' })
  }
  await savePreferences(actor!, { discussionEmail, reviewEmail: reviewEmail ?? undefined, spaces })
  return data({ ok: true as const, saved: true })
}

export default function NotificationSettings() {
  const prefs = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t, locale } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const saved = !!done && 'saved' in done
  const emailError = result?.errors.discussionEmail
  return (
    <div className="max-w-2xl">
      <h1 className="mb-2 text-3xl font-bold">{t('settings.notifications.title')}</h1>
      <p className="mb-4 text-stone-800">{t('settings.notifications.intro')}</p>
      <StatusMessage>{saved ? t('common.status.saved') : null}</StatusMessage>
      <ErrorSummary result={result} />
      {!prefs.notifyByEmail && (
        <p className="mb-4 rounded-md border-2 border-accent-600 bg-white p-3" data-testid="mail-off">
          {t('settings.notifications.mailOff')}{' '}
          <Link to="/settings" className="text-brand-700 underline">
            {t('settings.notifications.mailOffLink')}
          </Link>
        </p>
      )}
      <Form method="post" noValidate className="flex flex-col gap-6">
        <fieldset className="card" aria-describedby={emailError ? 'discussion-email-error' : undefined}>
          <legend className="px-1 text-xl font-semibold">{t('settings.notifications.discussionEmail')}</legend>
          <div className="mt-2 flex flex-col gap-3">
            {DISCUSSION_EMAIL.map((value) => (
              <div key={value} className="flex items-start gap-3">
                <input
                  type="radio"
                  id={`discussion-email-${value}`}
                  name="discussionEmail"
                  value={value}
                  defaultChecked={prefs.discussionEmail === value}
                  aria-describedby={`discussion-email-${value}-hint`}
                  className="mt-1 size-5 shrink-0 accent-brand-700"
                />
                <div>
                  <label htmlFor={`discussion-email-${value}`} className="font-medium">
                    {t(`settings.notifications.frequency.${value}`)}
                  </label>
                  <p id={`discussion-email-${value}-hint`} className="text-sm text-stone-700">
                    {t(`settings.notifications.frequencyHint.${value}`)}
                  </p>
                </div>
              </div>
            ))}
          </div>
          {emailError && (
            <p id="discussion-email-error" className="mt-2 text-sm font-medium text-red-800">
              {t('validation.invalid')}
            </p>
          )}
        </fieldset>

        {prefs.reviewEmail && <ReviewEmailChoice value={prefs.reviewEmail} invalid={!!result?.errors.reviewEmail} />}

        <section aria-labelledby="space-settings" className="card">
          <h2 id="space-settings" className="text-xl font-semibold">
            {t('settings.notifications.spaces')}
          </h2>
          <p className="mt-1 text-sm text-stone-700">{t('settings.notifications.spacesIntro')}</p>
          {prefs.spaces.length === 0 ? (
            <p className="mt-3">
              {t('settings.notifications.noSpaces')}{' '}
              <Link to="/spaces" className="text-brand-700 underline">
                {t('settings.notifications.browseSpaces')}
              </Link>
            </p>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {prefs.spaces.map((s) => {
                const name = locale === 'en' ? s.nameEn : s.nameTr
                const invalid = !!result?.errors[`email.${s.spaceId}`]
                return (
                  <li key={s.spaceId} className="py-3" data-testid="space-preference">
                    <fieldset>
                      <legend className="font-semibold">
                        <Link to={`/spaces/${s.slug}`} className="text-brand-700 underline">
                          {name}
                        </Link>
                      </legend>
                      <input type="hidden" name="space" value={s.spaceId} />
                      <div className="mt-2 flex flex-wrap items-end gap-x-6 gap-y-2">
                        <div className="flex min-h-11 items-center gap-3">
                          <input
                            type="checkbox"
                            id={`following-${s.spaceId}`}
                            name={`following.${s.spaceId}`}
                            defaultChecked={s.following}
                            className="size-5 shrink-0 accent-brand-700"
                          />
                          <label htmlFor={`following-${s.spaceId}`}>{t('settings.notifications.following')}</label>
                        </div>
                        <div>
                          <label htmlFor={`email-${s.spaceId}`} className="block text-sm font-medium">
                            {t('settings.notifications.spaceEmail')}
                          </label>
                          <select
                            id={`email-${s.spaceId}`}
                            name={`email.${s.spaceId}`}
                            defaultValue={s.email}
                            aria-invalid={invalid || undefined}
                            aria-describedby={invalid ? `email-${s.spaceId}-error` : undefined}
                            className="input mt-1"
                          >
                            {SPACE_EMAIL.map((v) => (
                              <option key={v} value={v}>
                                {v === 'DEFAULT'
                                  ? t('settings.notifications.spaceDefault', {
                                      choice: t(`settings.notifications.frequency.${prefs.discussionEmail}`),
                                    })
                                  : t(`settings.notifications.frequency.${v}`)}
                              </option>
                            ))}
                          </select>
                          {invalid && (
                            <p id={`email-${s.spaceId}-error`} className="mt-1 text-sm font-medium text-red-800">
                              {t('validation.invalid')}
                            </p>
                          )}
                        </div>
                      </div>
                    </fieldset>
                  </li>
                )
              })}
            </ul>
          )}
        </section>
        <div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('common.actions.save')}
          </button>
        </div>
      </Form>
    </div>
  )
}

/** Moderators: whether a new item in their queue also comes by e-mail (the bell and the count always tell). */
function ReviewEmailChoice({ value, invalid }: { value: (typeof REVIEW_EMAIL)[number]; invalid: boolean }) {
  const { t } = useI18n()
  return (
    <fieldset className="card" aria-describedby={invalid ? 'review-email-error' : undefined} data-testid="review-email">
      <legend className="px-1 text-xl font-semibold">{t('settings.notifications.reviewEmail')}</legend>
      <p className="mt-1 text-sm text-stone-700">{t('settings.notifications.reviewEmailIntro')}</p>
      <div className="mt-2 flex flex-col gap-1">
        {REVIEW_EMAIL.map((v) => (
          <div key={v} className="flex min-h-11 items-center gap-3">
            <input
              type="radio"
              id={`review-email-${v}`}
              name="reviewEmail"
              value={v}
              defaultChecked={value === v}
              className="size-5 shrink-0 accent-brand-700"
            />
            <label htmlFor={`review-email-${v}`} className="font-medium">
              {t(`settings.notifications.reviewFrequency.${v}`)}
            </label>
          </div>
        ))}
      </div>
      {invalid && (
        <p id="review-email-error" className="mt-2 text-sm font-medium text-red-800">
          {t('validation.invalid')}
        </p>
      )}
    </fieldset>
  )
}
