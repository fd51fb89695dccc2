/** `npm start`: run birlikte until SIGTERM/SIGINT, then shut down gracefully. */
import closeWithGrace from 'close-with-grace'
import { DatabaseUnreachableError } from './db/db-boot.ts'
import { startApp } from './app-server.ts'

try {
  const app = await startApp()
  closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
    if (err) console.error(err)
    await app.close(signal ?? (err ? 'error' : 'exit'))
  })
} catch (e) {
  if (e instanceof DatabaseUnreachableError) console.error(`\n✖ ${e.message}\n`)
  else console.error(e)
  process.exit(1)
}
