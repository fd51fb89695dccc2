/**
 * Server secrets (ServerSecret rows): 32 random bytes made at first use, so an installation never signs
 * with a default, and every process sharing the database signs alike. Rotation keeps the value before
 * as `previous`, so what was signed just before a rotation stays valid until the next one.
 */
import { randomBytes } from 'node:crypto'
import { db } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'

/** Every secret the app uses; the rotation command accepts only these names. */
export const SECRET_NAMES = ['unsubscribe'] as const
export type SecretName = (typeof SECRET_NAMES)[number]

export interface SecretKeys {
  current: Buffer
  previous: Buffer | null
}

/**
 * Reloaded after this long, so a rotation made by the command (another process) reaches running
 * servers without a restart.
 */
const MAX_AGE_MS = 60_000

type Cache = Map<string, { keys: Promise<SecretKeys>; loadedAt: number }>
// Shared by the Remix build and the server code, which load this module separately (decision 009).
const cache = () => singleton<Cache>('serverSecrets', () => new Map())

const fresh = () => randomBytes(32).toString('base64url')

async function load(name: SecretName): Promise<SecretKeys> {
  // Two processes starting together both try; the primary key lets exactly one insert win.
  await db.serverSecret.createMany({ data: [{ name, value: fresh() }], skipDuplicates: true })
  const row = await db.serverSecret.findUniqueOrThrow({ where: { name }, select: { value: true, previous: true } })
  return { current: Buffer.from(row.value, 'base64url'), previous: row.previous ? Buffer.from(row.previous, 'base64url') : null }
}

/** The secret's current and previous keys, created on first use. `maxAgeMs: 0` reads the database again. */
export async function secretKeys(name: SecretName, options: { maxAgeMs?: number } = {}): Promise<SecretKeys> {
  const entries = cache()
  const hit = entries.get(name)
  if (hit && Date.now() - hit.loadedAt <= (options.maxAgeMs ?? MAX_AGE_MS)) return hit.keys
  const keys = load(name)
  entries.set(name, { keys, loadedAt: Date.now() })
  // A failed load (database down) must not stick.
  keys.catch(() => entries.get(name)?.keys === keys && entries.delete(name))
  return keys
}

/** New value; the old one becomes `previous` and the one before that stops working. */
export async function rotateSecret(name: SecretName): Promise<void> {
  await secretKeys(name, { maxAgeMs: 0 })
  // One statement, so concurrent rotations never lose a value between reading and writing.
  await db.$executeRaw`UPDATE "ServerSecret" SET "previous" = "value", "value" = ${fresh()}, "rotatedAt" = now() WHERE "name" = ${name}`
  cache().delete(name)
}
