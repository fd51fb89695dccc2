import { refusedResponse } from '~/modules/spaces/refusal.server'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { ErrorSummary, SelectField, StatusMessage, useFormResult } from '~/components/forms'
import { CursorPager, pickText, SpaceBadges, SpaceIcon, spaceName, ThemeChips } from '~/components/spaces/SpaceParts'
import { ThreadList } from '~/components/spaces/ThreadList'
import { PostBody } from '~/components/content/PostBody'
import { renderMarkdown } from '~/modules/content/markdown.server'
import { formError, invalid, parseForm } from '~/lib/forms.server'
import { notFound } from '~/lib/http.server'
import { formatDateTime, useI18n } from '~/lib/i18n'
import { resolveLocale } from '~/lib/i18n.server'
import { useLiveRevalidation } from '~/lib/live'
import { literalTitle } from '~/lib/meta'
import { can } from '~/lib/policy'
import { getAuth, requireAuth, safeRedirectPath } from '~/modules/auth/session.server'
import { emailSettingSchema, SPACE_EMAILS } from '~/modules/spaces/form'
import { spaceErrorResponse } from '~/modules/spaces/http.server'
import { acceptRules, getSpaceBySlug, joinSpace, leaveSpace, setFollowing, setSpaceEmail } from '~/modules/spaces/space.server'
import { listThreads } from '~/modules/spaces/threads.server'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = { i18n: ['settings', 'orgs', 'notifications', 'spaces'] }

const DONE = ['created', 'saved', 'joined', 'left', 'followed', 'unfollowed', 'email', 'rulesAccepted'] as const
type Done = (typeof DONE)[number]

export const meta: MetaFunction<typeof loader> = ({ data }) => literalTitle(data?.name ?? '')

