/**
 * The discussion benchmarks' data, written straight into the bench database with a few set-based SQL
 * statements (seconds, not minutes): a public space, a thread of 1,001 posts and one of 10,000 posts
 * with nested replies (paths, depths and numbers as prisma/schema.prisma's Post describes them), a few
 * authors, a signed-in reader and 200 posters, each with a real session cookie. Idempotent: a rerun
 * replaces what an earlier run wrote.
 */
import { createHash, randomBytes } from 'node:crypto'
import pg from 'pg'
import { renderMarkdown } from '../../app/modules/content/markdown.server.ts'
import { SESSION_COOKIE } from '../../app/modules/auth/lucia.server.ts'

export const BENCH_SPACE_SLUG = 'bench-acik-alan'
const EMAIL_DOMAIN = 'bench.birlikte.local'
const AUTHORS = 6
export const POSTERS = 200
/** as in app/modules/discussions/form.ts: the thread page shows 20 posts, 4 levels deep inline */
const PAGE_SIZE = 20
const INLINE_DEPTH = 4

export interface BenchUser {
  id: string
  cookie: string
}
export interface BenchThread {
  id: string
  posts: number
  /** pages of the thread's main view (posts down to INLINE_DEPTH) */
  pages: number
}
export interface DiscussionData {
  spaceId: string
  small: BenchThread
  large: BenchThread
  reader: BenchUser
  posters: BenchUser[]
}

// Bodies in both languages, with the Markdown people write: emphasis, lists, links, quotes, code.
const BODIES = [
  'Bu konuda derneğimizin deneyimini paylaşmak isterim. **Gönüllü koordinasyonu** için haftalık bir toplantı düzenledik ve katılım belirgin biçimde arttı.\n\nÖnerilerimiz:\n\n- Görevleri küçük parçalara bölün\n- Her gönüllüye bir iletişim kişisi atayın\n- Teşekkür etmeyi unutmayın',
  'Thanks for raising this. In our network we tried a *shared calendar* for joint advocacy work; it helped small organizations plan around the bigger campaigns. See the [guide we wrote](https://example.org/guide) for details.',
  '> Hibe başvurularında bütçe kalemleri en çok zorlandığımız kısım.\n\nKesinlikle katılıyorum. Geçen yıl iki başvurumuz yalnızca bütçe gerekçesi yüzünden geri döndü. Şablonumuzu paylaşabilirim.',
  'A quick summary of what we agreed in the last session:\n\n1. Draft the joint statement by Friday\n2. Collect signatures from member organizations\n3. Publish in Turkish and English\n\nAnything missing? Reply here or write to the coordination team.',
  'Veri koruma mevzuatı (`KVKK`) açısından gönüllü listelerini nasıl saklıyorsunuz? Biz şu an paylaşılan bir tablo kullanıyoruz ama bunun yeterli olmadığını düşünüyorum.',
  'We had the same problem with **volunteer retention**. What worked for us was a short onboarding call and a clear end date for every task. People stay when they know what they signed up for.',
  'İzmir’deki çalıştayda bu konu uzun uzun konuşuldu; notları [buradan](https://example.org/notlar) okuyabilirsiniz. Özellikle *yerel yönetimlerle iş birliği* bölümü işinize yarayabilir.',
  'Short answer: yes. Longer answer: it depends on the size of the organization and whether you already have a board that meets regularly. Happy to talk it through in the next webinar.',
]

const NAMES = ['Ayşe Yılmaz', 'Mehmet Öztürk', 'Zeynep Çelik', 'Emre Şahin', 'Elif Doğan', 'Can Güneş', 'Okur Kişi']

const token = () => randomBytes(20).toString('hex')
const sessionHash = (id: string) => createHash('sha256').update(id).digest('hex')

/** A post id from its thread and number, so parents are found by computation, not by lookup. */
const postId = (thread: string, n: string) => `'c' || substr(md5(${thread} || ':' || ${n}), 1, 24)`

