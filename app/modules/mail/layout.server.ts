/** One layout for every mail: plain text first (many readers prefer it), and simple, accessible HTML. */
import { getT, type Locale } from '~/lib/i18n'

export interface MailContent {
  subject: string
  greeting?: string
  paragraphs: string[]
  action?: { label: string; url: string }
  /** A line under the action, e.g. "this link expires in 24 hours" */
  note?: string
  /** A list of entries, each with its own link (digests) */
  items?: { text: string; url: string }[]
  /** A visible one-click unsubscribe link above the footer (discussion mail) */
  unsubscribe?: { text: string; label: string; url: string }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

export function renderMail(locale: Locale, content: MailContent) {
  const t = getT(locale)
  const footer = t('mail.footer')
  const textParts = [
    content.greeting,
    ...content.paragraphs,
    content.action ? `${content.action.label}:\n${content.action.url}` : undefined,
    content.items?.length ? content.items.map((i) => `- ${i.text}\n  ${i.url}`).join('\n\n') : undefined,
    content.note,
    '-- ',
    content.unsubscribe ? `${content.unsubscribe.text}\n${content.unsubscribe.label}: ${content.unsubscribe.url}` : undefined,
    footer,
  ].filter(Boolean)
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1917;font-size:16px;line-height:1.5">
<div role="article" aria-label="${escapeHtml(content.subject)}" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d6d3d1;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:700;color:#0f5347;font-size:20px">birlikte</p>
${content.greeting ? `<p>${escapeHtml(content.greeting)}</p>` : ''}
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#0f5347;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:14px;color:#44403c">${escapeHtml(t('mail.linkFallback'))}<br><span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : ''
}
${
  content.items?.length
    ? `<ul style="padding-left:20px">${content.items
        .map((i) => `<li style="margin:0 0 12px"><a href="${escapeHtml(i.url)}" style="color:#0f5347">${escapeHtml(i.text)}</a></li>`)
        .join('\n')}</ul>`
    : ''
}
${content.note ? `<p style="font-size:14px;color:#44403c">${escapeHtml(content.note)}</p>` : ''}
<hr style="border:none;border-top:1px solid #e7e5e4;margin:24px 0">
${
  content.unsubscribe
    ? `<p style="font-size:13px;color:#57534e">${escapeHtml(content.unsubscribe.text)} <a href="${escapeHtml(content.unsubscribe.url)}" style="color:#0f5347">${escapeHtml(content.unsubscribe.label)}</a></p>`
    : ''
}
<p style="font-size:13px;color:#57534e">${escapeHtml(footer)}</p>
</div></body></html>`
  return { subject: content.subject, text: textParts.join('\n\n'), html }
}
