/**
 * A process that writes through the real posting code and is killed (SIGKILL) right after its last
 * commit, before anything handles the events: the outbox test's crash between commit and fan-out. It
 * runs no dispatcher, so the nudge after each commit reaches no one, as in a web process with WORKER=0.
 *
 *   node --import tsx tests/support/outbox-crash-child.ts '<json: { spaceId, authorId, replies: [{ userId, body }] }>'
 * Prints one JSON line with what it wrote, then dies.
 */
import { randomUUID } from 'node:crypto'
import { loadActor } from '../../app/modules/auth/session.server.ts'
import { createReply, createThread } from '../../app/modules/discussions/posting.server.ts'

const plan = JSON.parse(process.argv[2]) as {
  spaceId: string
  authorId: string
  opening: string
  replies: { userId: string; body: string }[]
}
const actor = async (id: string) => (await loadActor(id)) ?? process.exit(2)

const thread = await createThread(await actor(plan.authorId), {
  spaceId: plan.spaceId,
  title: 'Written just before a crash',
  body: plan.opening,
  clientKey: randomUUID(),
})
const replies = []
for (const r of plan.replies)
  replies.push(await createReply(await actor(r.userId), { threadId: thread.threadId, body: r.body, clientKey: randomUUID() }))
process.stdout.write(`${JSON.stringify({ threadId: thread.threadId, replies: replies.map((r) => r.postId) })}\n`, () =>
  process.kill(process.pid, 'SIGKILL'),
)
