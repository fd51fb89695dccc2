import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorSummary, StatusMessage, useFormResult } from '~/components/forms'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { can } from '~/lib/policy'
import { requireAuth } from '~/modules/auth/session.server'
import { listThemes } from '~/modules/orgs/directory.server'
import { updateOrganization } from '~/modules/orgs/edit.server'
import { ORG_FORM_ARRAYS, orgFormSchema } from '~/modules/orgs/form'
import { orgErrorResponse } from '~/modules/orgs/http.server'
import { LOGO_MAX_BYTES, removeLogo, setLogo } from '~/modules/orgs/logo.server'
import { findVisibleOrg } from '~/modules/orgs/profile.server'
import { LogoField, OrgFields, OrgLogo } from '~/components/orgs/OrgParts'
import { isMultipart, parseMultipart } from '~/modules/orgs/upload.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'mail', 'notifications'] }

const DONE = ['logoSaved', 'logoRemoved'] as const
type Done = (typeof DONE)[number]

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => title(matches, 'orgs.edit.title', { org: data?.org.name ?? '' })

async function load(request: Request, slug: string | undefined) {
  const auth = await requireAuth(request)
  const org = await findVisibleOrg(slug ?? '', auth.actor)
  if (!org) throw new Response('Not Found', { status: 404 })
  requireCan(auth.actor, 'org.edit', org)
  return { auth, org }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, org } = await load(request, params.slug)
  const themes = await listThemes()
  const done = new URL(request.url).searchParams.get('done')
  return {
    org,
    themes: themes.map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
    // Only platform admins change an organization's type.
    canChangeType: can(auth.actor, 'org.setType', null),
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, org } = await load(request, params.slug)
  const here = `/orgs/${org.slug}`
  let form = new FormData()
  try {
    let tooLarge = new Set<string>()
    if (isMultipart(request)) ({ formData: form, tooLarge } = await parseMultipart(request, LOGO_MAX_BYTES))
    else form = await request.formData()
    const intent = form.get('intent')
    if (intent === 'logo') {
      if (tooLarge.has('logo')) return formError(form, 'orgs.logo.errors.tooLarge', 'logo')
      const file = form.get('logo')
      if (!(file instanceof File) || file.size === 0) return formError(form, 'orgs.logo.errors.empty', 'logo')
      await setLogo(auth.actor, org.id, file)
      return redirect(`${here}/edit?done=logoSaved`)
    }
    if (intent === 'removeLogo') {
      await removeLogo(auth.actor, org.id)
      return redirect(`${here}/edit?done=logoRemoved`)
    }
    if (intent === 'save') {
      const parsed = parseForm(form, orgFormSchema, ORG_FORM_ARRAYS)
      if (!parsed.ok) return invalid(parsed)
      await updateOrganization(auth.actor, org.id, parsed.data)
      return redirect(`${here}?done=saved`)
    }
  } catch (e) {
    return orgErrorResponse(e, form)
  }
  return formError(form, 'validation.invalid')
}

export default function EditOrg() {
  const { org, themes, canChangeType, done } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const failedIntent = result?.values.intent
  const logoResult = failedIntent === 'logo' || failedIntent === 'removeLogo' ? result : undefined
  const detailsResult = logoResult ? undefined : result
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <p>
          <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold">{t('orgs.edit.heading')}</h1>
      </div>
      <StatusMessage>{done ? t(`orgs.edit.done.${done}`) : null}</StatusMessage>

      <section aria-labelledby="details" className="card">
        <h2 id="details" className="mb-4 text-xl font-semibold">
          {t('orgs.edit.details')}
        </h2>
        <Form method="post" noValidate>
          <OrgFields
            result={detailsResult}
            themes={themes}
            types={canChangeType ? ['MEMBER_CSO', 'INTERNATIONAL_PARTNER', 'COORDINATING_CENTRE'] : [org.type]}
            defaults={{
              name: org.name,
              type: org.type,
              city: org.city,
              country: org.country,
              website: org.website ?? '',
              descriptionTr: org.descriptionTr,
              descriptionEn: org.descriptionEn,
              themes: org.themes.map((th) => th.slug),
            }}
          />
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
              {t('orgs.edit.save')}
            </button>
            <Link to={`/orgs/${org.slug}`} className="btn-secondary">
              {t('common.actions.cancel')}
            </Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="logo" className="card">
        <h2 id="logo" className="mb-4 text-xl font-semibold">
          {t('orgs.logo.heading')}
        </h2>
        <ErrorSummary result={logoResult} />
        {org.logoUrl ? (
          <div className="mb-4 flex items-center gap-4">
            <OrgLogo url={org.logoUrl} size={96} alt={t('orgs.logo.current')} />
            <Form method="post">
              <button type="submit" name="intent" value="removeLogo" className="btn-secondary" disabled={busy}>
                {t('orgs.logo.remove')}
              </button>
            </Form>
          </div>
        ) : (
          <p className="mb-4 text-stone-700">{t('orgs.logo.none')}</p>
        )}
        <Form method="post" encType="multipart/form-data">
          <LogoField errors={logoResult?.errors.logo} />
          <button type="submit" name="intent" value="logo" className="btn-primary" disabled={busy}>
            {org.logoUrl ? t('orgs.logo.replace') : t('orgs.logo.upload')}
          </button>
        </Form>
      </section>
    </div>
  )
}
