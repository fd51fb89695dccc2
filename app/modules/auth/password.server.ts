import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// A dummy hash to verify against when the account does not exist, so timing does not reveal it.
let dummy: Promise<string> | undefined
export async function burnPasswordCheck(password: string) {
  dummy ??= hashPassword('not-a-real-password-0')
  await verifyPassword(await dummy, password)
}

const COMMON = new Set(
  `password password1 password123 passw0rd 123456789 1234567890 12345678910 qwertyuiop qwerty123 iloveyou1
  sifre12345 sifresifre parola1234 parolaparola 1q2w3e4r5t 1qaz2wsx3edc abc1234567 asdfghjkl1 zxcvbnm123
  birlikte123 birlikte2026 welcome123 letmein123 admin12345 administrator galatasaray fenerbahce besiktas1
  istanbul34 ankara0606 turkiye1923 trabzonspor 11111111111 00000000000 aaaaaaaaaa`.split(/\s+/),
)

export type PasswordProblem = 'validation.passwordWeak' | 'validation.passwordCommon' | 'validation.passwordContainsEmail'

/** Length first (NIST 800-63B), then a little variety, no well-known passwords, no e-mail inside. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  // Both foldings: "YILMAZ" is "yılmaz" in Turkish but matches the address "yilmaz@…" in English.
  const folds = [password.toLocaleLowerCase('tr-TR'), password.toLowerCase()]
  if (folds.some((f) => COMMON.has(f))) return 'validation.passwordCommon'
  if (email) {
    const address = email.toLowerCase()
    const local = address.split('@')[0] ?? ''
    if (folds.some((f) => f.includes(address) || (local.length >= 4 && f.includes(local)))) return 'validation.passwordContainsEmail'
  }
  if (password.length < 10) return 'validation.passwordWeak'
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((r) => r.test(password)).length
  if (password.length < 16 && classes < 2) return 'validation.passwordWeak'
  if (new Set(password).size < 5) return 'validation.passwordWeak'
  return null
}
