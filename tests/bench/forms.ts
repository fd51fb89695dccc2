/**
 * Submitting the thread page's reply form the way a browser without JavaScript does: the form is read
 * from the page itself (its action, hidden fields and submit button), so the benchmarks follow the
 * route's field names instead of guessing them.
 */
export interface ReplyForm {
  action: string
  fields: [string, string][]
  bodyField: string
  keyField: string
}

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag)
  return m ? decode(m[1] ?? m[2]) : undefined
}
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')

export async function discoverReplyForm(app: string, threadPath: string, cookie: string): Promise<ReplyForm> {
  const res = await fetch(app + threadPath, { headers: { cookie, 'accept-language': 'tr' }, redirect: 'manual' })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`GET ${threadPath} answered ${res.status}`)
  const forms = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? []
  for (const form of forms) {
    const textarea = /<textarea\b[^>]*>/i.exec(form)
    const inputs = form.match(/<input\b[^>]*>/gi) ?? []
    const key = inputs.find((i) => /clientkey/i.test(attr(i, 'name') ?? ''))
    if (!textarea || !key) continue
    // A reply to the thread itself, not to one post.
    if (inputs.some((i) => attr(i, 'name') === 'parentNumber' && attr(i, 'value'))) continue
    const fields: [string, string][] = []
    for (const i of inputs) {
      const name = attr(i, 'name')
      const type = (attr(i, 'type') ?? 'text').toLowerCase()
      if (!name || i === key || type === 'file' || ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(i))) continue
      fields.push([name, attr(i, 'value') ?? ''])
    }
    const button = (form.match(/<button\b[^>]*>/gi) ?? []).find((b) => (attr(b, 'type') ?? 'submit') === 'submit' && attr(b, 'name'))
    if (button) fields.push([attr(button, 'name')!, attr(button, 'value') ?? ''])
    const action = attr(form.slice(0, form.indexOf('>') + 1), 'action')
    return {
      action: action ? new URL(action, app + threadPath).pathname + new URL(action, app + threadPath).search : threadPath,
      fields,
      bodyField: attr(textarea[0], 'name')!,
      keyField: attr(key, 'name')!,
    }
  }
  throw new Error(`no reply form (a textarea and a clientKey field) on ${threadPath} for a signed-in reader`)
}

/** POSTs one reply; resolves with the status (a redirect means the reply was accepted). */
export async function submitReply(app: string, form: ReplyForm, cookie: string, body: string, clientKey: string) {
  const params = new URLSearchParams(form.fields)
  params.set(form.bodyField, body)
  params.set(form.keyField, clientKey)
  const res = await fetch(app + form.action, {
    method: 'POST',
    headers: { cookie, origin: app, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'tr' },
    body: params,
    redirect: 'manual',
  })
  await res.arrayBuffer()
  return res.status
}

export const accepted = (status: number) => (status >= 200 && status < 300) || (status >= 300 && status < 400)
