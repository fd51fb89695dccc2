/**
 * Pieces the organization pages share: the create/edit form, the description in the reader's
 * language, the logo and the type label.
 */
import { CheckboxGroup, ErrorSummary, SelectField, TextField, valueOf, type FormResult } from '~/components/forms'
import { useI18n, type Locale } from '~/lib/i18n'
import { countryName, countryOptions } from '~/modules/orgs/countries'
import { DESCRIPTION_MAX } from '~/modules/orgs/form'

type OrgTypeValue = 'MEMBER_CSO' | 'INTERNATIONAL_PARTNER' | 'COORDINATING_CENTRE'

export interface ThemeOption {
  slug: string
  nameTr: string
  nameEn: string
}

export const themeLabel = (theme: ThemeOption, locale: Locale) => (locale === 'tr' ? theme.nameTr : theme.nameEn)

/** The description in the reader's language, else the other one (marked with its language). */
export function pickDescription(org: { descriptionTr: string; descriptionEn: string }, locale: Locale) {
  const own = locale === 'tr' ? org.descriptionTr : org.descriptionEn
  if (own.trim()) return { text: own, lang: locale, fallback: false }
  const other: Locale = locale === 'tr' ? 'en' : 'tr'
  const text = other === 'tr' ? org.descriptionTr : org.descriptionEn
  return text.trim() ? { text, lang: other, fallback: true } : null
}

export function Description({ org, excerpt = false }: { org: { descriptionTr: string; descriptionEn: string }; excerpt?: boolean }) {
  const { t, locale } = useI18n()
  const d = pickDescription(org, locale)
  if (!d) return excerpt ? null : <p className="text-stone-700">{t('orgs.profile.noDescription')}</p>
  return (
    <div>
      {d.fallback && !excerpt && <p className="mb-1 text-sm text-stone-700">{t(`orgs.profile.onlyIn.${d.lang}`)}</p>}
      <p lang={d.fallback ? d.lang : undefined} className={`whitespace-pre-line ${excerpt ? 'line-clamp-3 text-stone-700' : ''}`}>
        {d.text}
      </p>
    </div>
  )
}

// Sizes as classes: the CSP (style-src 'self') drops inline style attributes.
const LOGO_SIZES = { 56: 'size-14', 64: 'size-16', 96: 'size-24' } as const

export function OrgLogo({ url, size = 64, alt = '' }: { url: string | null; size?: keyof typeof LOGO_SIZES; alt?: string }) {
  if (!url) return null
  return (
    <img
      src={url}
      alt={alt}
      width={size}
      height={size}
      loading="lazy"
      className={`${LOGO_SIZES[size]} shrink-0 rounded-md border border-stone-200 bg-white object-contain`}
    />
  )
}

export function placeLabel(city: string, country: string, locale: Locale) {
  return `${city}, ${countryName(country, locale)}`
}

export interface OrgFormDefaults {
  name: string
  type: OrgTypeValue
  city: string
  country: string
  website: string
  descriptionTr: string
  descriptionEn: string
  themes: string[]
}

/**
 * The fields of an organization. `types` lists the types this user may choose; with only one (or
 * none), the type is shown but cannot be changed.
 */
export function OrgFields({
  result,
  defaults,
  themes,
  types,
  withLogo = false,
}: {
  result?: FormResult
  defaults: OrgFormDefaults
  themes: ThemeOption[]
  types: OrgTypeValue[]
  withLogo?: boolean
}) {
  const { t, locale } = useI18n()
  const errors = result?.errors ?? {}
  const selectedThemes = result ? [result.values.themes ?? []].flat() : defaults.themes
  return (
    <>
      <ErrorSummary result={result} />
      <TextField
        name="name"
        label={t('orgs.form.name')}
        required
        maxLength={150}
        autoComplete="organization"
        defaultValue={valueOf(result, 'name', defaults.name)}
        errors={errors.name}
      />
      {types.length > 1 ? (
        <SelectField
          name="type"
          label={t('orgs.form.type')}
          options={types.map((v) => ({ value: v, label: t(`orgs.types.${v}`) }))}
          defaultValue={valueOf(result, 'type', defaults.type)}
          errors={errors.type}
        />
      ) : (
        <div className="mb-4">
          <p className="font-medium">{t('orgs.form.type')}</p>
          <p className="mt-1">{t(`orgs.types.${defaults.type}`)}</p>
          <p className="text-sm text-stone-700">{t('orgs.form.typeLocked')}</p>
          {errors.type?.map((m, i) => (
            <p key={i} className="mt-1 text-sm font-medium text-red-800">
              {t(m.key, m.vars)}
            </p>
          ))}
        </div>
      )}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          name="city"
          label={t('orgs.form.city')}
          required
          maxLength={100}
          autoComplete="address-level2"
          defaultValue={valueOf(result, 'city', defaults.city)}
          errors={errors.city}
        />
        <SelectField
          name="country"
          label={t('orgs.form.country')}
          required
          options={countryOptions(locale)}
          defaultValue={valueOf(result, 'country', defaults.country)}
          errors={errors.country}
        />
      </div>
      <TextField
        name="website"
        type="url"
        inputMode="url"
        label={t('orgs.form.website')}
        hint={t('orgs.form.websiteHint')}
        maxLength={300}
        autoComplete="url"
        defaultValue={valueOf(result, 'website', defaults.website)}
        errors={errors.website}
      />
      <TextField
        name="descriptionTr"
        label={t('orgs.form.descriptionTr')}
        hint={t('orgs.form.descriptionHint', { max: DESCRIPTION_MAX })}
        multiline
        rows={6}
        maxLength={DESCRIPTION_MAX}
        defaultValue={valueOf(result, 'descriptionTr', defaults.descriptionTr)}
        errors={errors.descriptionTr}
      />
      <TextField
        name="descriptionEn"
        label={t('orgs.form.descriptionEn')}
        hint={t('orgs.form.descriptionHint', { max: DESCRIPTION_MAX })}
        multiline
        rows={6}
        maxLength={DESCRIPTION_MAX}
        defaultValue={valueOf(result, 'descriptionEn', defaults.descriptionEn)}
        errors={errors.descriptionEn}
      />
      <CheckboxGroup
        name="themes"
        legend={t('orgs.form.themes')}
        options={themes.map((th) => ({ value: th.slug, label: themeLabel(th, locale) }))}
        selected={selectedThemes}
        errors={errors.themes}
      />
      {withLogo && <LogoField errors={errors.logo} />}
    </>
  )
}

export function LogoField({ errors }: { errors?: FormResult['errors'][string] }) {
  const { t } = useI18n()
  return (
    <TextField
      name="logo"
      type="file"
      accept="image/png,image/jpeg,image/webp"
      label={t('orgs.logo.field')}
      hint={t('orgs.logo.hint')}
      errors={errors}
    />
  )
}
