/** A real SMTP server on a free port that keeps what it receives, for tests to read. */
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface CaughtMail {
  to: string[]
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

export async function startSmtpCatcher(options: { failNext?: number } = {}) {
  const messages: CaughtMail[] = []
  const waiters: (() => void)[] = []
  let failures = options.failNext ?? 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures--
        stream.resume()
        stream.on('end', () => callback(Object.assign(new Error('temporary failure'), { responseCode: 451 })))
        return
      }
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          const to = [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : []))
          const headers: Record<string, string> = {}
          for (const [k, v] of mail.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v)
          messages.push({
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers,
          })
          for (const w of waiters.splice(0)) w()
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port

  async function waitFor(match: (m: CaughtMail) => boolean, timeoutMs = 15_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = messages.find(match)
      if (found) return found
      if (Date.now() > deadline)
        throw new Error(
          `no matching mail within ${timeoutMs} ms; got: ${messages.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'none'}`,
        )
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 250)
      })
    }
  }

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    failNext: (n: number) => (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The first http(s) link in a mail's text that contains `part`. */
export function linkIn(mail: CaughtMail, part: string) {
  const m = mail.text.match(new RegExp(`https?://\\S*${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*`))
  if (!m) throw new Error(`no link containing ${part} in mail "${mail.subject}":\n${mail.text}`)
  return m[0]
}
