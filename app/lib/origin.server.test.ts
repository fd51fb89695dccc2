import { afterEach, describe, expect, it } from 'vitest'
import { appUrl, checkAppUrl, trustedOrigin, withOrigin } from './origin.server'

const saved = { ...process.env }
afterEach(() => {
  for (const k of ['APP_URL', 'APP_ORIGINS', 'NODE_ENV', 'DATABASE_URL', 'PORT']) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
})

const direct = (origin: string, localAddress = '192.168.1.20', localPort = 3000) => ({ origin, localAddress, localPort, proxied: false })

describe('trustedOrigin (019-mail-links)', () => {
  it('takes loopback names and the very address and port the connection came to', () => {
    expect(trustedOrigin(direct('http://localhost:3000'))).toBe('http://localhost:3000')
    expect(trustedOrigin(direct('http://127.0.0.1:3000'))).toBe('http://127.0.0.1:3000')
    expect(trustedOrigin(direct('http://[::1]:3000'))).toBe('http://[::1]:3000')
    expect(trustedOrigin(direct('http://192.168.1.20:3000', '::ffff:192.168.1.20'))).toBe('http://192.168.1.20:3000')
    expect(trustedOrigin(direct('http://[fd00::5]:3000', 'fd00::5'))).toBe('http://[fd00::5]:3000')
  })

  it('refuses names it was not told about, other addresses, other ports and anything through a proxy', () => {
    expect(trustedOrigin(direct('http://evil.example:3000'))).toBeNull()
    expect(trustedOrigin(direct('http://10.0.0.9:3000'))).toBeNull()
    expect(trustedOrigin(direct('http://192.168.1.20:4000'))).toBeNull()
    expect(trustedOrigin(direct('http://localhost:4000'))).toBeNull()
    expect(trustedOrigin({ ...direct('http://localhost:3000'), proxied: true })).toBeNull()
    expect(trustedOrigin(direct('javascript:alert(1)'))).toBeNull()
  })

  it('takes an origin listed in APP_ORIGINS, proxied or not', () => {
    process.env.APP_ORIGINS = 'https://birlikte.example.org, not a url, http://intranet.local:8080/'
    expect(trustedOrigin({ ...direct('https://birlikte.example.org'), proxied: true })).toBe('https://birlikte.example.org')
    expect(trustedOrigin(direct('http://intranet.local:8080'))).toBe('http://intranet.local:8080')
    expect(trustedOrigin(direct('https://birlikte.example.org.evil.example'))).toBeNull()
  })
})

describe('appUrl', () => {
  it('APP_URL first, then the origin of the work at hand, then localhost', () => {
    delete process.env.APP_URL
    process.env.PORT = '3999'
    expect(appUrl()).toBe('http://localhost:3999')
    expect(withOrigin('http://127.0.0.1:3999', appUrl)).toBe('http://127.0.0.1:3999')
    process.env.APP_URL = 'https://birlikte.example.org/'
    expect(withOrigin('http://127.0.0.1:3999', appUrl)).toBe('https://birlikte.example.org')
  })
})

describe('checkAppUrl at start-up', () => {
  it('production with DATABASE_URL needs APP_URL; the embedded demo runs with a notice; development never asks', () => {
    delete process.env.APP_URL
    process.env.NODE_ENV = 'production'
    process.env.DATABASE_URL = 'postgres://db.example/birlikte'
    expect(checkAppUrl()).toMatchObject({ error: expect.stringMatching(/APP_URL is not set/) })
    delete process.env.DATABASE_URL
    expect(checkAppUrl()).toMatchObject({ notice: expect.stringMatching(/embedded database/) })
    process.env.APP_URL = 'https://birlikte.example.org'
    process.env.DATABASE_URL = 'postgres://db.example/birlikte'
    expect(checkAppUrl()).toBeNull()
    delete process.env.APP_URL
    process.env.NODE_ENV = 'development'
    expect(checkAppUrl()).toBeNull()
  })
})
