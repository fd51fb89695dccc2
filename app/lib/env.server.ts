import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('data'),
  UPLOAD_DIR: z.string().optional(),
  /** The address people reach the app at; used in mail links. Required in production (019-mail-links). */
  APP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** Further addresses (comma-separated origins) a request may come from and mail links may use when APP_URL is unset. */
  APP_ORIGINS: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('birlikte <no-reply@birlikte.local>'),
  REDIS_URL: z.string().optional(),
  /** keeps deployments (or test runs) that share one Redis apart */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w-]{1,40}$/)
    .default('birlikte'),
  MEILI_URL: z.string().url().optional(),
  MEILI_KEY: z.string().optional(),
  WORKER: z.enum(['0', '1']).default('1'),
  /** unset: demo data goes into an empty embedded database only; 1: into any empty database; 0: never */
  SEED: z.enum(['0', '1']).optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  /** Set to 1 behind a TLS-terminating proxy so cookies are Secure and client IPs are read from it. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Multiplies every rate limit; tests and load tests raise it. 0 turns the limits off. */
  RATE_LIMIT_FACTOR: z.coerce.number().min(0).default(1),
})

export type Env = z.infer<typeof schema>

let cached: { signature: string; value: Env } | undefined
const KEYS = Object.keys(schema.shape) as (keyof Env)[]

/**
 * Parsed lazily, and again whenever a variable changes, so the embedded database (and tests) can set
 * variables after start-up.
 */
export function env(): Env {
  const signature = KEYS.map((k) => process.env[k] ?? '').join('\u0000')
  if (cached?.signature === signature) return cached.value
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  cached = { signature, value: parsed.data }
  return parsed.data
}

/**
 * The origin for links in an HTTP answer to this request (the API's JSON): APP_URL, else the address the
 * client used. Only for the answer itself — a mail goes to someone else: mail links use `appUrl()`
 * (origin.server.ts), which never takes a Host header on trust.
 */
export function responseOrigin(request: Request) {
  const e = env()
  if (e.APP_URL) return e.APP_URL.replace(/\/$/, '')
  return new URL(request.url).origin
}
