/**
 * A short "Firefox on Windows" summary of a User-Agent header, enough for someone to recognise their
 * own devices in the sessions list. Order matters: most browsers also claim to be Chrome and Safari.
 */
export interface DeviceSummary {
  browser: string | null
  os: string | null
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bYaBrowser\//, 'Yandex Browser'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/(?:\b|Headless)(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
  [/\bnode\b|\bundici\b/i, 'Node.js'],
]

const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPod)\b/, 'iOS'],
  [/\biPad\b/, 'iPadOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
]

const first = (ua: string, table: [RegExp, string][]) => table.find(([re]) => re.test(ua))?.[1] ?? null

export function summariseUserAgent(ua: string | null | undefined): DeviceSummary {
  if (!ua) return { browser: null, os: null }
  return { browser: first(ua, BROWSERS), os: first(ua, SYSTEMS) }
}

/** "::ffff:192.0.2.1" is how an IPv4 client looks on a dual-stack socket; people know it as 192.0.2.1. */
export function displayIp(ip: string | null | undefined) {
  if (!ip) return null
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip
}
