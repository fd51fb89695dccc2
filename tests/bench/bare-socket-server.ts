/**
 * The fan-out baseline: a bare Socket.io server that lets any socket join any room and, on
 * `POST /broadcast?room=…`, emits the request's JSON body to that room as `thread:event` — what the
 * app does after a reply, minus the application.
 */
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (req.method === 'POST' && url.pathname === '/broadcast') {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      io.to(url.searchParams.get('room') ?? '').emit('thread:event', JSON.parse(Buffer.concat(chunks).toString() || '{}'))
      res.writeHead(204).end()
    })
    return
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
})
const io = new Server(server, { serveClient: false })
io.on('connection', (socket) => {
  socket.on('join', async (room: string, ack?: (r: { ok: boolean }) => void) => {
    await socket.join(room)
    ack?.({ ok: true })
  })
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'))
process.on('SIGTERM', () => {
  io.close()
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
