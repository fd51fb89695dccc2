import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { StatusMessage, useFormResult } from '~/components/forms'
import { SpaceFields, spaceName } from '~/components/spaces/SpaceParts'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { notFound, requireCan } from '~/lib/http.server'
import { useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { title } from '~/lib/meta'
import { requireAuth } from '~/modules/auth/session.server'
import { listThemes } from '~/modules/orgs/directory.server'
import { SPACE_FORM_ARRAYS, spaceFormSchema } from '~/modules/spaces/form'
import { spaceErrorResponse } from '~/modules/spaces/http.server'
import { setArchived, updateSpace } from '~/modules/spaces/manage.server'
import { getSpaceBySlug } from '~/modules/spaces/space.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'spaces'] }

const DONE = ['archived', 'unarchived'] as const

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => title(matches, 'spaces.edit.title', { space: data?.name ?? '' })

async function load(request: Request, slug: string | undefined) {
  const auth = await requireAuth(request)
  const found = await getSpaceBySlug(auth.actor, slug ?? '')
  if (!found) throw notFound()
  requireCan(auth.actor, 'space.edit', found.target)
  return { auth, ...found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, space } = await load(request, params.slug)
  const themes = await listThemes()
  const done = new URL(request.url).searchParams.get('done')
  const locale = resolveLocale(request, auth.user.locale)
  return {
    space,
    name: spaceName(locale, space),
    themes: themes.map(({ slug, nameTr, nameEn }) => ({ slug, nameTr, nameEn })),
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, space } = await load(request, params.slug)
  const form = await request.formData()
  const intent = form.get('intent')
  try {
    if (intent === 'archive' || intent === 'unarchive') {
      await setArchived(auth.actor, space.id, intent === 'archive')
      return redirect(`/spaces/${space.slug}/edit?done=${intent}d`)
    }
    if (intent === 'save') {
      const parsed = parseForm(form, spaceFormSchema, SPACE_FORM_ARRAYS)
      if (!parsed.ok) return invalid(parsed)
      const { slug } = await updateSpace(auth.actor, space.id, parsed.data)
      return redirect(`/spaces/${slug}?done=saved`)
    }
  } catch (e) {
    return spaceErrorResponse(e, form)
  }
  return formError(form, 'validation.invalid')
}

export default function EditSpace() {
  const { space, name, themes, done } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const result = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const archived = !!space.archivedAt
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <p>
          <Link to={`/spaces/${space.slug}`}>{name}</Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold">{t('spaces.edit.heading')}</h1>
      </div>
      <StatusMessage>{done ? t(`spaces.edit.done.${done}`) : null}</StatusMessage>

      <section aria-labelledby="details" className="card">
        <h2 id="details" className="mb-4 text-xl font-semibold">
          {t('spaces.edit.details')}
        </h2>
        <Form method="post" noValidate>
          <SpaceFields
            result={result}
            themes={themes}
            defaults={{
              slug: space.slug,
              nameTr: space.nameTr,
              nameEn: space.nameEn,
              descriptionTr: space.descriptionTr,
              descriptionEn: space.descriptionEn,
              themes: space.themes.map((th) => th.slug),
              icon: space.icon,
              color: space.color,
              visibility: space.visibility,
              position: space.position,
              safeSpace: space.safeSpace,
              approveNewPosts: space.approveNewPosts,
              allowAnonymous: space.allowAnonymous,
              rulesTr: space.rulesTr,
              rulesEn: space.rulesEn,
            }}
          />
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
              {t('common.actions.save')}
            </button>
            <Link to={`/spaces/${space.slug}`} className="btn-secondary">
              {t('common.actions.cancel')}
            </Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="archive" className="card">
        <h2 id="archive" className="mb-2 text-xl font-semibold">
          {t(archived ? 'spaces.edit.unarchiveHeading' : 'spaces.edit.archiveHeading')}
        </h2>
        <p className="mb-4 text-stone-700">{t(archived ? 'spaces.edit.unarchiveHelp' : 'spaces.edit.archiveHelp')}</p>
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value={archived ? 'unarchive' : 'archive'}
            className={archived ? 'btn-secondary' : 'btn-danger'}
            disabled={busy}
          >
            {t(archived ? 'spaces.edit.unarchive' : 'spaces.edit.archive')}
          </button>
        </Form>
      </section>
    </div>
  )
}
