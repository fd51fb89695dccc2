import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckboxField, CheckboxGroup, ErrorSummary, StatusMessage, TextField, useFormResult, valueOf } from '~/components/forms'
import { Avatar } from '~/components/people/Avatar'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { title } from '~/lib/meta'
import { ForbiddenError } from '~/lib/policy'
import { requireSessionAuth } from '~/modules/auth/session.server'
import { isMultipart, parseMultipart } from '~/modules/orgs/upload.server'
import { AVATAR_MAX_BYTES, removeAvatar, setAvatar } from '~/modules/people/avatar.server'
import { ProfileError } from '~/modules/people/errors'
import { avatarUrl, profilePath } from '~/modules/people/initials'
import { languageOptions } from '~/modules/people/languages'
import { ABOUT_MAX, CITY_MAX } from '~/modules/people/form'
import { getProfileSettings, profileSettingsSchema, updateProfileSettings } from '~/modules/people/settings.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'people'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'people.settings.title')

const DONE = ['saved', 'avatarSaved', 'avatarRemoved'] as const
type Done = (typeof DONE)[number]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requireSessionAuth(request)
  const locale = resolveLocale(request, user.locale)
  requireCan(actor, 'account.manage', null)
  const s = await getProfileSettings(user.id)
  const done = new URL(request.url).searchParams.get('done')
  return {
    settings: { ...s, avatarUrl: s.handle ? avatarUrl(s.handle, s.avatarPath) : null },
    // Named by the server's Intl: the browser's may name or sort them differently, and the page must hydrate as rendered.
    languages: languageOptions(locale),
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null,
  }
}

const HERE = '/settings/public-profile'

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  let form = new FormData()
  try {
    let tooLarge = new Set<string>()
    if (isMultipart(request)) ({ formData: form, tooLarge } = await parseMultipart(request, AVATAR_MAX_BYTES))
    else form = await request.formData()
    const intent = form.get('intent')
    if (intent === 'avatar') {
      if (tooLarge.has('avatar')) return formError(form, 'people.avatar.errors.tooLarge', 'avatar')
      const file = form.get('avatar')
      if (!(file instanceof File) || file.size === 0) return formError(form, 'people.avatar.errors.empty', 'avatar')
      await setAvatar(actor, file)
      return redirect(`${HERE}?done=avatarSaved`)
    }
    if (intent === 'removeAvatar') {
      await removeAvatar(actor)
      return redirect(`${HERE}?done=avatarRemoved`)
    }
    if (intent === 'save') {
      const parsed = parseForm(form, profileSettingsSchema, ['languages'])
      if (!parsed.ok) return invalid(parsed)
      await updateProfileSettings(actor, parsed.data)
      return redirect(`${HERE}?done=saved`)
    }
  } catch (e) {
    if (e instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
    if (e instanceof ProfileError) return formError(form, e.key, e.field)
    throw e
  }
  return formError(form, 'validation.invalid')
}

