/**
 * `npm test`: make sure Chromium is there, build, run the gate (type check, ESLint, Prettier), vitest and
 * then Playwright (all of them, whatever the others did), and end with one line adding up the gate and
 * both JSON reports: `N passed, N failed, N skipped`. Exits non-zero when a check or test failed, a runner
 * crashed or left no report, a Playwright test only passed on retry (flaky), or a security test skipped.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
const VITEST_REPORT = path.join(ROOT, 'test-results/vitest.json')
const PLAYWRIGHT_REPORT = path.join(ROOT, 'test-results/playwright.json')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

interface Counts {
  passed: number
  failed: number
  skipped: number
}

const say = (line: string) => console.log(`\n▶ ${line}`)

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.error) console.error(`✖ could not run ${command}: ${result.error.message}`)
  return result.status ?? 1
}

const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true
  if (process.getuid?.() === 0) {
    say(`Chromium is missing at ${CHROMIUM}; installing it with apt-get (this machine runs as root)`)
    const env = { DEBIAN_FRONTEND: 'noninteractive' }
    if (run('apt-get', ['update'], env) === 0 && run('apt-get', ['install', '-y', 'chromium'], env) === 0 && existsSync(CHROMIUM))
      return true
    console.error(`✖ apt-get could not install Chromium at ${CHROMIUM}.`)
    return false
  }
  console.error(
    [
      `✖ The end-to-end tests need Chromium at ${CHROMIUM}, and it is not there.`,
      '  Install it, then run npm test again:',
      '    Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
      '  or point CHROMIUM_PATH at an existing Chromium/Chrome binary:',
      '    CHROMIUM_PATH=/path/to/chromium npm test',
    ].join('\n'),
  )
  return false
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

interface VitestReport {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string; fullName?: string }[] }[]
}

/** Tests that guard a trust boundary: a skip there is a hole nobody sees, so it counts as a failure. */
const SECURITY_TESTS = ['tests/integration/security/', 'app/lib/policy.test.ts', 'tests/e2e/xss.spec.ts']
const isSecurityTest = (file: string) => SECURITY_TESTS.some((p) => path.relative(ROOT, path.resolve(ROOT, file)).startsWith(p))

/** A file that failed to load has no failing test, but it failed: count it once. */
function vitestCounts(report: VitestReport): Counts {
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'))
  for (const f of brokenFiles)
    console.error(`✖ vitest: ${path.relative(ROOT, f.name)} failed outside its tests: ${(f.message ?? '').split('\n')[0]}`)
  let securitySkips = 0
  for (const f of report.testResults.filter((f) => isSecurityTest(f.name)))
    for (const a of f.assertionResults.filter((a) => a.status === 'pending' || a.status === 'skipped' || a.status === 'todo')) {
      console.error(`✖ vitest: a security test was skipped: ${path.relative(ROOT, f.name)} › ${a.fullName ?? '?'}`)
      securitySkips++
    }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length + securitySkips,
    skipped: report.numPendingTests + report.numTodoTests - securitySkips,
  }
}

interface PlaywrightSpec {
  title: string
  file: string
  tests: { status: 'expected' | 'unexpected' | 'flaky' | 'skipped' }[]
}
interface PlaywrightSuite {
  specs?: PlaywrightSpec[]
  suites?: PlaywrightSuite[]
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number; interrupted?: number }
  errors: { message?: string }[]
  suites?: PlaywrightSuite[]
}

function* specsOf(suites: PlaywrightSuite[] = []): Generator<PlaywrightSpec> {
  for (const s of suites) {
    yield* s.specs ?? []
    yield* specsOf(s.suites)
  }
}

/**
 * A flaky test (it failed, then passed on retry) counts as failed: it is a bug in the test or the app,
 * and the retry is there only to tell the two apart in the report. Global errors (a server that would
 * not start) fail, and so does a skipped security test.
 */