/** The space if this reader may see it; signed out visitors of a space they cannot read are sent to sign in. */
async function load(request: Request, slug: string | undefined) {
  const auth = await getAuth(request)
  const found = await getSpaceBySlug(auth.actor, slug ?? '')
  if (!found) throw notFound()
  if (!can(auth.actor, 'space.view', found.target)) {
    // A safe space's community is shown its rules first; accepting them is the way in.
    if (can(auth.actor, 'space.acceptRules', found.target)) return { auth, ...found, gate: true }
    if (!auth.user) {
      const url = new URL(request.url)
      throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`)
    }
    throw await refusedResponse(auth.actor!, found.space.slug)
  }
  return { auth, ...found, gate: false }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, space, target, membership, gate } = await load(request, params.slug)
  const url = new URL(request.url)
  const cursor = url.searchParams.get('cursor')
  const { items, nextCursor } = gate ? { items: [], nextCursor: null } : await listThreads(auth.actor, { id: space.id, target }, { cursor })
  const done = url.searchParams.get('done')
  const locale = resolveLocale(request, auth.user?.locale)
  const { actor } = auth
  const rules = pickText(locale, space.rulesTr, space.rulesEn)
  return {
    space,
    // Written one rule per line: each line is a paragraph of Markdown (bold lead words, links).
    rules: rules && { html: renderMarkdown(rules.text.replace(/\n(?!\n)/g, '\n\n')).html, lang: rules.lang },
    name: spaceName(locale, space),
    membership,
    threads: items,
    nextCursor,
    isFirst: !cursor,
    signedIn: !!auth.user,
    gate,
    redirectTo: url.searchParams.get('redirectTo') ?? '',
    can: {
      acceptRules: can(actor, 'space.acceptRules', target),
      join: can(actor, 'space.join', target),
      createThread: can(actor, 'thread.create', target),
      edit: can(actor, 'space.edit', target),
      access: can(actor, 'space.invite', target) || can(actor, 'space.appointModerator', target),
    },
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAuth(request)
  const { auth, space } = await load(request, params.slug)
  const actor = auth.actor!
  const form = await request.formData()
  const intent = form.get('intent')
  const done = (d: Done, hash = '') => redirect(`/spaces/${space.slug}?done=${d}${hash}`)
  try {
    switch (intent) {
      case 'join':
        await joinSpace(actor, space.id)
        return done('joined')
      case 'leave':
        await leaveSpace(actor, space.id)
        return done('left')
      case 'follow':
      case 'unfollow':
        await setFollowing(actor, space.id, intent === 'follow')
        return done(intent === 'follow' ? 'followed' : 'unfollowed')
      case 'email': {
        const parsed = parseForm(form, emailSettingSchema)
        if (!parsed.ok) return invalid(parsed)
        await setSpaceEmail(actor, space.id, parsed.data.email)
        return done('email')
      }
      case 'acceptRules': {
        await acceptRules(actor, space.id)
        // Back to the thread (or page) that sent the reader to the rules.
        const to = safeRedirectPath(form.get('redirectTo'), '')
        return to ? redirect(to) : done('rulesAccepted', '#rules')
      }
    }
  } catch (e) {
    return spaceErrorResponse(e, form)
  }
  return formError(form, 'validation.invalid')
}

export default function SpacePage() {
  const data = useLoaderData<typeof loader>()
  const { space, membership } = data
  const { t, locale, timeZone } = useI18n()
  const result = useFormResult()
  const location = useLocation()
  const busy = useNavigation().state === 'submitting'
  useLiveRevalidation([`space:${space.id}`])
  const description = pickText(locale, space.descriptionTr, space.descriptionEn)
  const { rules } = data
  const here = `/spaces/${space.slug}`
  const loginHref = `/login?${new URLSearchParams({ redirectTo: here })}`
  const mustAccept = space.safeSpace && !!rules && !membership?.rulesAcceptedAt
  return (
    <div className="space-y-8">
      <div>
        <p>
          <Link to="/spaces">{t('spaces.list.title')}</Link>
        </p>
        <div className="mt-2 flex flex-wrap items-start gap-4">
          <SpaceIcon icon={space.icon} color={space.color} size={56} />
          <div className="min-w-0 flex-1">
            <h1 className="text-3xl font-bold break-words">{data.name}</h1>
            <div className="mt-2 space-y-2">
              <SpaceBadges visibility={space.visibility} safeSpace={space.safeSpace} archived={!!space.archivedAt} />
              <ThemeChips themes={space.themes} />
            </div>
          </div>
        </div>
        {description && (
          <p lang={description.lang} className="mt-4 max-w-3xl whitespace-pre-line break-words">
            {description.text}
          </p>
        )}
        {space.safeSpace && <p className="mt-3 max-w-3xl text-stone-700">{t('spaces.page.safeNote')}</p>}
      </div>

      <StatusMessage>{data.done ? t(`spaces.page.done.${data.done}`) : null}</StatusMessage>
      <ErrorSummary result={result} />

      {!data.gate && (
        <section aria-labelledby="participation" className="card">
          <h2 id="participation" className="mb-3 text-xl font-semibold">
            {t('spaces.page.participation')}
          </h2>
          {!data.signedIn ? (
            <p>
              <Link to={loginHref}>{t('spaces.page.signInToJoin')}</Link>
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-3">
              {membership ? (
                <>
                  <p className="w-full">
                    {t(membership.role === 'MODERATOR' ? 'spaces.page.youModerate' : 'spaces.page.youJoined', {
                      date: formatDateTime(locale, membership.joinedAt, timeZone, 'date'),
                    })}
                  </p>
                  <Form method="post">
                    <button
                      type="submit"
                      name="intent"
                      value={membership.following ? 'unfollow' : 'follow'}
                      className="btn-secondary"
                      aria-describedby="follow-help"
                      disabled={busy}
                    >
                      {t(membership.following ? 'spaces.page.unfollow' : 'spaces.page.follow')}
                    </button>
                  </Form>
                  {membership.role !== 'MODERATOR' && (
                    <Form method="post">
                      <button type="submit" name="intent" value="leave" className="btn-secondary" disabled={busy}>
                        {t('spaces.page.leave')}
                      </button>
                    </Form>
                  )}
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <SelectField
                      name="email"
                      label={t('spaces.page.email')}
                      options={SPACE_EMAILS.map((e) => ({ value: e, label: t(`spaces.email.${e}`) }))}
                      defaultValue={membership.email}
                      errors={result?.errors.email}
                    />
                    <button type="submit" name="intent" value="email" className="btn-secondary mb-4" disabled={busy}>
                      {t('common.actions.save')}
                    </button>
                  </Form>
                  <p id="follow-help" className="w-full text-sm text-stone-700">
                    {t(membership.following ? 'spaces.page.followingHelp' : 'spaces.page.notFollowingHelp')}
                  </p>
                </>
              ) : data.can.join ? (
                <>
                  <Form method="post">
                    <button type="submit" name="intent" value="join" className="btn-primary" disabled={busy}>
                      {t('spaces.page.join')}
                    </button>
                  </Form>
                  <p className="w-full text-sm text-stone-700">{t('spaces.page.joinHelp')}</p>
                </>
              ) : (
                <p>{t(space.archivedAt ? 'spaces.page.archivedNoJoin' : 'spaces.page.cannotJoin')}</p>
              )}
            </div>
          )}
          {(data.can.edit || data.can.access) && (
            <ul className="mt-4 flex flex-wrap gap-3 border-t border-stone-200 pt-4" aria-label={t('spaces.page.manage')}>
              {data.can.edit && (
                <li>
                  <Link to={`${here}/edit`} className="btn-link">
                    {t('spaces.page.edit')}
                  </Link>
                </li>
              )}
              {data.can.access && (
                <li>
                  <Link to={`${here}/access`} className="btn-link">
                    {t('spaces.page.access')}
                  </Link>
                </li>
              )}
            </ul>
          )}
        </section>
      )}

      {rules && (
        <section id="rules" aria-labelledby="rules-heading" className="card">
          <h2 id="rules-heading" className="mb-3 text-xl font-semibold">
            {t('spaces.page.rules')}
          </h2>
          <div lang={rules.lang} className="max-w-3xl">
            <PostBody html={rules.html} />
          </div>
          {space.safeSpace && data.signedIn && (
            <div className="mt-4 border-t border-stone-200 pt-4">
              {membership?.rulesAcceptedAt ? (
                <p data-testid="rules-accepted">
                  {t('spaces.page.rulesAcceptedOn', { date: formatDateTime(locale, membership.rulesAcceptedAt, timeZone, 'date') })}
                </p>
              ) : data.can.acceptRules ? (
                <Form method="post">
                  {data.redirectTo && <input type="hidden" name="redirectTo" value={data.redirectTo} />}
                  <p className="mb-3">{t(data.gate ? 'spaces.page.rulesGateHelp' : 'spaces.page.rulesAcceptHelp')}</p>
                  <button type="submit" name="intent" value="acceptRules" className="btn-primary" disabled={busy}>
                    {t('spaces.page.acceptRules')}
                  </button>
                </Form>
              ) : null}
            </div>
          )}
        </section>
      )}

      {!data.gate && (
        <section aria-labelledby="threads-heading">
          <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
            <h2 id="threads-heading" className="text-2xl font-semibold">
              {t('spaces.threads.heading')}
            </h2>
            {data.can.createThread ? (
              <div className="flex flex-col items-end gap-1">
                <Link to={`${here}/new-thread`} className="btn-primary">
                  {t('spaces.threads.newThread')}
                </Link>
                {mustAccept && data.signedIn && <p className="text-sm text-stone-700">{t('spaces.threads.acceptFirst')}</p>}
              </div>
            ) : !data.signedIn && !space.archivedAt ? (
              <Link to={loginHref} className="btn-secondary">
                {t('spaces.threads.signInToPost')}
              </Link>
            ) : null}
          </div>
          {data.threads.length === 0 ? <p className="card">{t('spaces.threads.empty')}</p> : <ThreadList threads={data.threads} />}
          <CursorPager
            next={data.nextCursor ? `${here}?cursor=${encodeURIComponent(data.nextCursor)}` : null}
            firstHref={here}
            isFirst={data.isFirst && !location.search.includes('cursor=')}
          />
        </section>
      )}
    </div>
  )
}