export default function PublicProfileSettings() {
  const { settings: s, languages, done } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const failedIntent = result?.values.intent
  const avatarResult = failedIntent === 'avatar' || failedIntent === 'removeAvatar' ? result : undefined
  const detailsResult = avatarResult ? undefined : result
  const checked = (name: string, saved: boolean) => (detailsResult ? valueOf(detailsResult, name) === 'on' : saved)
  const selectedLanguages = detailsResult ? ([] as string[]).concat(detailsResult.values.languages ?? []) : s.languages
  const visibility = detailsResult ? valueOf(detailsResult, 'visibility', s.profileVisibility) : s.profileVisibility
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="mb-1 text-3xl font-bold">{t('people.settings.title')}</h1>
        <p className="text-stone-700">{t('people.settings.intro')}</p>
        {s.handle && (
          <p className="mt-2">
            <Link to={profilePath(s.handle)}>{t('people.settings.view')}</Link>
          </p>
        )}
      </div>
      <StatusMessage>{done ? t(`people.settings.done.${done}`) : null}</StatusMessage>

      <section aria-labelledby="avatar-heading" className="card">
        <h2 id="avatar-heading" className="mb-4 text-xl font-semibold">
          {t('people.avatar.heading')}
        </h2>
        <ErrorSummary result={avatarResult} />
        <div className="mb-4 flex flex-wrap items-center gap-4">
          <Avatar
            person={s}
            url={s.avatarUrl}
            size={96}
            label={t(s.avatarUrl ? 'people.avatar.current' : 'people.avatar.initials', { name: s.name })}
          />
          {s.avatarUrl ? (
            <Form method="post">
              <button type="submit" name="intent" value="removeAvatar" className="btn-secondary" disabled={busy}>
                {t('people.avatar.remove')}
              </button>
            </Form>
          ) : (
            <p className="text-stone-700">{t('people.avatar.none')}</p>
          )}
        </div>
        <Form method="post" encType="multipart/form-data">
          <TextField
            name="avatar"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            label={t('people.avatar.field')}
            hint={t('people.avatar.hint')}
            errors={avatarResult?.errors.avatar}
          />
          <button type="submit" name="intent" value="avatar" className="btn-primary" disabled={busy}>
            {s.avatarUrl ? t('people.avatar.replace') : t('people.avatar.upload')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading" className="mb-4 text-xl font-semibold">
          {t('people.settings.details')}
        </h2>
        <ErrorSummary result={detailsResult} />
        <Form method="post" noValidate>
          <TextField
            name="about"
            label={t('people.settings.about')}
            hint={t('people.settings.aboutHint', { max: ABOUT_MAX })}
            multiline
            rows={5}
            maxLength={ABOUT_MAX}
            defaultValue={valueOf(detailsResult, 'about', s.about)}
            errors={detailsResult?.errors.about}
          />
          <TextField
            name="city"
            label={t('people.settings.city')}
            autoComplete="address-level2"
            maxLength={CITY_MAX}
            defaultValue={valueOf(detailsResult, 'city', s.city ?? '')}
            errors={detailsResult?.errors.city}
          />
          <CheckboxGroup
            name="languages"
            legend={t('people.settings.languages')}
            options={languages}
            selected={selectedLanguages}
            errors={detailsResult?.errors.languages}
          />
          <fieldset className="mb-4">
            <legend className="font-medium">{t('people.settings.visibility')}</legend>
            {(['MEMBERS', 'PUBLIC'] as const).map((v) => (
              <div key={v} className="mt-2 flex items-start gap-3">
                <input
                  id={`visibility-${v}`}
                  type="radio"
                  name="visibility"
                  value={v}
                  defaultChecked={visibility === v}
                  aria-describedby={`visibility-${v}-hint`}
                  className="mt-1 size-5 shrink-0 accent-brand-700"
                />
                <div>
                  <label htmlFor={`visibility-${v}`} className="font-medium">
                    {t(`people.settings.visibilityOption.${v}`)}
                  </label>
                  <p id={`visibility-${v}-hint`} className="text-sm text-stone-700">
                    {t(`people.settings.visibilityHint.${v}`)}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <fieldset className="mb-4">
            <legend className="mb-2 font-medium">{t('people.settings.show')}</legend>
            <CheckboxField
              name="showOrganizations"
              label={t('people.settings.showOrganizations')}
              hint={t('people.settings.showOrganizationsHint')}
              defaultChecked={checked('showOrganizations', s.showOrganizations)}
            />
            <CheckboxField
              name="showRecentPosts"
              label={t('people.settings.showRecentPosts')}
              hint={t('people.settings.showRecentPostsHint')}
              defaultChecked={checked('showRecentPosts', s.showRecentPosts)}
            />
          </fieldset>
          <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
            {t('common.actions.save')}
          </button>
        </Form>
      </section>
    </div>
  )
}
