import { describe, expect, it } from 'vitest'
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from './password.server'

describe('passwordProblem', () => {
  it('accepts long or varied passwords', () => {
    expect(passwordProblem('Kestane-kebap-1923')).toBeNull()
    expect(passwordProblem('ankara3istanbul')).toBeNull()
    // A long passphrase needs no digits or symbols.
    expect(passwordProblem('deniz kenarında çay içmek')).toBeNull()
    expect(passwordProblem('şğüöçıİ-ŞĞÜÖÇ-2026')).toBeNull()
  })

  it('refuses short passwords and too little variety', () => {
    expect(passwordProblem('Ab1!')).toBe('validation.passwordWeak')
    expect(passwordProblem('Abcdef12!')).toBe('validation.passwordWeak') // 9 characters
    expect(passwordProblem('abcdefghijkl')).toBe('validation.passwordWeak') // one class, under 16
    expect(passwordProblem('ababababab12')).toBe('validation.passwordWeak') // 4 distinct characters
    expect(passwordProblem('')).toBe('validation.passwordWeak')
  })

  it('refuses well-known passwords whatever their case, Turkish İ/I included', () => {
    expect(passwordProblem('password123')).toBe('validation.passwordCommon')
    expect(passwordProblem('GALATASARAY')).toBe('validation.passwordCommon')
    expect(passwordProblem('İSTANBUL34')).toBe('validation.passwordCommon')
    expect(passwordProblem('Fenerbahce')).toBe('validation.passwordCommon')
  })

  it('refuses a password that contains the e-mail address or its local part', () => {
    expect(passwordProblem('ayse.yilmaz@example.org!', 'ayse.yilmaz@example.org')).toBe('validation.passwordContainsEmail')
    expect(passwordProblem('Xx-AYSE.YILMAZ-2026', 'ayse.yilmaz@example.org')).toBe('validation.passwordContainsEmail')
    // A very short local part is too likely to appear by chance.
    expect(passwordProblem('Kestane-kebap-1923', 'ke@example.org')).toBeNull()
  })
})

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('Kestane-kebap-1923')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, 'Kestane-kebap-1923')).toBe(true)
    expect(await verifyPassword(hash, 'kestane-kebap-1923')).toBe(false)
    expect(await verifyPassword('not a hash', 'anything')).toBe(false)
    await expect(burnPasswordCheck('anything')).resolves.toBeUndefined()
  })
})
