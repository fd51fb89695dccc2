/**
 * The one reader of request bodies. Every request that may carry a body (anything but GET and HEAD) is
 * read here, counted as it arrives — with or without Content-Length — and refused at the cap, so no
 * route, upload or API endpoint ever holds more than the cap in memory or reads past it. What passes is
 * kept as a Buffer for the Remix handler (server/remix-handler.ts), which hands it to the routes.
 */
import type { IncomingMessage } from 'node:http'
import type { NextFunction, Request as Req, Response as Res } from 'express'
import { isJsonContentType, jsonTextProblem, textProblem, type TextProblem } from '../app/lib/untrusted-text.ts'
import { refuse } from './refuse.ts'

export const MAX_BODY_BYTES = 1024 * 1024
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024

const bodies = new WeakMap<IncomingMessage, Buffer>()

/** The body the reader kept for this request; undefined for GET and HEAD. */
export const bufferedBody = (req: IncomingMessage) => bodies.get(req)

export const carriesBody = (method: string | undefined) => method !== 'GET' && method !== 'HEAD'

const mediaType = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()

export const bodyLimit = (req: IncomingMessage) => (mediaType(req) === 'multipart/form-data' ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES)

type Read = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' }

/**
 * Reads the stream into memory, stopping at the chunk that passes `limit`: the stream is paused there
 * and never resumed, so at most one chunk beyond the cap is ever read.
 */
export function readCapped(req: IncomingMessage, limit: number): Promise<Read> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too_large' })
  if (req.readableEnded) return Promise.resolve({ ok: true, body: Buffer.alloc(0) })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: Read) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onAbort)
      req.off('close', onAbort)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.pause()
        finish({ ok: false, reason: 'too_large' })
      } else chunks.push(chunk)
    }
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) })
    const onAbort = () => finish({ ok: false, reason: 'aborted' })
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('error', onAbort)
    req.once('close', onAbort)
  })
}

/**
 * Text the database cannot store, in the fields of a body the routes will parse. Bodies that do not
 * parse are let through: the route answers them in its own words (the API: "not valid JSON").
 */
export async function bodyTextProblem(contentType: string | undefined, body: Buffer): Promise<TextProblem | null> {
  if (!body.length) return null
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') return formProblem(new URLSearchParams(body.toString('utf8')))
  if (isJsonContentType(type)) {
    let value: unknown
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
    } catch {
      return null
    }
    return jsonTextProblem(value)
  }
  if (type === 'multipart/form-data') {
    // Same parser as the routes' request.formData(); file contents are binary and not looked at.
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType ?? '' } }).formData().catch(() => null)
    return form ? formProblem(form) : null
  }
  if (type.startsWith('text/')) return body.includes(0) ? 'nul' : null
  return null
}

function formProblem(entries: Iterable<[string, FormDataEntryValue]>): TextProblem | null {
  for (const [name, value] of entries) {
    const problem = textProblem(name) ?? (typeof value === 'string' ? textProblem(value) : textProblem(value.name))
    if (problem) return problem
  }
  return null
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/** Express middleware: read, cap, check, keep. */
export function bodyReader(req: Req, res: Res, next: NextFunction) {
  if (!carriesBody(req.method)) return next()
  readCapped(req, bodyLimit(req)).then(
    async (read) => {
      if (!read.ok) {
        // Nobody is listening for an aborted request's answer.
        if (read.reason === 'too_large') refuse(req, res, 413, 'payload_too_large', 'errors.codes.payload_too_large')
        return
      }
      // Website routes parse forms (request.formData()); anything else would fail there as a 500.
      if (read.body.length && !req.path.startsWith('/api/') && !FORM_TYPES.has(mediaType(req)))
        return refuse(req, res, 415, 'unsupported_media_type', 'errors.request.formOnly')
      const problem = await bodyTextProblem(req.headers['content-type'], read.body)
      if (problem) return refuse(req, res, 400, 'bad_request', problem === 'nul' ? 'errors.request.nul' : 'errors.request.surrogate')
      bodies.set(req, read.body)
      next()
    },
    (e: unknown) => next(e),
  )
}
