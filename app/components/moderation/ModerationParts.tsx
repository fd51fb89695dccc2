/**
 * The pieces of the moderation pages: the queue item (a post in its context with its reports) and the
 * decision forms. Every decision is a plain form with a reason field, so it works without JavaScript.
 */
import { Form, Link, useNavigation } from '@remix-run/react'
import { PostBody } from '~/components/content/PostBody'
import { ErrorSummary, SelectField, TextField, valueOf, type FormResult } from '~/components/forms'
import { NavList } from '~/components/NavList'
import { formatDateTime, useI18n, type TFunction } from '~/lib/i18n'
import { auditActionLabel } from '~/modules/audit/actions'
import { MOD_SUSPENSIONS, REASON_MAX, reasonRequired, type PostIntent, type ThreadIntent } from '~/modules/moderation/shared'

export function ModerationNav() {
  const { t } = useI18n()
  return (
    <nav aria-label={t('moderation.nav.label')}>
      <NavList
        className="flex flex-wrap gap-1"
        items={[
          { to: '/moderation', label: t('moderation.nav.queue'), end: true },
          { to: '/moderation/log', label: t('moderation.nav.log') },
        ]}
      />
    </nav>
  )
}

/** The serialized shape of a queue item (dates arrive as strings). */
export interface QueueItemView {
  id: string
  number: number
  html: string
  status: 'VISIBLE' | 'PENDING' | 'HIDDEN'
  deleted: boolean
  anonymous: boolean
  hiddenReason: string | null
  createdAt: string | Date
  author: { id: string; name: string } | null
  parent: { number: number; excerpt: string; deleted: boolean } | null
  thread: { id: string; title: string; locked: boolean; closed: boolean; hidden: boolean }
  space: { id: string; slug: string; nameTr: string; nameEn: string; safe: boolean }
  reports: { id: string; reason: string; note: string; createdAt: string | Date; reporter: string | null }[]
  reasons: Record<string, number>
  can: { moderate: boolean; warn: boolean; suspend: boolean }
}

export const postModerateHref = (item: { thread: { id: string }; number: number }) =>
  `/threads/${item.thread.id}/posts/${item.number}/moderate`

/** A post as a moderator needs to see it: where it is, what it answers, who wrote it, who reported it. */
export function QueueItem({ item, headingLevel = 2, links = true }: { item: QueueItemView; headingLevel?: 2 | 3; links?: boolean }) {
  const { t, locale, timeZone } = useI18n()
  const H = `h${headingLevel}` as const
  const date = (d: string | Date) => formatDateTime(locale, d, timeZone)
  const spaceName = locale === 'tr' ? item.space.nameTr : item.space.nameEn
  const threadStates = (['locked', 'closed', 'hidden'] as const).filter((s) => item.thread[s]).map((s) => t(`moderation.item.states.${s}`))
  const headingId = `item-${item.id}`
  return (
    <article aria-labelledby={headingId} className="card space-y-3" data-testid="queue-item">
      <H id={headingId} className="text-xl font-semibold">
        {t('moderation.item.heading', { number: item.number, title: item.thread.title })}
      </H>
      <ul className="flex flex-wrap gap-2 text-sm" aria-label={t('moderation.item.post')}>
        {item.status === 'PENDING' && (
          <li className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">{t('moderation.item.pending')}</li>
        )}
        {item.status === 'HIDDEN' && (
          <li className="rounded bg-stone-200 px-2 py-0.5 font-medium text-stone-900">{t('moderation.item.hidden')}</li>
        )}
        {item.deleted && <li className="rounded bg-stone-200 px-2 py-0.5 font-medium text-stone-900">{t('moderation.item.deleted')}</li>}
        {item.reports.length > 0 && (
          <li className="rounded bg-red-100 px-2 py-0.5 font-medium text-red-900">
            {t('moderation.item.reports', { count: item.reports.length })}
          </li>
        )}
      </ul>
      <dl className="grid gap-x-4 gap-y-1 text-stone-800 sm:grid-cols-[max-content_1fr]">
        <dt className="sr-only">{t('moderation.item.space', { name: '' })}</dt>
        <dd className="sm:col-span-2">
          {t('moderation.item.space', { name: spaceName })}
          {threadStates.length > 0 && <> · {t('moderation.item.threadState', { states: threadStates.join(', ') })}</>}
        </dd>
        <dt className="sr-only">{t('moderation.item.author', { name: '' })}</dt>
        <dd className="sm:col-span-2" data-testid="queue-author">
          {!item.author
            ? t('moderation.item.authorUnknown')
            : item.anonymous
              ? t('moderation.item.authorAnonymous', { name: item.author.name })
              : t('moderation.item.author', { name: item.author.name })}{' '}
          · {t('moderation.item.postedAt', { date: date(item.createdAt) })}
        </dd>
      </dl>
      {item.parent && (
        <div className="border-l-4 border-stone-300 pl-3 text-stone-700">
          {item.parent.deleted ? (
            <p>{t('moderation.item.parentDeleted', { number: item.parent.number })}</p>
          ) : (
            <>
              <p className="text-sm font-medium">{t('moderation.item.inReplyTo', { number: item.parent.number })}</p>
              <blockquote className="mt-1">{item.parent.excerpt}</blockquote>
            </>
          )}
        </div>
      )}
      <section aria-label={t('moderation.item.post')} className="rounded-md border border-stone-300 bg-stone-50 p-3">
        <PostBody html={item.html} />
      </section>
      {item.hiddenReason && <p className="text-stone-800">{t('moderation.item.hiddenReason', { reason: item.hiddenReason })}</p>}
      {item.reports.length > 0 && (
        <ul className="space-y-2" aria-label={t('moderation.item.reports', { count: item.reports.length })}>
          {item.reports.map((r) => (
            <li key={r.id} className="border-l-4 border-red-300 pl-3">
              <p>
                {t('moderation.item.reportLine', {
                  reporter: r.reporter ?? t('moderation.item.reporterUnknown'),
                  reason: t(`moderation.reasons.${r.reason}`),
                  date: date(r.createdAt),
                })}
              </p>
              {r.note && <p className="whitespace-pre-wrap text-stone-700">{t('moderation.item.note', { note: r.note })}</p>}
            </li>
          ))}
        </ul>
      )}
      {links && (
        <p className="flex flex-wrap gap-x-4 gap-y-1">
          <Link to={`/threads/${item.thread.id}/posts/${item.number}`}>{t('moderation.item.openInThread')}</Link>
          <Link to={postModerateHref(item)}>{t('moderation.item.moderatePost')}</Link>
          <Link to={`/threads/${item.thread.id}/moderate`}>{t('moderation.item.moderateThread')}</Link>
        </p>
      )}
    </article>
  )
}

