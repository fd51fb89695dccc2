/**
 * One instance per process, shared between the Remix build and the server/ code that tsx loads
 * separately (both import these modules; globalThis makes them meet).
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
