/**
 * Pieces the spaces pages share: a space's icon and badges, text in the reader's language, and the
 * create/edit form.
 */
import { Link } from '@remix-run/react'
import { CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextField, valueOf, type FormResult } from '~/components/forms'
import { themeLabel, type ThemeOption } from '~/components/orgs/OrgParts'
import { useI18n, type Locale } from '~/lib/i18n'
import { colorOf, iconPaths, SPACE_COLOR_NAMES, SPACE_ICON_NAMES } from '~/modules/spaces/appearance'
import { DESCRIPTION_MAX, NAME_MAX, POSITION_MAX, RULES_MAX, SPACE_VISIBILITIES } from '~/modules/spaces/form'

export type Visibility = (typeof SPACE_VISIBILITIES)[number]

/** The text in the reader's language, else the other one (with its language, for `lang`). */
export function pickText(locale: Locale, tr: string, en: string) {
  const own = locale === 'tr' ? tr : en
  if (own.trim()) return { text: own, lang: undefined }
  const other = locale === 'tr' ? en : tr
  return other.trim() ? { text: other, lang: locale === 'tr' ? 'en' : 'tr' } : null
}

export const spaceName = (locale: Locale, s: { nameTr: string; nameEn: string }) => pickText(locale, s.nameTr, s.nameEn)?.text ?? ''

/** The space's icon on its colour. Decorative: the space's name is always written next to it. */
export function SpaceIcon({ icon, color, size = 40 }: { icon: string; color: string; size?: 32 | 40 | 56 }) {
  const box = size === 56 ? 'size-14' : size === 40 ? 'size-10' : 'size-8'
  return (
    <span
      aria-hidden="true"
      className={`inline-flex ${box} shrink-0 items-center justify-center rounded-lg text-white ${colorOf(color).bg}`}
    >
      <svg
        viewBox="0 0 24 24"
        className="size-3/5"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {iconPaths(icon).map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
    </span>
  )
}

const badge = 'inline-flex items-center rounded-full border px-2 py-0.5 text-sm font-medium'

export function SpaceBadges({ visibility, safeSpace, archived }: { visibility: Visibility; safeSpace: boolean; archived: boolean }) {
  const { t } = useI18n()
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t('spaces.badges.label')}>
      <li className={`${badge} border-stone-400 bg-stone-50 text-stone-800`}>{t(`spaces.visibility.${visibility}`)}</li>
      {safeSpace && <li className={`${badge} border-violet-700 bg-violet-50 text-violet-800`}>{t('spaces.badges.safe')}</li>}
      {archived && <li className={`${badge} border-amber-800 bg-amber-50 text-amber-900`}>{t('spaces.badges.archived')}</li>}
    </ul>
  )
}

export function ThemeChips({ themes }: { themes: ThemeOption[] }) {
  const { t, locale } = useI18n()
  if (!themes.length) return null
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t('spaces.page.themes')}>
      {themes.map((th) => (
        <li key={th.slug} className="rounded-full border border-stone-300 bg-stone-50 px-2 py-0.5 text-sm">
          {themeLabel(th, locale)}
        </li>
      ))}
    </ul>
  )
}

export interface SpaceFormDefaults {
  slug: string
  nameTr: string
  nameEn: string
  descriptionTr: string
  descriptionEn: string
  themes: string[]
  icon: string
  color: string
  visibility: Visibility
  position: number
  safeSpace: boolean
  approveNewPosts: boolean
  allowAnonymous: boolean
  rulesTr: string
  rulesEn: string
}

/** After a failed submit a checkbox is as the person left it; before, as the space has it. */
function checked(result: FormResult | undefined, name: string, fallback: boolean) {
  return result ? result.values[name] === 'on' : fallback
}

