/**
 * The Markdown field of every composer: a labelled textarea that works as a plain textarea without
 * JavaScript, and with it gains Write/Preview tabs, an image upload that asks for alt text, and
 * @-mention autocomplete.
 *
 * The autocomplete follows the ARIA 1.2 combobox pattern as far as a textarea allows: the textarea
 * keeps its own role (a multi-line text box — role=combobox on a textarea is not allowed), points at
 * the listbox with aria-controls, marks the highlighted option with aria-activedescendant, and a
 * polite status line announces how many suggestions there are. Focus never leaves the textarea.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useT } from '~/lib/i18n'
import type { Message } from '~/lib/validation'
import { POST_IMAGE_ACCEPT, POST_IMAGE_MAX_BYTES, type Mentionable } from '~/modules/content/shared'
import { PostBody } from './PostBody'

export interface MarkdownFieldProps {
  name: string
  label: string
  defaultValue?: string
  /** translated already (a string) or translation messages from a failed submit */
  error?: string | Message[]
  hint?: string
  onValueChange?: (value: string) => void
  textareaRef?: React.Ref<HTMLTextAreaElement>
  rows?: number
  required?: boolean
  maxLength?: number
  /**
   * Where the text will be posted: mention suggestions and the preview then say who cannot see it (and
   * so will not be told of the mention).
   */
  mentionPlace?: { threadId: string } | { spaceId: string }
}

/**
 * Inserts text at the caret (replacing the selection) and tells React and the field's listeners, as
 * if it had been typed. For "quote a passage" and the like.
 */
export function insertText(textarea: HTMLTextAreaElement, text: string, range?: [number, number]) {
  const [start, end] = range ?? [textarea.selectionStart, textarea.selectionEnd]
  textarea.setRangeText(text, start, end, 'end')
  // setRangeText bypasses React's value tracking, so the input event below reaches onChange.
  textarea.dispatchEvent(new Event('input', { bubbles: true }))
}

/** `@abc` right before the caret, after a start, a space or punctuation: the text typed so far. */
const MENTION_AT_CARET = /(?:^|[^\p{L}\p{N}_@./+-])@([\p{L}\p{N}-]{1,60})$/u

type Tab = 'write' | 'preview'
type PreviewState = { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; html: string; unreachable: string[] }

function assignRef<T>(ref: React.Ref<T> | undefined, value: T | null) {
  if (typeof ref === 'function') ref(value)
  else if (ref) (ref as React.MutableRefObject<T | null>).current = value
}

async function errorMessage(res: Response, fallback: string) {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
  return body?.error?.message ?? fallback
}

