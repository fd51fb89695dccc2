import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckboxField, ErrorSummary, SelectField, StatusMessage, TextField, useFormResult, valueOf } from '~/components/forms'
import { invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { isLocale, LOCALES, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { getProfile, isTimeZone, updateProfile } from '~/modules/auth/account.server'
import { timeZoneOptions } from '~/modules/auth/time-zones.server'
import { langCookie, resolveLocale } from '~/lib/i18n.server'
import { profileSchema } from '~/modules/auth/forms.server'
import { requireSessionAuth } from '~/modules/auth/session.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'mail', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'settings.profile.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSessionAuth(request)
  const profile = await getProfile(user.id)
  return {
    profile: { ...profile, verified: !!profile.emailVerifiedAt, locale: isLocale(profile.locale) ? profile.locale : null },
    // Labelled in the page's language (the same choice the root makes), the value still the IANA id.
    zones: await timeZoneOptions(resolveLocale(request, profile.locale), profile.timeZone),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, actor } = await requireSessionAuth(request)
  requireCan(actor, 'account.manage', null)
  const form = await request.formData()
  const parsed = parseForm(
    form,
    profileSchema((zone) => isTimeZone(zone, user.timeZone)),
  )
  if (!parsed.ok) return invalid(parsed)
  await updateProfile(user.id, parsed.data)
  // The cookie keeps the language after signing out, too.
  return data({ ok: true as const, saved: true }, { headers: { 'Set-Cookie': langCookie(parsed.data.locale) } })
}

export default function Profile() {
  const { profile, zones } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const result = useFormResult()
  const { t, locale } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const saved = !!done && 'saved' in done
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t('settings.profile.title')}</h1>
      <StatusMessage>{saved ? t('common.status.saved') : null}</StatusMessage>
      <ErrorSummary result={result} />
      <div className="card mb-6">
        <h2 className="font-semibold">{t('settings.profile.email')}</h2>
        <p className="mt-1 break-all">{profile.email}</p>
        <p className="mt-1 text-sm text-stone-700">
          {profile.verified ? t('settings.profile.emailVerified') : t('settings.profile.emailUnverified')}
        </p>
      </div>
      <Form method="post" noValidate className="card">
        <TextField
          name="name"
          label={t('settings.profile.name')}
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={valueOf(result, 'name', profile.name)}
          errors={result?.errors.name}
        />
        <SelectField
          name="locale"
          label={t('settings.profile.language')}
          hint={t('settings.profile.languageHint')}
          options={LOCALES.map((l) => ({ value: l, label: t(`common.language.${l}`) }))}
          defaultValue={valueOf(result, 'locale', profile.locale ?? locale)}
          errors={result?.errors.locale}
        />
        <SelectField
          name="timeZone"
          label={t('settings.profile.timeZone')}
          hint={t('settings.profile.timeZoneHint')}
          options={zones.map((z) => ({ ...z, group: t(`settings.profile.zoneGroups.${z.group}`) }))}
          defaultValue={valueOf(result, 'timeZone', profile.timeZone)}
          errors={result?.errors.timeZone}
        />
        <CheckboxField
          name="notifyByEmail"
          label={t('settings.profile.notify')}
          hint={t('settings.profile.notifyHint')}
          defaultChecked={result ? valueOf(result, 'notifyByEmail') === 'on' : profile.notifyByEmail}
        />
        <button type="submit" className="btn-primary mt-2" disabled={busy}>
          {t('common.actions.save')}
        </button>
      </Form>
    </div>
  )
}
