/**
 * Link previews (issue 10): a post's lone links (links.server.ts) get a card with the page's site name,
 * title and description. Never fetched in a request:
 *
 * 1. the outbox handler of the post's event (created, approved, edited) links the post to its previews
 *    (`LinkPreview`, one row per normalized URL, shared by every post) and, when one is new or stale,
 *    writes a `link.preview` job in the same transaction (`linkPostPreviews`);
 * 2. the job fetches through the SSRF guard (fetch.server.ts), stores the card or why there is none, and
 *    publishes `post.changed` with change `preview`: the post's readers get it re-rendered per audience
 *    through `thread:posts`, like any other change (decision 017).
 *
 * The thread page and the pushes read the cards with the post row (post-rows.server.ts), OK ones only.
 */
import type { PgBoss } from 'pg-boss'
import { db, type Tx } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import { publish } from '~/modules/events/bus.server'
import { enqueue, enqueueWithin, QUEUES } from '~/modules/jobs/queue.server'
import { FetchFailed, fetchPage, type FetchOptions } from './fetch.server'
import { previewUrls } from './links.server'
import { parseMeta } from './parse.server'

/** A card is fetched again when a post links it this long after it was fetched. */
export const PREVIEW_TTL_MS = 7 * 24 * 3600_000
/** A page that gave no card is tried again sooner: it may have been down for a moment. */
export const FAILED_TTL_MS = 3600_000

/**
 * How the job fetches. Production: the defaults (system DNS, public addresses only). Tests and the e2e
 * harness pass `allow` in code (startApp's `linkPreviews`, or the job's own options): never from the
 * environment, so no setting can open the inside of a deployment.
 */
export const previewFetchConfig = singleton('link-preview-config', (): { options: FetchOptions } => ({ options: {} }))

type PreviewState = { status: 'PENDING' | 'OK' | 'FAILED'; fetchedAt: Date | null }

export function isStale(p: PreviewState, now = Date.now()) {
  if (p.status === 'PENDING' || !p.fetchedAt) return true
  return now - p.fetchedAt.getTime() > (p.status === 'OK' ? PREVIEW_TTL_MS : FAILED_TTL_MS)
}

/**
 * In the outbox handler's transaction: points the post at the previews of its lone links (none for a
 * deleted or not-yet-visible post) and writes the job that fetches what is missing or stale. The job
 * also runs when the list changed with nothing to fetch, to push the post with its new cards.
 */
export async function linkPostPreviews(tx: Tx, postId: string) {
  const post = await tx.post.findUnique({ where: { id: postId }, select: { body: true, status: true, deletedAt: true } })
  if (!post) return
  const urls = post.deletedAt || post.status !== 'VISIBLE' ? [] : previewUrls(post.body)
  const before = await tx.postLinkPreview.findMany({
    where: { postId },
    orderBy: { position: 'asc' },
    select: { preview: { select: { url: true, status: true, fetchedAt: true } } },
  })
  const same = before.length === urls.length && before.every((b, i) => b.preview.url === urls[i])
  if (same && !before.some((b) => isStale(b.preview))) return
  if (urls.length) await tx.linkPreview.createMany({ data: urls.map((url) => ({ url })), skipDuplicates: true })
  const previews = urls.length ? await tx.linkPreview.findMany({ where: { url: { in: urls } }, select: { id: true, url: true } }) : []
  const idOf = new Map(previews.map((p) => [p.url, p.id]))
  await tx.postLinkPreview.deleteMany({ where: { postId } })
  if (urls.length)
    await tx.postLinkPreview.createMany({ data: urls.map((url, position) => ({ postId, position, previewId: idOf.get(url)! })) })
  // Keyed by the post: a job already waiting reads the post as it is when it runs, so one is enough.
  if (!(await enqueueWithin(tx, QUEUES.linkPreview, { postId }, { singletonKey: postId }))) {
    // pg-boss is still starting in this process (once, for about a second; the worker starts it before
    // the dispatcher, so only a process that handles events without running jobs gets here). The job
    // goes in once it has started, a second after this transaction; it reads the links when it runs. A
    // preview lost to a crash in that second waits for the post's next edit; the post's notifications
    // (same transaction) must not wait for a job queue.
    setTimeout(() => void enqueue(QUEUES.linkPreview, { postId }, { singletonKey: postId }), 1_000).unref()
  }
}

/** Fetches one preview and stores the card, or why there is none. */
export async function refreshPreview(preview: { id: string; url: string }, options: FetchOptions = previewFetchConfig.options) {
  const fetchedAt = new Date()
  try {
    const page = await fetchPage(preview.url, options)
    const meta = parseMeta(page.html)
    if (!meta.title && !meta.description) {
      await db.linkPreview.update({ where: { id: preview.id }, data: { status: 'FAILED', failureReason: 'no-metadata', fetchedAt } })
      return 'FAILED' as const
    }
    await db.linkPreview.update({ where: { id: preview.id }, data: { status: 'OK', ...meta, failureReason: null, fetchedAt } })
    return 'OK' as const
  } catch (e) {
    if (!(e instanceof FetchFailed)) throw e
    await db.linkPreview.update({
      where: { id: preview.id },
      data: { status: 'FAILED', siteName: null, title: null, description: null, failureReason: e.message.slice(0, 500), fetchedAt },
    })
    return 'FAILED' as const
  }
}

/**
 * The `link.preview` job: fetches the post's stale previews one after another (a post has at most three)
 * and pushes the post to its readers. A fetch failure is stored, not thrown; a database error retries.
 */
export async function runPreviewJob(postId: string, options: FetchOptions = previewFetchConfig.options) {
  const links = await db.postLinkPreview.findMany({
    where: { postId },
    orderBy: { position: 'asc' },
    select: { preview: { select: { id: true, url: true, status: true, fetchedAt: true } } },
  })
  for (const { preview } of links) if (isStale(preview)) await refreshPreview(preview, options)
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, number: true, threadId: true, status: true, thread: { select: { spaceId: true } } },
  })
  if (!post || post.status !== 'VISIBLE') return
  publish('post.changed', {
    spaceId: post.thread.spaceId,
    threadId: post.threadId,
    postId: post.id,
    number: post.number,
    change: 'preview',
  })
}

export async function registerPreviewJobs(boss: PgBoss, options?: FetchOptions) {
  if (options) previewFetchConfig.options = options
  // Two at a time: a slow site (5 s at most) does not hold up every other post's cards.
  await boss.work<{ postId: string }>(
    QUEUES.linkPreview,
    { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 1 },
    async ([job]) => {
      await runPreviewJob(job.data.postId)
    },
  )
}
