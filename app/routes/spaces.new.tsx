import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useFormResult } from '~/components/forms'
import { SpaceFields } from '~/components/spaces/SpaceParts'
import { invalid, parseForm } from '~/lib/forms.server'
import { requireCan } from '~/lib/http.server'
import { translate, useI18n } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { listThemes } from '~/modules/orgs/directory.server'
import { SPACE_FORM_ARRAYS, spaceFormSchema } from '~/modules/spaces/form'
import { spaceErrorResponse } from '~/modules/spaces/http.server'
import { createSpace } from '~/modules/spaces/manage.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'spaces'], i18nBothLanguages: ['spaces'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'spaces.create.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'space.create', null)
  const themes = await listThemes()
  return { themes: themes.map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request)
  requireCan(actor, 'space.create', null)
  const form = await request.formData()
  const parsed = parseForm(form, spaceFormSchema, SPACE_FORM_ARRAYS)
  if (!parsed.ok) return invalid(parsed)
  try {
    const { slug } = await createSpace(actor, parsed.data)
    return redirect(`/spaces/${slug}?done=created`)
  } catch (e) {
    return spaceErrorResponse(e, form)
  }
}

export default function NewSpace() {
  const { themes } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link to="/spaces">{t('spaces.list.title')}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">{t('spaces.create.heading')}</h1>
      <p className="mt-2 text-stone-700">{t('spaces.create.intro')}</p>
      <Form method="post" noValidate className="card mt-6">
        <SpaceFields
          result={result}
          themes={themes}
          defaults={{
            slug: '',
            nameTr: '',
            nameEn: '',
            descriptionTr: '',
            descriptionEn: '',
            themes: [],
            icon: 'chat',
            color: 'teal',
            visibility: 'MEMBERS',
            position: 0,
            safeSpace: false,
            approveNewPosts: false,
            allowAnonymous: false,
            // Good default rules (confidentiality and respect), in each field's own language.
            rulesTr: translate('tr', 'spaces.defaultRules'),
            rulesEn: translate('en', 'spaces.defaultRules'),
          }}
        />
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('spaces.create.submit')}
          </button>
          <Link to="/spaces" className="btn-secondary">
            {t('common.actions.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  )
}
