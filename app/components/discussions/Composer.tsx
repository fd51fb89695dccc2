/**
 * The reply composer at the bottom of a thread (id="composer"): a plain form that works without
 * JavaScript, carrying a client key so a retried submit never posts twice. With JavaScript it saves a
 * draft as you type, tells the thread you are typing, and keeps what you wrote if the page revalidates.
 */
import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { MarkdownField } from '~/components/content/MarkdownField'
import { CheckboxField, ErrorSummary, valueOf, type FormResult } from '~/components/forms'
import { useT } from '~/lib/i18n'
import { BODY_MAX } from '~/modules/discussions/form'
import { useDraftAutosave } from './useDraft'

export interface ComposerProps {
  threadId: string
  clientKey: string
  draftKey: string
  /** the text to start from: an error's values, a restored draft or a quote */
  defaultBody: string
  restored: boolean
  replyTo: { number: number; href: string } | null
  cancelReplyHref: string
  allowAnonymous: boolean
  result?: FormResult
  onTyping?: () => void
}

export function Composer(props: ComposerProps) {
  const t = useT()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'reply'
  const { onChange, forget } = useDraftAutosave(props.draftKey, true)
  const textarea = useRef<HTMLTextAreaElement>(null)
  // One key per composer: kept while the page revalidates (live updates), renewed after a post.
  const [clientKey] = useState(props.clientKey)
  const { result } = props

  useEffect(() => {
    if (busy) forget()
  }, [busy, forget])

  return (
    <section id="composer" aria-labelledby="composer-heading" className="card mt-8 scroll-mt-4">
      <h2 id="composer-heading" className="text-xl font-semibold">
        {props.replyTo ? t('discussions.composer.replyingTo', { number: props.replyTo.number }) : t('discussions.composer.heading')}
      </h2>
      {props.replyTo && (
        <p className="mt-1 text-sm">
          <Link to={props.replyTo.href} className="underline">
            {t('discussions.post.permalink', { number: props.replyTo.number })}
          </Link>
          {' · '}
          <Link to={props.cancelReplyHref} preventScrollReset className="underline">
            {t('discussions.composer.cancelReply')}
          </Link>
        </p>
      )}
      {props.restored && !result && (
        <p role="status" className="mt-2 text-sm text-stone-700">
          {t('discussions.composer.draftRestored')}
        </p>
      )}
      <Form method="post" noValidate className="mt-4" preventScrollReset>
        <ErrorSummary result={result} />
        <input type="hidden" name="intent" value="reply" />
        <input type="hidden" name="clientKey" value={clientKey} />
        {props.replyTo && <input type="hidden" name="parentNumber" value={props.replyTo.number} />}
        <MarkdownField
          name="body"
          label={t('discussions.composer.body')}
          defaultValue={valueOf(result, 'body', props.defaultBody)}
          error={result?.errors.body}
          textareaRef={textarea}
          mentionPlace={{ threadId: props.threadId }}
          maxLength={BODY_MAX}
          required
          onValueChange={(value) => {
            onChange({ body: value })
            props.onTyping?.()
          }}
        />
        {props.allowAnonymous && (
          <CheckboxField
            name="anonymous"
            label={t('discussions.composer.anonymous')}
            hint={t('discussions.composer.anonymousHint')}
            defaultChecked={valueOf(result, 'anonymous') === 'on'}
            errors={result?.errors.anonymous}
          />
        )}
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? t('discussions.composer.submitting') : t('discussions.composer.submit')}
        </button>
      </Form>
    </section>
  )
}
