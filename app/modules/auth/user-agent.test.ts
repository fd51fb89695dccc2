import { describe, expect, it } from 'vitest'
import { displayIp, summariseUserAgent } from './user-agent.server'

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  chromebook: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
}

describe('summariseUserAgent', () => {
  it.each([
    ['chromeWindows', 'Chrome', 'Windows'],
    ['edge', 'Edge', 'Windows'],
    ['safariMac', 'Safari', 'macOS'],
    ['firefoxLinux', 'Firefox', 'Linux'],
    ['samsung', 'Samsung Internet', 'Android'],
    ['chromeIphone', 'Chrome', 'iOS'],
    ['opera', 'Opera', 'Windows'],
    ['chromebook', 'Chrome', 'ChromeOS'],
    ['headless', 'Chrome', 'Linux'],
  ] as const)('%s → %s on %s', (key, browser, os) => {
    expect(summariseUserAgent(UA[key])).toEqual({ browser, os })
  })

  it('says nothing it does not know', () => {
    expect(summariseUserAgent(null)).toEqual({ browser: null, os: null })
    expect(summariseUserAgent('SomeBot/1.0')).toEqual({ browser: null, os: null })
    expect(summariseUserAgent('curl/8.5.0')).toEqual({ browser: 'curl', os: null })
  })
})

describe('displayIp', () => {
  it('shows IPv4-mapped addresses as plain IPv4', () => {
    expect(displayIp('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(displayIp('2001:db8::1')).toBe('2001:db8::1')
    expect(displayIp(null)).toBeNull()
  })
})
