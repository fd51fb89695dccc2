/**
 * npm run secrets:rotate -- <name>    give a server secret a new value (DATABASE_URL or the embedded DB)
 *
 * What was signed with the value before keeps working until the next rotation; rotate twice to retire
 * it at once (e.g. after a leak).
 */
import { disconnectDb } from '../../app/lib/db.server.ts'
import { rotateSecret, SECRET_NAMES } from '../../app/modules/secrets/secrets.server.ts'
import { DatabaseUnreachableError, withDatabase } from '../db/db-boot.ts'

const [command, name] = process.argv.slice(2)
const known = (n: string | undefined): n is (typeof SECRET_NAMES)[number] => SECRET_NAMES.some((s) => s === n)

if (command !== 'rotate' || !known(name)) {
  console.error(`usage: npm run secrets:rotate -- <${SECRET_NAMES.join('|')}>`)
  process.exitCode = 1
} else {
  await withDatabase(async (url) => {
    try {
      await rotateSecret(name)
    } catch (e) {
      // P2021: the table is missing; the server (or db:migrate) makes it.
      if ((e as { code?: string }).code !== 'P2021') throw e
      throw new DatabaseUnreachableError(
        `The database at ${new URL(url).host} has no secrets table yet: run npm run db:migrate (or start the server once) first.`,
      )
    } finally {
      await disconnectDb()
    }
    console.log(
      `Rotated the ${name} secret: new links are signed with the new value, links signed before stay valid until the next ` +
        'rotation, and running servers switch within a minute.',
    )
  })
}
