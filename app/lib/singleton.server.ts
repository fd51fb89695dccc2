/**
 * One instance per process. The production server is one module graph (server/ bundled with the app,
 * docs/decisions/015-runtime-and-cluster.md), where a module-level value would do; but the tests load
 * app modules from source beside that bundle (factories, the bus), so the instance lives on globalThis,
 * where both copies of a module meet.
 */
export function singleton<T>(name: string, create: () => T): T {
  const g = globalThis as unknown as { __birlikte?: Record<string, unknown> }
  g.__birlikte ??= {}
  g.__birlikte[name] ??= create()
  return g.__birlikte[name] as T
}

export function resetSingleton(name: string) {
  const g = globalThis as unknown as { __birlikte?: Record<string, unknown> }
  if (g.__birlikte) delete g.__birlikte[name]
}
