/**
 * End-to-end tests in the system Chromium against the built app, started once by tests/e2e/serve.ts
 * with its own database, demo data and a real SMTP catcher (tests/e2e/README.md).
 */
import { defineConfig, devices } from '@playwright/test'

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// 127.0.0.1 rather than localhost: the server listens on IPv4 loopback only.
const baseURL = `http://127.0.0.1:${E2E_PORT}`

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties outputDir at start: keep it away from test-results/vitest.json.
  outputDir: process.env.E2E_ARTIFACTS ?? 'test-results/e2e-artifacts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Two workers keep a 2-core CI machine busy without starving the server they share.
  workers: 2,
  // Generous: the audits visit many pages, and a 2-core CI machine runs browser and server side by side.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // CI ends even if something hangs (the suite takes some 10 minutes on 2 cores).
  globalTimeout: process.env.CI ? 25 * 60_000 : undefined,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/playwright.json' }]],
  use: {
    baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/Istanbul',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        locale: 'en-GB',
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // tsx straight from node_modules: no npm layer between Playwright's signals and the server. tsx runs
    // the harness (database, SMTP catcher); the app it starts is the compiled server of $BUILD_DIR.
    command: 'node_modules/.bin/tsx tests/e2e/serve.ts',
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(E2E_PORT) },
    // A fresh machine creates the PostgreSQL cluster, migrates and seeds before the first answer.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
})