function playwrightCounts(report: PlaywrightReport): Counts {
  const { expected, unexpected, flaky, skipped, interrupted = 0 } = report.stats
  for (const e of report.errors) console.error(`✖ playwright: ${(e.message ?? '').split('\n')[0]}`)
  let securitySkips = 0
  for (const spec of specsOf(report.suites)) {
    for (const t of spec.tests) {
      if (t.status === 'flaky') console.error(`✖ playwright: flaky (failed, then passed on retry): ${spec.file} › ${spec.title}`)
      if (t.status === 'skipped' && isSecurityTest(spec.file.startsWith('tests/') ? spec.file : path.join('tests/e2e', spec.file))) {
        console.error(`✖ playwright: a security test was skipped: ${spec.file} › ${spec.title}`)
        securitySkips++
      }
    }
  }
  return {
    passed: expected,
    failed: unexpected + flaky + interrupted + report.errors.length + securitySkips,
    skipped: skipped - securitySkips,
  }
}

/** The gate before the tests: each check counts as one test in the closing line. */
function gate(): Counts {
  const checks: [string, string, string[]][] = [
    ['Type check (tsc)', bin('tsc'), ['--noEmit']],
    ['Lint (ESLint: typescript-eslint, jsx-a11y, hooks)', bin('eslint'), ['.', '--max-warnings', '0']],
    ['Formatting (Prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ]
  const counts = { passed: 0, failed: 0, skipped: 0 }
  for (const [name, command, args] of checks) {
    say(name)
    if (run(command, args) === 0) counts.passed++
    else {
      console.error(`✖ ${name} failed`)
      counts.failed++
    }
  }
  return counts
}

function collect<R>(name: string, exitCode: number, file: string, count: (report: R) => Counts): Counts {
  const report = readJson(file) as R | undefined
  if (!report) {
    console.error(`✖ ${name} left no readable report at ${path.relative(ROOT, file)} (exit code ${exitCode}); counted as 1 failure.`)
    return { passed: 0, failed: 1, skipped: 0 }
  }
  const counts = count(report)
  if (exitCode !== 0 && counts.failed === 0) {
    // e.g. an unhandled error after the tests, which vitest reports only through its exit code
    console.error(`✖ ${name} exited with code ${exitCode} without reporting a failed test; counted as 1 failure.`)
    counts.failed = 1
  }
  return counts
}

function main(): number {
  const line = (c: Counts) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`
  const started = Date.now()

  // Nothing runs without a browser: better to stop at once with how to get one.
  if (!ensureChromium()) return 1

  say('Building (npm run build)')
  if (run('npm', ['run', 'build']) !== 0) {
    console.error('✖ The build failed, so no tests ran; counted as 1 failure.')
    console.log(line({ passed: 0, failed: 1, skipped: 0 }))
    return 1
  }

  // A report left over from an earlier run must never stand in for this one.
  for (const file of [VITEST_REPORT, PLAYWRIGHT_REPORT]) rmSync(file, { force: true })

  const g = gate()

  say('Unit and integration tests (vitest)')
  const vitestExit = run(bin('vitest'), ['run'])

  say('End-to-end tests in Chromium (Playwright)')
  const playwrightExit = run(bin('playwright'), ['test'])

  const v = collect<VitestReport>('vitest', vitestExit, VITEST_REPORT, vitestCounts)
  const p = collect<PlaywrightReport>('Playwright', playwrightExit, PLAYWRIGHT_REPORT, playwrightCounts)
  const total = { passed: g.passed + v.passed + p.passed, failed: g.failed + v.failed + p.failed, skipped: v.skipped + p.skipped }
  console.log(`\ngate: ${line(g)} · vitest: ${line(v)} · Playwright: ${line(p)} · ${Math.round((Date.now() - started) / 1000)} s`)
  console.log(line(total))
  return total.failed > 0 ? 1 : 0
}

process.exitCode = main()
