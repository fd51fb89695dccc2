import { useT } from '~/lib/i18n'

/** Shown for a section until its issue lands; says so plainly rather than pretending. */
export function ComingSoon({ sectionKey }: { sectionKey: string }) {
  const t = useT()
  const section = t(`common.nav.${sectionKey}`)
  return (
    <section aria-labelledby="coming-soon-title" className="mx-auto max-w-2xl py-8">
      <h1 id="coming-soon-title" className="text-3xl font-bold">
        {section}
      </h1>
      <p className="mt-4 text-lg">{t('common.comingSoon.title', { section })}</p>
      <p className="mt-2 text-stone-700">{t('common.comingSoon.body')}</p>
    </section>
  )
}