function ReasonField({ result, required, hintKey }: { result?: FormResult; required: boolean; hintKey?: string }) {
  const { t } = useI18n()
  return (
    <TextField
      name="reason"
      label={t('moderation.actions.reason')}
      hint={t(hintKey ?? (required ? 'moderation.actions.reasonHint' : 'moderation.actions.reasonHintOptional'))}
      required={required}
      multiline
      rows={2}
      maxLength={REASON_MAX}
      defaultValue={valueOf(result, 'reason')}
      errors={result?.errors.reason}
    />
  )
}

/** Which decisions fit a post's state. */
export function postIntents(item: Pick<QueueItemView, 'status' | 'reports'>): PostIntent[] {
  if (item.status === 'PENDING') return ['approve', 'reject']
  const decide: PostIntent[] = item.status === 'HIDDEN' ? ['restore'] : ['hide']
  return item.reports.length ? [...decide, 'dismiss'] : decide
}

/** The decisions (of those offered) that need a reason, in the words of the reason field's hint. */
function reasonHint(t: TFunction, locale: string, intents: string[]) {
  const needed = intents.filter((i) => reasonRequired('post', i))
  if (!needed.length) return t('moderation.actions.reasonHintOptional')
  const list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(needed.map((i) => t(`moderation.actions.reasonFor.${i}`)))
  return t('moderation.actions.reasonNeeded', { actions: list })
}

/**
 * The decisions on one post, in one form with one reason field: the reason is asked for by the decisions
 * that tell someone (hide, reject, warn, suspend — the schema in shared.ts checks it), never by Approve,
 * so the field is not marked required and its hint says which buttons need it. `result` is the last
 * failed submit for this post; `returnTo` is where to come back after a decision.
 */
