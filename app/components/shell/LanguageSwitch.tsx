import { Form, useLocation } from '@remix-run/react'
import { useI18n } from '~/lib/i18n'

/** A one-button switch to the other language; works without JavaScript (POST /language). */
export function LanguageSwitch() {
  const { t, locale } = useI18n()
  const location = useLocation()
  const other = locale === 'tr' ? 'en' : 'tr'
  return (
    <Form method="post" action="/language" reloadDocument>
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" lang={other} className="btn-link" aria-label={t('common.language.switchToLabel')}>
        {t('common.language.switchTo')}
      </button>
    </Form>
  )
}