async function insertThread(
  client: pg.PoolClient,
  spaceId: string,
  authorIds: string[],
  title: string,
  posts: number,
  bodies: { body: string; html: string }[],
) {
  const {
    rows: [thread],
  } = await client.query<{ id: string }>(
    `INSERT INTO "Thread" ("id", "spaceId", "authorId", "title", "lastPostNumber", "postCount", "lastPostAt", "createdAt", "updatedAt")
     VALUES ('c' || substr(md5(random()::text), 1, 24), $1, $2, $3, $4, $4, now(), now() - interval '30 days', now())
     RETURNING "id"`,
    [spaceId, authorIds[0], title, posts],
  )
  // Post n (n ≥ 3) answers the thread (about a third) or one of the 12 posts before it; post 1 opens the
  // thread and post 2 answers it. Chains of replies give depths up to ~15, so "continue this thread"
  // branches exist too. Path and depth follow from the parent by recursion.
  await client.query(
    `WITH RECURSIVE spec AS (
       SELECT n,
              CASE WHEN n < 3 OR h < 35 THEN NULL ELSE n - 1 - (h % least(n - 2, 12)) END AS parent
       FROM (SELECT n, ((n::bigint * 2654435761) % 4294967296 % 100)::int AS h FROM generate_series(1, $2::int) AS n) s
     ), tree AS (
       SELECT n, parent, lpad(n::text, 7, '0') AS path, 0 AS depth FROM spec WHERE parent IS NULL
       UNION ALL
       SELECT s.n, s.parent, t.path || lpad(s.n::text, 7, '0'), t.depth + 1 FROM spec s JOIN tree t ON s.parent = t.n
     )
     INSERT INTO "Post" ("id", "threadId", "number", "parentId", "path", "depth", "authorId", "body", "html", "createdAt", "updatedAt")
     SELECT ${postId('$1::text', 'n::text')},
            $1, n,
            CASE WHEN parent IS NULL THEN NULL ELSE ${postId('$1::text', 'parent::text')} END,
            path, depth,
            ($3::text[])[1 + (n * 7) % array_length($3::text[], 1)],
            replace(($4::text[])[1 + n % array_length($4::text[], 1)], '{n}', n::text),
            replace(($5::text[])[1 + n % array_length($5::text[], 1)], '{n}', n::text),
            now() - interval '30 days' + n * interval '2 minutes',
            now() - interval '30 days' + n * interval '2 minutes'
     FROM tree`,
    [thread.id, posts, authorIds, bodies.map((b) => b.body), bodies.map((b) => b.html)],
  )
  await client.query(
    `UPDATE "Post" p SET "replyCount" = c.count
     FROM (SELECT "parentId", count(*)::int AS count FROM "Post" WHERE "threadId" = $1 AND "parentId" IS NOT NULL GROUP BY 1) c
     WHERE p."id" = c."parentId"`,
    [thread.id],
  )
  await client.query(`UPDATE "Thread" SET "lastPostAt" = (SELECT max("createdAt") FROM "Post" WHERE "threadId" = $1) WHERE "id" = $1`, [
    thread.id,
  ])
  const {
    rows: [{ count }],
  } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM "Post" WHERE "threadId" = $1 AND "depth" <= $2`, [
    thread.id,
    INLINE_DEPTH,
  ])
  return { id: thread.id, posts, pages: Math.ceil(count / PAGE_SIZE) }
}

export async function createDiscussionData(databaseUrl: string): Promise<DiscussionData> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // Post.parentId has no index, so letting the cascade null every reply's parent one deleted row at
    // a time scans the table per row (minutes for 11,000 posts): unlink them in one statement first.
    await client.query(
      `UPDATE "Post" SET "parentId" = NULL WHERE "parentId" IS NOT NULL AND "threadId" IN
         (SELECT t."id" FROM "Thread" t JOIN "Space" s ON s."id" = t."spaceId" WHERE s."slug" = $1)`,
      [BENCH_SPACE_SLUG],
    )
    await client.query(`DELETE FROM "Space" WHERE "slug" = $1`, [BENCH_SPACE_SLUG])
    await client.query(`DELETE FROM "User" WHERE "email" LIKE $1`, [`%@${EMAIL_DOMAIN}`])
    await client.query(`DELETE FROM "RateLimitBucket" WHERE "key" LIKE 'post:%'`)

    const userCount = AUTHORS + 1 + POSTERS
    const { rows: users } = await client.query<{ id: string; i: number }>(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash", "emailVerifiedAt", "locale", "discussionEmail", "updatedAt")
       SELECT 'c' || substr(md5('bench-user:' || i), 1, 24), 'bench-' || i || '@${EMAIL_DOMAIN}',
              CASE WHEN i <= $2 THEN ($3::text[])[i] ELSE 'Katılımcı ' || i END,
              '!bench: sign-in disabled', now(), 'tr', 'NONE', now()
       FROM generate_series(1, $1::int) AS i
       RETURNING "id", substr("email", 7, strpos("email", '@') - 7)::int AS i`,
      [userCount, NAMES.length, NAMES],
    )
    users.sort((a, b) => a.i - b.i)
    const tokens = users.map(() => token())
    await client.query(
      `INSERT INTO "Session" ("id", "userId", "expiresAt") SELECT h, u, now() + interval '30 days' FROM unnest($1::text[], $2::text[]) AS x(h, u)`,
      [tokens.map(sessionHash), users.map((u) => u.id)],
    )
    const withCookie = users.map((u, i) => ({ id: u.id, cookie: `${SESSION_COOKIE}=${tokens[i]}` }))

    const {
      rows: [space],
    } = await client.query<{ id: string }>(
      `INSERT INTO "Space" ("id", "slug", "nameTr", "nameEn", "descriptionTr", "descriptionEn", "visibility", "updatedAt")
       VALUES ('c' || substr(md5(random()::text), 1, 24), $1, 'Açık kürsü (ölçüm)', 'Open floor (benchmark)',
               'Herkesin okuyabildiği bir alan.', 'A space anyone can read.', 'PUBLIC', now())
       RETURNING "id"`,
      [BENCH_SPACE_SLUG],
    )
    const bodies = BODIES.map((source) => {
      const body = `${source}\n\n_#{n}_`
      return { body, html: renderMarkdown(body).html }
    })
    const authorIds = withCookie.slice(0, AUTHORS).map((u) => u.id)
    const small = await insertThread(client, space.id, authorIds, 'Gönüllü koordinasyonu: deneyimlerimizi paylaşalım', 1001, bodies)
    const large = await insertThread(client, space.id, authorIds, 'Büyük tartışma: sivil alanın geleceği', 10_000, bodies)
    await client.query(`UPDATE "Space" SET "threadCount" = 2, "postCount" = $2, "lastActivityAt" = now() WHERE "id" = $1`, [
      space.id,
      small.posts + large.posts,
    ])
    await client.query('COMMIT')
    await client.query('ANALYZE "Post"; ANALYZE "Thread"; ANALYZE "Session"; ANALYZE "User"')
    return { spaceId: space.id, small, large, reader: withCookie[AUTHORS], posters: withCookie.slice(AUTHORS + 1) }
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {})
    throw e
  } finally {
    client.release()
    await pool.end()
  }
}

if (import.meta.main) {
  const { openBenchDatabase } = await import('./lib.ts')
  const database = await openBenchDatabase(console.log)
  try {
    const t0 = performance.now()
    const data = await createDiscussionData(database.url)
    console.log(`written in ${Math.round(performance.now() - t0)} ms:`, {
      small: data.small,
      large: data.large,
      reader: data.reader,
      posters: data.posters.length,
    })
  } finally {
    await database.stop()
  }
}