export function PostActions({ item, result, returnTo }: { item: QueueItemView; result?: FormResult; returnTo: string }) {
  const { t, locale } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const intents = postIntents(item)
  const personIntents = [...(item.can.warn ? (['warn'] as const) : []), ...(item.can.suspend ? (['suspend'] as const) : [])]
  const button = (i: PostIntent) => (
    <button
      key={i}
      type="submit"
      name="intent"
      value={i}
      disabled={busy}
      className={
        i === 'hide' || i === 'reject' || i === 'suspend'
          ? 'btn-danger'
          : i === 'approve' || i === 'restore'
            ? 'btn-primary'
            : 'btn-secondary'
      }
    >
      {t(`moderation.actions.post.${i}`)}
    </button>
  )
  return (
    <Form method="post" action={postModerateHref(item)} className="card max-w-2xl space-y-3" noValidate data-testid="post-decision">
      <h3 className="text-lg font-semibold">{t('moderation.actions.postGroups.decide')}</h3>
      <ErrorSummary result={result} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <TextField
        name="reason"
        label={t('moderation.actions.reason')}
        hint={reasonHint(t, locale, [...intents, ...personIntents])}
        multiline
        rows={2}
        maxLength={REASON_MAX}
        defaultValue={valueOf(result, 'reason')}
        errors={result?.errors.reason}
      />
      <div className="flex flex-wrap gap-2">{intents.map(button)}</div>
      {personIntents.length > 0 && (
        <fieldset className="space-y-2 border-t border-stone-300 pt-3">
          <legend className="float-left mb-1 w-full font-semibold">{t('moderation.actions.postGroups.person')}</legend>
          {item.can.suspend && (
            <SelectField
              name="duration"
              label={t('moderation.actions.duration')}
              defaultValue={valueOf(result, 'duration', '1d')}
              errors={result?.errors.duration}
              options={MOD_SUSPENSIONS.map((d) => ({ value: d, label: t(`moderation.actions.durations.${d}`) }))}
            />
          )}
          <div className="flex flex-wrap gap-2">{personIntents.map(button)}</div>
        </fieldset>
      )}
    </Form>
  )
}

export interface ThreadStateView {
  id: string
  locked: boolean
  closed: boolean
  pinned: boolean
  hidden: boolean
}

/** The toggles that fit a thread's state (lock or unlock, …). */
export function threadIntents(s: ThreadStateView): ThreadIntent[] {
  return [s.locked ? 'unlock' : 'lock', s.closed ? 'reopen' : 'close', s.pinned ? 'unpin' : 'pin', s.hidden ? 'restore' : 'hide']
}

export function ThreadActions({
  thread,
  result,
  spaces,
}: {
  thread: ThreadStateView
  result?: FormResult
  spaces: { id: string; name: string }[]
}) {
  const { t } = useI18n()
  const busy = useNavigation().state === 'submitting'
  const isMove = result?.values.intent === 'move'
  return (
    <div className="space-y-4">
      <Form method="post" className="card max-w-2xl" noValidate>
        <h2 className="mb-2 text-xl font-semibold">{t('moderation.actions.heading')}</h2>
        <ErrorSummary result={isMove ? undefined : result} />
        <ReasonField result={isMove ? undefined : result} required={false} hintKey="moderation.actions.reasonHint" />
        <div className="flex flex-wrap gap-2">
          {threadIntents(thread).map((i) => (
            <button
              key={i}
              type="submit"
              name="intent"
              value={i}
              disabled={busy}
              className={i === 'hide' || i === 'lock' ? 'btn-danger' : 'btn-secondary'}
            >
              {t(`moderation.actions.thread.${i}`)}
            </button>
          ))}
        </div>
      </Form>
      <Form method="post" className="card max-w-2xl" noValidate>
        <h2 className="mb-2 text-xl font-semibold">{t('moderation.actions.thread.move')}</h2>
        {spaces.length === 0 ? (
          <p>{t('moderation.actions.noMoveTargets')}</p>
        ) : (
          <>
            <ErrorSummary result={isMove ? result : undefined} />
            <input type="hidden" name="intent" value="move" />
            <SelectField
              name="toSpaceId"
              label={t('moderation.actions.moveTo')}
              hint={t('moderation.actions.moveHint')}
              required
              defaultValue={valueOf(isMove ? result : undefined, 'toSpaceId', spaces[0].id)}
              errors={isMove ? result?.errors.toSpaceId : undefined}
              options={spaces.map((s) => ({ value: s.id, label: s.name }))}
            />
            <ReasonField result={isMove ? result : undefined} required />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('moderation.actions.thread.move')}
            </button>
          </>
        )}
      </Form>
    </div>
  )
}

export interface HistoryEntry {
  id: string
  action: string
  reason: string | null
  createdAt: Date | string
  actor: string | null
}

/** The decisions already taken on one post or thread, newest first (its slice of the audit log). */
export function DecisionHistory({ id, heading, empty, history }: { id: string; heading: string; empty: string; history: HistoryEntry[] }) {
  const { t, locale, timeZone } = useI18n()
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {history.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ol className="space-y-2">
          {history.map((h) => (
            <li key={h.id} className="border-l-4 border-stone-300 pl-3">
              <p>
                <strong>{auditActionLabel(t, h.action)}</strong> · {formatDateTime(locale, h.createdAt, timeZone)} ·{' '}
                {h.actor ?? t('moderation.log.system')}
              </p>
              {h.reason && <p className="whitespace-pre-wrap text-stone-700">{h.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
