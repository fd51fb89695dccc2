/**
 * The demo people's profiles: an "about" text, city and languages, and different choices of what they
 * show, so the profile pages have something to show and their privacy settings something to demonstrate.
 * Two of them have a picture: a small drawn PNG (a silhouette on a coloured square), made here so the
 * repository carries no image files.
 */
import { deflateSync } from 'node:zlib'

export interface DemoProfile {
  about: string
  city: string
  languages: string[]
  visibility: 'PUBLIC' | 'MEMBERS'
  showOrganizations: boolean
  showRecentPosts: boolean
  /** background and figure colours of the drawn picture; none: initials */
  picture?: { bg: [number, number, number]; fg: [number, number, number] }
}

export const DEMO_PROFILES: Record<string, DemoProfile> = {
  'admin@birlikte.local': {
    about:
      "STGM'de platform koordinatörüyüm. Sorularınız, önerileriniz ya da bir alan açma isteğiniz için bana **@ayse-yonetici** diye seslenebilirsiniz.",
    city: 'Ankara',
    languages: ['tr', 'en'],
    visibility: 'PUBLIC',
    showOrganizations: true,
    showRecentPosts: true,
    picture: { bg: [15, 83, 71], fg: [213, 235, 227] },
  },
  'moderator@birlikte.local': {
    about: 'Tartışmaların herkes için güvenli ve verimli kalması için buradayım. Bir mesajı bildirmekten çekinmeyin.',
    city: 'İstanbul',
    languages: ['tr', 'en', 'ku'],
    visibility: 'MEMBERS',
    showOrganizations: true,
    showRecentPosts: true,
  },
  'orgadmin@birlikte.local': {
    about:
      'Kuzey Ekoloji Derneği’nde gönüllü koordinasyonu ve hibe başvuruları.\n\n- Karadeniz’de dere ve kıyı izleme\n- Gönüllü eğitimleri\n- AB hibeleri',
    city: 'Trabzon',
    languages: ['tr', 'en', 'de'],
    visibility: 'PUBLIC',
    showOrganizations: true,
    showRecentPosts: true,
    picture: { bg: [150, 54, 36], fg: [251, 233, 228] },
  },
  'member@birlikte.local': {
    about: 'Derneğimizde iletişim ve sosyal medya işlerine bakıyorum.',
    city: 'Samsun',
    languages: ['tr'],
    visibility: 'MEMBERS',
    showOrganizations: false,
    showRecentPosts: true,
  },
  'partner@birlikte.local': {
    about:
      'I work on capacity building for community and voluntary organisations at The Wheel in Dublin, and I am happy to host a study visit.',
    city: 'Dublin',
    languages: ['en', 'fr'],
    visibility: 'PUBLIC',
    showOrganizations: true,
    showRecentPosts: false,
  },
}

// ── a tiny PNG writer ────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Uint8Array) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Uint8Array) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  Buffer.from(data).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/** A 160×160 RGB PNG: a head and shoulders in `fg` on `bg`. */
export function silhouettePng(bg: [number, number, number], fg: [number, number, number], size = 160): Uint8Array<ArrayBuffer> {
  const rows = Buffer.alloc(size * (1 + size * 3))
  for (let y = 0; y < size; y++) {
    rows[y * (1 + size * 3)] = 0
    for (let x = 0; x < size; x++) {
      const u = x / size - 0.5
      const head = u * u + (y / size - 0.38) ** 2 < 0.035
      const shoulders = y / size > 0.68 && (u / 0.36) ** 2 + ((y / size - 1.02) / 0.36) ** 2 < 1
      const [r, g, b] = head || shoulders ? fg : bg
      const at = y * (1 + size * 3) + 1 + x * 3
      rows[at] = r
      rows[at + 1] = g
      rows[at + 2] = b
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return new Uint8Array(
    Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]),
  )
}
