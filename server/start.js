/**
 * `npm start`, `npm run serve`, `npm run worker`: runs the compiled server with plain node — no
 * TypeScript at run time. `node server/start.js [web|worker]`; the build is `$BUILD_DIR/index.js`
 * (scripts/build.js makes it). A separate file, so that inside the bundle `import.meta.main` stays false.
 */
import { existsSync } from 'node:fs'
import { enableCompileCache } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const file = path.resolve(import.meta.dirname, '..', process.env.BUILD_DIR || 'build', 'index.js')
if (!existsSync(file)) {
  console.error(`\n✖ ${path.relative(process.cwd(), file)} is missing: run \`npm run build\` first (\`npm start\` builds when needed).\n`)
  process.exit(1)
}
// V8's compiled code for the bundle and node_modules, kept between starts: a restart skips most parsing.
enableCompileCache(path.resolve(import.meta.dirname, '..', '.cache', 'node-compile'))
const { main } = await import(pathToFileURL(file).href)
await main(process.argv[2])