export function SpaceFields({ result, defaults, themes }: { result?: FormResult; defaults: SpaceFormDefaults; themes: ThemeOption[] }) {
  const { t, locale } = useI18n()
  const errors = result?.errors ?? {}
  const selectedThemes = result ? [result.values.themes ?? []].flat() : defaults.themes
  return (
    <>
      <ErrorSummary result={result} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          name="nameTr"
          label={t('spaces.form.nameTr')}
          required
          maxLength={NAME_MAX}
          lang="tr"
          defaultValue={valueOf(result, 'nameTr', defaults.nameTr)}
          errors={errors.nameTr}
        />
        <TextField
          name="nameEn"
          label={t('spaces.form.nameEn')}
          required
          maxLength={NAME_MAX}
          lang="en"
          defaultValue={valueOf(result, 'nameEn', defaults.nameEn)}
          errors={errors.nameEn}
        />
      </div>
      <TextField
        name="slug"
        label={t('spaces.form.slug')}
        hint={t('spaces.form.slugHint')}
        maxLength={60}
        autoComplete="off"
        spellCheck={false}
        defaultValue={valueOf(result, 'slug', defaults.slug)}
        errors={errors.slug}
      />
      <TextField
        name="descriptionTr"
        label={t('spaces.form.descriptionTr')}
        multiline
        rows={4}
        maxLength={DESCRIPTION_MAX}
        defaultValue={valueOf(result, 'descriptionTr', defaults.descriptionTr)}
        errors={errors.descriptionTr}
      />
      <TextField
        name="descriptionEn"
        label={t('spaces.form.descriptionEn')}
        multiline
        rows={4}
        maxLength={DESCRIPTION_MAX}
        defaultValue={valueOf(result, 'descriptionEn', defaults.descriptionEn)}
        errors={errors.descriptionEn}
      />
      <CheckboxGroup
        name="themes"
        legend={t('spaces.form.themes')}
        options={themes.map((th) => ({ value: th.slug, label: themeLabel(th, locale) }))}
        selected={selectedThemes}
        errors={errors.themes}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField
          name="icon"
          label={t('spaces.form.icon')}
          options={SPACE_ICON_NAMES.map((v) => ({ value: v, label: t(`spaces.icons.${v}`) }))}
          defaultValue={valueOf(result, 'icon', defaults.icon)}
          errors={errors.icon}
        />
        <SelectField
          name="color"
          label={t('spaces.form.color')}
          options={SPACE_COLOR_NAMES.map((v) => ({ value: v, label: t(`spaces.colors.${v}`) }))}
          defaultValue={valueOf(result, 'color', defaults.color)}
          errors={errors.color}
        />
        <TextField
          name="position"
          type="number"
          inputMode="numeric"
          min={0}
          max={POSITION_MAX}
          label={t('spaces.form.position')}
          hint={t('spaces.form.positionHint')}
          defaultValue={valueOf(result, 'position', String(defaults.position))}
          errors={errors.position}
        />
      </div>
      <SelectField
        name="visibility"
        label={t('spaces.form.visibility')}
        hint={t('spaces.form.visibilityHint')}
        options={SPACE_VISIBILITIES.map((v) => ({ value: v, label: `${t(`spaces.visibility.${v}`)}: ${t(`spaces.visibilityHelp.${v}`)}` }))}
        defaultValue={valueOf(result, 'visibility', defaults.visibility)}
        errors={errors.visibility}
      />
      <fieldset className="mb-4">
        <legend className="mb-2 font-medium">{t('spaces.form.options')}</legend>
        <CheckboxField
          name="safeSpace"
          label={t('spaces.form.safeSpace')}
          hint={t('spaces.form.safeSpaceHint')}
          defaultChecked={checked(result, 'safeSpace', defaults.safeSpace)}
          errors={errors.safeSpace}
        />
        <CheckboxField
          name="approveNewPosts"
          label={t('spaces.form.approveNewPosts')}
          hint={t('spaces.form.approveNewPostsHint')}
          defaultChecked={checked(result, 'approveNewPosts', defaults.approveNewPosts)}
        />
        <CheckboxField
          name="allowAnonymous"
          label={t('spaces.form.allowAnonymous')}
          hint={t('spaces.form.allowAnonymousHint')}
          defaultChecked={checked(result, 'allowAnonymous', defaults.allowAnonymous)}
        />
      </fieldset>
      <TextField
        name="rulesTr"
        label={t('spaces.form.rulesTr')}
        hint={t('spaces.form.rulesHint')}
        multiline
        rows={8}
        maxLength={RULES_MAX}
        defaultValue={valueOf(result, 'rulesTr', defaults.rulesTr)}
        errors={errors.rulesTr}
      />
      <TextField
        name="rulesEn"
        label={t('spaces.form.rulesEn')}
        hint={t('spaces.form.rulesHint')}
        multiline
        rows={8}
        maxLength={RULES_MAX}
        defaultValue={valueOf(result, 'rulesEn', defaults.rulesEn)}
        errors={errors.rulesEn}
      />
    </>
  )
}

/** "Next page" for cursor-paginated lists, and a way back to the start (a cursor only goes forward). */
export function CursorPager({ next, firstHref, isFirst }: { next: string | null; firstHref: string; isFirst: boolean }) {
  const { t } = useI18n()
  if (!next && isFirst) return null
  return (
    <nav aria-label={t('common.pagination.label')} className="mt-6 flex flex-wrap items-center justify-between gap-2">
      {!isFirst ? (
        <Link to={firstHref} className="btn-secondary">
          {t('spaces.pager.first')}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link to={next} className="btn-secondary" rel="next">
          {t('spaces.pager.next')}
        </Link>
      )}
    </nav>
  )
}
