/** Pieces the admin pages share. */
import { useT } from '~/lib/i18n'

/** Said wherever mail is read, so nobody waits for a message that is not being sent. */
export function NoSmtpNotice() {
  const t = useT()
  return (
    <div className="rounded-md border-2 border-amber-600 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">{t('admin.mail.noSmtp.title')}</p>
      <p className="mt-1">{t('admin.mail.noSmtp.body')}</p>
    </div>
  )
}
