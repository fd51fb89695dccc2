import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useFormResult } from '~/components/forms'
import { formValues, invalid, parseForm } from '~/lib/forms.server'
import { appUrl } from '~/lib/origin.server'
import { requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { requireAuth } from '~/modules/auth/session.server'
import { allowedTypes, createOrganization } from '~/modules/orgs/create.server'
import { listThemes } from '~/modules/orgs/directory.server'
import { ORG_FORM_ARRAYS, orgFormSchema } from '~/modules/orgs/form'
import { orgErrorResponse } from '~/modules/orgs/http.server'
import { LOGO_MAX_BYTES } from '~/modules/orgs/logo.server'
import { OrgFields } from '~/components/orgs/OrgParts'
import { isMultipart, parseMultipart } from '~/modules/orgs/upload.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'mail', 'notifications'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'orgs.create.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  const allowed = can(actor, 'org.create', null)
  const themes = allowed ? await listThemes() : []
  return {
    // Signed in but not verified: explain instead of a bare "not allowed".
    allowed,
    verified: actor.verified,
    themes: themes.map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
    types: allowedTypes(actor),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'org.create', null)
  let form = new FormData()
  try {
    let tooLarge = new Set<string>()
    if (isMultipart(request)) ({ formData: form, tooLarge } = await parseMultipart(request, LOGO_MAX_BYTES))
    else form = await request.formData()
    const parsed = parseForm(form, orgFormSchema, ORG_FORM_ARRAYS)
    // A too-large logo is reported together with any other mistakes, and what was typed stays.
    if (!parsed.ok || tooLarge.has('logo')) {
      const errors = parsed.ok ? {} : parsed.errors
      if (tooLarge.has('logo')) errors.logo = [{ key: 'orgs.logo.errors.tooLarge' }]
      return invalid({ errors, values: formValues(form) })
    }
    const logo = form.get('logo')
    const { slug } = await createOrganization(actor, parsed.data, {
      logo: logo instanceof File ? logo : null,
      baseUrl: appUrl(),
    })
    return redirect(`/orgs/${slug}?done=created`)
  } catch (e) {
    return orgErrorResponse(e, form)
  }
}

export default function NewOrg() {
  const data = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t('orgs.create.heading')}</h1>
      {!data.allowed ? (
        <div className="card mt-6">
          <p>{t(data.verified ? 'common.error.forbidden' : 'orgs.create.verifyFirst')}</p>
          {!data.verified && (
            <p className="mt-3">
              <Link to="/settings">{t('orgs.create.toSettings')}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="mt-2 max-w-2xl text-stone-700">{t('orgs.create.intro')}</p>
          <Form method="post" encType="multipart/form-data" noValidate className="card mt-6">
            <OrgFields
              result={result}
              themes={data.themes}
              types={data.types}
              withLogo
              defaults={{
                name: '',
                type: 'MEMBER_CSO',
                city: '',
                country: 'TR',
                website: '',
                descriptionTr: '',
                descriptionEn: '',
                themes: [],
              }}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('orgs.create.submit')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
