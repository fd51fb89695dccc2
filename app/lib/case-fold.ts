/**
 * Turkish-correct case folding (İ→i, I→ı) for comparisons and search keys. On its own, without the
 * translations, so server-only code and test tools can use it without loading every locale file.
 */
export function foldCase(text: string, locale: 'tr' | 'en' = 'tr') {
  return text.toLocaleLowerCase(locale === 'tr' ? 'tr-TR' : 'en')
}
