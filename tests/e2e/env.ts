/** Where serve.ts tells the tests what it started (read by fixtures.ts once the server is up). */
import path from 'node:path'

// E2E_DIR lets several runs (one per build) coexist on one machine.
export const E2E_DIR = path.resolve(import.meta.dirname, '../..', process.env.E2E_DIR ?? 'data/e2e')
export const ENV_FILE = path.join(E2E_DIR, 'env.json')

export interface E2eEnv {
  databaseUrl: string
  /** GET {mailApiUrl}/messages?to=address → CaughtMail[] */
  mailApiUrl: string
  appUrl: string
  /** a local page server for link previews (GET /{name} → a page with OpenGraph tags), allowed for this run only */
  previewPagesUrl: string
}
