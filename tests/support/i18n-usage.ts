/**
 * Which translation namespaces a module can ask for: every "namespace.key" string literal (also the
 * start of a template, `common.nav.${…}`) in the module and everything it imports from app/, followed
 * transitively. Server modules count too: their keys reach the page as action data (validation messages).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { resources } from '../../app/locales/index.ts'
import { NAMESPACES } from '../../app/locales/namespaces.ts'

type Dict = { [k: string]: string | Dict }
const keys = (d: Dict, prefix = ''): string[] =>
  Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : [`${prefix}${k}.`, ...keys(v, `${prefix}${k}.`)]))
const KNOWN = keys(resources.en as unknown as Dict)
const KNOWN_SET = new Set(KNOWN.map((k) => k.replace(/_(one|other|zero|few|many|two)$/, '')))

/** A dictionary key, or the start of some (a template); not a policy rule such as 'admin.access'. */
function isKey(text: string, template: boolean) {
  return template ? KNOWN.some((k) => k.startsWith(text)) : KNOWN_SET.has(text) || KNOWN_SET.has(`${text}.`)
}

const APP = path.resolve(import.meta.dirname, '../../app')
// A literal key ('ns.a.b') or the start of a template key (`ns.a.${…}`).
const KEY = new RegExp(`['"\`]((${NAMESPACES.join('|')})\\.[\\w.]+?)(['"\`]|\\$\\{)`, 'g')
const RULE_ARGUMENT = /\b(?:can|requireCan)\([^(),]*,\s*'[\w.]+'/g
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('~/') ? path.join(APP, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null
  if (!base || base.startsWith(path.join(APP, 'generated')) || base.startsWith(path.join(APP, 'locales'))) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

/** The namespaces used by `file` and every app module it imports, with the files that use each. */
export function namespacesUsed(file: string, options: { serverModules?: boolean } = {}): Set<string> {
  const seen = new Set<string>()
  const used = new Set<string>()
  const visit = (f: string) => {
    if (seen.has(f)) return
    seen.add(f)
    if (options.serverModules === false && /\.server\.tsx?$/.test(f)) return
    const src = readFileSync(f, 'utf8')
    // Policy rules are named like keys ('moderation.queue'): the rule list and can()/requireCan() name rules.
    const text = f.endsWith(path.join('lib', 'policy.ts')) ? '' : src.replace(RULE_ARGUMENT, '')
    for (const m of text.matchAll(KEY)) if (isKey(m[1], m[3] === '${')) used.add(m[2])
    for (const m of src.matchAll(IMPORT)) {
      const next = resolveImport(f, m[1] ?? m[2])
      if (next) visit(next)
    }
  }
  visit(path.resolve(file))
  return used
}
