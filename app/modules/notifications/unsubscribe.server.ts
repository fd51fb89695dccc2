/**
 * One-click unsubscribe links that need no sign-in (RFC 8058). A token is `<payload>.<signature>`:
 * the payload names the person and what to stop (`all` discussion mail, or `space:<id>`), the signature
 * is an HMAC over it with the server's `unsubscribe` secret (secrets.server.ts). Nothing is stored per
 * link, so a link stays valid through password changes; rotating the secret
 * (`npm run secrets:rotate -- unsubscribe`) retires links signed before the previous rotation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { db } from '~/lib/db.server'
import { appUrl } from '~/lib/origin.server'
import { secretKeys } from '~/modules/secrets/secrets.server'

export type UnsubscribeScope = { kind: 'all' } | { kind: 'space'; spaceId: string }

const ID = /^[a-z0-9]{1,64}$/i

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url')

const scopeText = (scope: UnsubscribeScope) => (scope.kind === 'all' ? 'all' : `space:${scope.spaceId}`)

export async function unsubscribeToken(user: { id: string }, scope: UnsubscribeScope) {
  const payload = Buffer.from(`${user.id}:${scopeText(scope)}`).toString('base64url')
  return `${payload}.${sign((await secretKeys('unsubscribe')).current, payload)}`
}

export async function unsubscribeUrl(user: { id: string }, scope: UnsubscribeScope) {
  return `${appUrl()}/unsubscribe?token=${await unsubscribeToken(user, scope)}`
}

function matches(key: Buffer | null, payload: string, signature: string) {
  if (!key) return false
  const expected = Buffer.from(sign(key, payload))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** Signed with the current or the previous key; a miss reads the keys again, in case another process rotated. */
async function signedByUs(payload: string, signature: string) {
  for (const maxAgeMs of [undefined, 5_000]) {
    const { current, previous } = await secretKeys('unsubscribe', { maxAgeMs })
    if (matches(current, payload, signature) || matches(previous, payload, signature)) return true
  }
  return false
}

/** The List-Unsubscribe headers every discussion mail carries. */
export function unsubscribeHeaders(url: string) {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

function parsePayload(payload: string): { userId: string; scope: UnsubscribeScope } | null {
  const text = Buffer.from(payload, 'base64url').toString('utf8')
  const m = /^([a-z0-9]{1,64}):(all|space:([a-z0-9]{1,64}))$/i.exec(text)
  if (!m || !ID.test(m[1])) return null
  return { userId: m[1], scope: m[3] ? { kind: 'space', spaceId: m[3] } : { kind: 'all' } }
}

export interface VerifiedUnsubscribe {
  user: { id: string; email: string }
  scope: UnsubscribeScope
  /** for a space scope: the space as the page may name it (a safe space stays unnamed) */
  space: { id: string; nameTr: string; nameEn: string; safeSpace: boolean } | null
}

/** The person and scope a token stands for, or null for anything malformed, tampered or stale. */
export async function verifyUnsubscribeToken(token: string | null | undefined): Promise<VerifiedUnsubscribe | null> {
  if (!token || token.length > 400) return null
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const parsed = parsePayload(payload)
  if (!parsed) return null
  if (!(await signedByUs(payload, signature))) return null
  const user = await db.user.findUnique({ where: { id: parsed.userId }, select: { id: true, email: true } })
  if (!user) return null
  let space: VerifiedUnsubscribe['space'] = null
  if (parsed.scope.kind === 'space') {
    space = await db.space.findUnique({
      where: { id: parsed.scope.spaceId },
      select: { id: true, nameTr: true, nameEn: true, safeSpace: true },
    })
    if (!space) return null
  }
  return { user: { id: user.id, email: user.email }, scope: parsed.scope, space }
}

/** Applies a verified token: the person's discussion mail, or their mail for one space, becomes NONE. */
export async function applyUnsubscribe(v: VerifiedUnsubscribe) {
  if (v.scope.kind === 'all') {
    await db.user.update({ where: { id: v.user.id }, data: { discussionEmail: 'NONE' } })
    return
  }
  // Space-scoped links go only to people with a row for the space (followers); without one there is
  // no per-space mail to stop, and creating a row would make them a member.
  await db.spaceMember.updateMany({ where: { spaceId: v.scope.spaceId, userId: v.user.id }, data: { email: 'NONE' } })
}
