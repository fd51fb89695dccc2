import { data } from '@remix-run/node'
import { ForbiddenError } from './policy'

export const notFound = () => new Response('Not Found', { status: 404 })

/** Runs a loader/action body, turning a policy refusal into a 403 the error boundary translates. */
export function forbidden() {
  return data(null, { status: 403 })
}

export function rethrowAsResponse(e: unknown): never {
  if (e instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
  throw e
}

export function pageParam(url: URL, max = 10_000) {
  const n = Number(url.searchParams.get('page') ?? '1')
  return Number.isInteger(n) && n >= 1 && n <= max ? n : 1
}
