import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { isLocale } from '~/lib/i18n'
import { langCookie } from '~/lib/i18n.server'
import { getAuth, safeRedirectPath } from '~/modules/auth/session.server'

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const locale = form.get('locale')
  const to = safeRedirectPath(form.get('redirectTo'))
  if (!isLocale(locale)) return redirect(to)
  const auth = await getAuth(request)
  if (auth.user) await db.user.update({ where: { id: auth.user.id }, data: { locale } })
  return redirect(to, { headers: { 'Set-Cookie': langCookie(locale) } })
}

export const loader = () => redirect('/')