export function MarkdownField({
  name,
  label,
  defaultValue = '',
  error,
  hint,
  onValueChange,
  textareaRef,
  rows = 8,
  required,
  maxLength,
  mentionPlace,
}: MarkdownFieldProps) {
  const t = useT()
  const base = useId()
  const ids = {
    textarea: `${base}-input`,
    hint: `${base}-hint`,
    syntax: `${base}-syntax`,
    error: `${base}-error`,
    writeTab: `${base}-tab-write`,
    previewTab: `${base}-tab-preview`,
    writePanel: `${base}-panel-write`,
    previewPanel: `${base}-panel-preview`,
    listbox: `${base}-mentions`,
    option: (i: number) => `${base}-mention-${i}`,
    imageFile: `${base}-image-file`,
    imageAlt: `${base}-image-alt`,
  }
  const textarea = useRef<HTMLTextAreaElement | null>(null)
  const [enhanced, setEnhanced] = useState(false)
  const [tab, setTab] = useState<Tab>('write')
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' })
  const [announcement, setAnnouncement] = useState('')
  const placeParams: Record<string, string> = !mentionPlace
    ? {}
    : 'threadId' in mentionPlace
      ? { thread: mentionPlace.threadId }
      : { space: mentionPlace.spaceId }
  const placeQuery = new URLSearchParams(placeParams).toString()
  const inSpace = !!mentionPlace && 'spaceId' in mentionPlace

  useEffect(() => setEnhanced(true), [])

  const setTextarea = useCallback(
    (el: HTMLTextAreaElement | null) => {
      textarea.current = el
      assignRef(textareaRef, el)
    },
    [textareaRef],
  )

  // ── mentions ──
  const [mention, setMention] = useState<{ query: string; start: number } | null>(null)
  const [options, setOptions] = useState<Mentionable[]>([])
  const [active, setActive] = useState(0)
  const lookup = useRef<AbortController | null>(null)
  const listOpen = mention !== null && options.length > 0

  const closeMentions = useCallback(() => {
    lookup.current?.abort()
    setMention(null)
    setOptions([])
    setActive(0)
  }, [])

  const findMentionAtCaret = useCallback(() => {
    const el = textarea.current
    if (!el || el.selectionStart !== el.selectionEnd) return closeMentions()
    const before = el.value.slice(0, el.selectionStart)
    const m = MENTION_AT_CARET.exec(before)
    if (!m) return closeMentions()
    setMention({ query: m[1], start: el.selectionStart - m[1].length - 1 })
  }, [closeMentions])

  useEffect(() => {
    if (!mention) return
    const controller = new AbortController()
    lookup.current?.abort()
    lookup.current = controller
    // A short pause so a fast typist sends one request, not one per letter.
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/mentions?q=${encodeURIComponent(mention.query)}${placeQuery ? `&${placeQuery}` : ''}`, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        })
        if (!res.ok) return setOptions([])
        const { results } = (await res.json()) as { results: Mentionable[] }
        setOptions(results)
        setActive(0)
        setAnnouncement(results.length ? t('content.field.suggestionCount', { count: results.length }) : t('content.field.noSuggestions'))
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setOptions([])
      }
    }, 150)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [mention, t, placeQuery])

  const choose = (option: Mentionable) => {
    const el = textarea.current
    if (!el || !mention) return
    insertText(el, `@${option.handle} `, [mention.start, el.selectionStart])
    closeMentions()
    setAnnouncement(t('content.field.mentionInserted', { name: option.name }))
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!listOpen) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (i + step + options.length) % options.length)
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault()
      choose(options[active])
    } else if (e.key === 'Escape') {
      // Only closes the list; a surrounding dialog must not close with it.
      e.preventDefault()
      e.stopPropagation()
      closeMentions()
    }
  }

  // ── preview ──
  const showTab = async (next: Tab) => {
    setTab(next)
    if (next !== 'preview') return
    closeMentions()
    const body = textarea.current?.value ?? ''
    if (!body.trim()) return setPreview({ status: 'ready', html: '', unreachable: [] })
    setPreview({ status: 'loading' })
    try {
      const res = await fetch('/content/preview', {
        method: 'POST',
        body: new URLSearchParams({ body, ...placeParams }),
        headers: { accept: 'application/json' },
      })
      if (!res.ok) throw new Error(String(res.status))
      const { html, unreachable = [] } = (await res.json()) as { html: string; unreachable?: string[] }
      setPreview({ status: 'ready', html, unreachable })
      setAnnouncement(t('content.field.previewReady'))
    } catch {
      setPreview({ status: 'failed' })
    }
  }

  const onTabKeyDown = (e: React.KeyboardEvent<HTMLButtonElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return
    e.preventDefault()
    const next: Tab = e.key === 'Home' ? 'write' : e.key === 'End' ? 'preview' : tab === 'write' ? 'preview' : 'write'
    document.getElementById(next === 'write' ? ids.writeTab : ids.previewTab)?.focus()
    void showTab(next)
  }

  // ── images ──
  const [imageOpen, setImageOpen] = useState(false)
  const [imageError, setImageError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const altInput = useRef<HTMLInputElement>(null)
  const caret = useRef<[number, number] | null>(null)

  const openImage = () => {
    const el = textarea.current
    caret.current = el ? [el.selectionStart, el.selectionEnd] : null
    setImageError(null)
    setImageOpen(true)
  }
  useEffect(() => {
    if (imageOpen) fileInput.current?.focus()
  }, [imageOpen])

  const closeImage = (focusTextarea: boolean) => {
    setImageOpen(false)
    setImageError(null)
    if (focusTextarea) textarea.current?.focus()
  }

  const upload = async () => {
    const file = fileInput.current?.files?.[0]
    const alt = altInput.current?.value.trim() ?? ''
    if (!file) return setImageError(t('content.field.imageFileMissing'))
    if (!alt) {
      setImageError(t('content.field.imageAltMissing'))
      return altInput.current?.focus()
    }
    if (file.size > POST_IMAGE_MAX_BYTES) return setImageError(t('content.upload.errors.tooLarge'))
    setUploading(true)
    setImageError(null)
    setAnnouncement(t('content.field.uploading'))
    try {
      const form = new FormData()
      form.append('image', file)
      form.append('alt', alt)
      const res = await fetch('/uploads/images', { method: 'POST', body: form, headers: { accept: 'application/json' } })
      if (!res.ok) {
        const message = await errorMessage(res, t('content.field.uploadFailed'))
        setImageError(message)
        setAnnouncement(message)
        return
      }
      const { markdown } = (await res.json()) as { markdown: string }
      const el = textarea.current
      if (el) {
        el.focus()
        const [start, end] = caret.current ?? [el.value.length, el.value.length]
        const before = el.value.slice(0, start)
        // An image on its own line reads better and keeps the text around it intact.
        const lead = before && !before.endsWith('\n') ? '\n' : ''
        insertText(el, `${lead}${markdown}\n`, [start, end])
      }
      setImageOpen(false)
      setAnnouncement(t('content.field.uploaded'))
    } catch {
      setImageError(t('content.field.uploadFailed'))
    } finally {
      setUploading(false)
    }
  }

  // ── render ──
  const errors: string[] = !error ? [] : typeof error === 'string' ? [error] : error.map((m) => t(m.key, m.vars))
  const describedBy = [hint && ids.hint, ids.syntax, errors.length && ids.error].filter(Boolean).join(' ')

  const textareaEl = (
    <textarea
      ref={setTextarea}
      id={ids.textarea}
      name={name}
      rows={rows}
      required={required}
      maxLength={maxLength}
      defaultValue={defaultValue}
      aria-invalid={errors.length ? true : undefined}
      aria-describedby={describedBy}
      aria-autocomplete={enhanced ? 'list' : undefined}
      aria-controls={listOpen ? ids.listbox : undefined}
      aria-activedescendant={listOpen ? ids.option(active) : undefined}
      className="input mt-1 font-mono text-base leading-relaxed"
      onChange={(e) => {
        onValueChange?.(e.currentTarget.value)
        findMentionAtCaret()
      }}
      onKeyDown={onKeyDown}
      onClick={findMentionAtCaret}
      onBlur={() => setTimeout(closeMentions, 150)}
    />
  )

  return (
    <div className="mb-4" data-markdown-field>
      <label htmlFor={ids.textarea} className="block font-medium">
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={ids.hint} className="mt-0.5 text-sm text-stone-700">
          {hint}
        </p>
      )}
      <p id={ids.syntax} className="mt-0.5 text-sm text-stone-700">
        {t('content.field.markdownHint')}
      </p>

      {enhanced && (
        <div className="mt-2 flex flex-wrap items-end justify-between gap-2">
          <div role="tablist" aria-label={t('content.field.tabs')} className="flex gap-1">
            {(['write', 'preview'] as const).map((which) => (
              <button
                key={which}
                type="button"
                role="tab"
                id={which === 'write' ? ids.writeTab : ids.previewTab}
                aria-selected={tab === which}
                aria-controls={which === 'write' ? ids.writePanel : ids.previewPanel}
                tabIndex={tab === which ? 0 : -1}
                onClick={() => void showTab(which)}
                onKeyDown={onTabKeyDown}
                className={`min-h-11 rounded-t-md border border-b-0 px-4 font-medium ${
                  tab === which
                    ? 'border-stone-500 bg-white text-stone-900'
                    : 'border-transparent bg-stone-100 text-stone-700 hover:bg-stone-200'
                }`}
              >
                {t(which === 'write' ? 'content.field.write' : 'content.field.preview')}
              </button>
            ))}
          </div>
          {tab === 'write' && !imageOpen && (
            <button type="button" className="btn-secondary" onClick={openImage}>
              {t('content.field.addImage')}
            </button>
          )}
        </div>
      )}

      <div
        id={ids.writePanel}
        role={enhanced ? 'tabpanel' : undefined}
        aria-labelledby={enhanced ? ids.writeTab : undefined}
        hidden={enhanced && tab !== 'write'}
      >
        {textareaEl}
        {listOpen && (
          <ul
            id={ids.listbox}
            role="listbox"
            aria-label={t('content.field.suggestions')}
            className="mt-1 max-h-64 overflow-auto rounded-md border border-stone-500 bg-white py-1 shadow-md"
          >
            {options.map((o, i) => (
              // The keyboard drives the listbox from the textarea (combobox pattern): the options only take the pointer.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <li
                key={`${o.kind}:${o.handle}`}
                id={ids.option(i)}
                role="option"
                aria-selected={i === active}
                // Keeps focus (and the caret) in the textarea while choosing with a pointer.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
                className={`flex min-h-11 cursor-pointer flex-wrap items-center gap-x-2 px-3 py-1 ${i === active ? 'bg-brand-700 text-white' : 'text-stone-900 hover:bg-stone-100'}`}
              >
                <span className="font-medium">{o.name}</span>
                <span className={i === active ? 'text-white' : 'text-stone-700'}>
                  @{o.handle} · {t(o.kind === 'person' ? 'content.field.person' : 'content.field.org')}
                  {o.canSee === false && ` · ${t(inSpace ? 'content.mentions.cannotSeeSpace' : 'content.mentions.cannotSee')}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        {imageOpen && (
          <div className="mt-2 rounded-md border border-stone-400 bg-stone-50 p-3" role="group" aria-label={t('content.field.addImage')}>
            <label htmlFor={ids.imageFile} className="block font-medium">
              {t('content.field.imageFile')}
            </label>
            <p className="text-sm text-stone-700" id={`${ids.imageFile}-hint`}>
              {t('content.field.imageFileHint')}
            </p>
            <input
              ref={fileInput}
              id={ids.imageFile}
              type="file"
              accept={POST_IMAGE_ACCEPT}
              aria-describedby={`${ids.imageFile}-hint`}
              className="mt-1 block min-h-11 w-full text-base"
            />
            <label htmlFor={ids.imageAlt} className="mt-3 block font-medium">
              {t('content.field.imageAlt')}
            </label>
            <p className="text-sm text-stone-700" id={`${ids.imageAlt}-hint`}>
              {t('content.field.imageAltHint')}
            </p>
            <input
              ref={altInput}
              id={ids.imageAlt}
              type="text"
              maxLength={200}
              aria-describedby={`${ids.imageAlt}-hint${imageError ? ` ${ids.imageAlt}-error` : ''}`}
              className="input mt-1"
              // Enter here would submit the whole post.
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  void upload()
                }
              }}
            />
            {imageError && (
              <p id={`${ids.imageAlt}-error`} className="mt-1 text-sm font-medium text-red-800">
                {imageError}
              </p>
            )}
            <div className="mt-3 flex flex-wrap gap-2">
              <button
                type="button"
                className="btn-primary"
                onClick={() => void upload()}
                disabled={uploading}
                aria-busy={uploading || undefined}
              >
                {uploading ? t('content.field.uploading') : t('content.field.insertImage')}
              </button>
              <button type="button" className="btn-secondary" onClick={() => closeImage(true)}>
                {t('content.field.cancel')}
              </button>
            </div>
          </div>
        )}
      </div>

      {enhanced && (
        <div
          id={ids.previewPanel}
          role="tabpanel"
          aria-labelledby={ids.previewTab}
          hidden={tab !== 'preview'}
          tabIndex={0}
          aria-busy={preview.status === 'loading' || undefined}
          className="mt-1 min-h-32 rounded-md border border-stone-500 bg-white p-3"
        >
          {preview.status === 'loading' && <p className="text-stone-700">{t('content.field.previewLoading')}</p>}
          {preview.status === 'failed' && <p className="font-medium text-red-800">{t('content.field.previewFailed')}</p>}
          {preview.status === 'ready' && preview.unreachable.length > 0 && (
            <p className="mb-3 rounded-md border-2 border-amber-600 bg-amber-50 p-2 text-stone-900">
              {t(inSpace ? 'content.mentions.unreachableSpace' : 'content.mentions.unreachable', {
                count: preview.unreachable.length,
                handles: preview.unreachable.map((h) => `@${h}`).join(', '),
              })}
            </p>
          )}
          {preview.status === 'ready' &&
            (preview.html ? <PostBody html={preview.html} /> : <p className="text-stone-700">{t('content.field.previewEmpty')}</p>)}
        </div>
      )}

      {errors.length > 0 && (
        <div id={ids.error} className="mt-1 text-sm font-medium text-red-800">
          {errors.map((m, i) => (
            <p key={i}>{m}</p>
          ))}
        </div>
      )}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  )
}
