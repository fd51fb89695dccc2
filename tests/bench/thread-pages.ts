/**
 * Thread page requests/s: the first page of the 1,001-post thread and a page deep inside the
 * 10,000-post thread, signed out and signed in (a real session cookie), against a running production
 * server, each as a ratio to the bare Node baseline of the same run.
 */
import type { DiscussionData } from './discussion-data.ts'
import { measure, row, type Throughput, type ThroughputOptions } from './throughput.ts'

export async function threadPages(app: string, data: DiscussionData, baseline: number, options: ThroughputOptions): Promise<Throughput[]> {
  const log = options.log ?? console.log
  const deep = Math.max(1, Math.round(data.large.pages * 0.7))
  // Signed in, `/threads/:id` without a page jumps to the first unread post (a redirect once the reader
  // has read page 1), so the signed-in runs name their page.
  const targets: [name: string, path: string, cookie?: string][] = [
    [`thread 1,001 posts, page 1 (signed out)`, `/threads/${data.small.id}`],
    [`thread 1,001 posts, page 1 (signed in)`, `/threads/${data.small.id}?page=1`, data.reader.cookie],
    [`thread 10,000 posts, page ${deep}/${data.large.pages} (signed out)`, `/threads/${data.large.id}?page=${deep}`],
    [`thread 10,000 posts, page ${deep}/${data.large.pages} (signed in)`, `/threads/${data.large.id}?page=${deep}`, data.reader.cookie],
  ]
  const rows: Throughput[] = []
  for (const [name, path, cookie] of targets) {
    const check = await fetch(app + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
    await check.arrayBuffer()
    if (check.status !== 200) throw new Error(`GET ${path} answered ${check.status}, not 200: is the thread page there?`)
    log(`throughput: ${name} …`)
    rows.push(row(`GET ${name}`, await measure(app + path, options, cookie ? { cookie } : {}), baseline))
  }
  return rows
}
