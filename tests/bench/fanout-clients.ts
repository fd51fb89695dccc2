/**
 * The fan-out benchmark's audience, in a process of its own (so the server under test does not share
 * an event loop with it): N Socket.io clients over WebSocket, all joined to one room. The parent
 * (fanout.ts) talks to it over IPC:
 *   parent → {type: 'round', round}   child → {type: 'ready'} once every client has joined
 *   child → {type: 'round', round, times: number[], missing}  when every client got the round's event
 * Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()), the
 * same clock the parent reads.
 */
import { io, type Socket } from 'socket.io-client'

const url = process.env.FANOUT_URL!
const room = process.env.FANOUT_ROOM!
const event = process.env.FANOUT_EVENT ?? 'thread:event'
const clients = Number(process.env.FANOUT_CLIENTS ?? 1000)
const roundTimeoutMs = Number(process.env.FANOUT_ROUND_TIMEOUT_MS ?? 10_000)
const BATCH = 50

const send = (m: unknown) => process.send!(m)
const clock = () => performance.timeOrigin + performance.now()

let round = -1
let times: number[] = []
let got = new Set<number>()
let timer: NodeJS.Timeout | undefined

function finish() {
  clearTimeout(timer)
  send({ type: 'round', round, times, missing: clients - got.size })
  round = -1
}

function onEvent(index: number) {
  if (round < 0 || got.has(index)) return
  got.add(index)
  times.push(clock())
  if (got.size === clients) finish()
}

async function connect(index: number): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 })
  socket.on(event, () => onEvent(index))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  const ack = await socket.timeout(20_000).emitWithAck('join', room)
  if (!ack?.ok) throw new Error(`joining ${room} was refused: ${JSON.stringify(ack)}`)
  return socket
}

const sockets: Socket[] = []
try {
  for (let i = 0; i < clients; i += BATCH) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, clients - i) }, (_, j) => connect(i + j)))))
  }
  send({ type: 'ready' })
} catch (e) {
  send({ type: 'error', message: (e as Error).message })
}

process.on('message', (m: { type: string; round: number }) => {
  if (m.type === 'round') {
    round = m.round
    times = []
    got = new Set()
    timer = setTimeout(finish, roundTimeoutMs)
  } else if (m.type === 'stop') {
    for (const s of sockets) s.close()
    process.exit(0)
  }
})
process.on('disconnect', () => process.exit(0))
