/**
 * What one API endpoint is: its method and path, who may call it, zod schemas for every input and for
 * its answer, and the function that answers. The request wrapper validates with these schemas and the
 * OpenAPI document is generated from them, so the two cannot drift.
 */
import type { Locale } from '~/lib/i18n'
import type { Actor } from '~/lib/policy'
import type { z } from '~/lib/validation'
import type { Auth, AuthUser } from '~/modules/auth/session.server'
import type { ErrorCode } from './errors.server'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type AuthMode = 'optional' | 'required'
type AnyObject = z.ZodObject
type Out<S> = S extends z.ZodType ? z.output<S> : undefined

export interface HandlerContext<P, Q, B, A extends AuthMode> {
  request: Request
  locale: Locale
  auth: Auth
  user: A extends 'required' ? AuthUser : AuthUser | null
  actor: A extends 'required' ? Actor : Actor | null
  params: P
  query: Q
  body: B
}

/** A non-200 success (or a 503 from health): the body is still checked against the response schema. */
export class Reply<T> {
  constructor(
    public status: number,
    public body: T,
    public headers: Record<string, string> = {},
  ) {}
}
export const reply = <T>(status: number, body: T, headers?: Record<string, string>) => new Reply(status, body, headers)

interface EndpointCommon {
  /** the OpenAPI operationId */
  id: string
  method: Method
  /** relative to /api/v1, with OpenAPI path templates: "/organizations/{slug}" */
  path: string
  /** a translation key: English in the OpenAPI document, the reader's language on /api */
  summary: string
  description?: string
  tags: string[]
  auth: AuthMode
  /** error codes this endpoint answers beyond the ones every endpoint can (401, 429, 500) and the ones its inputs imply */
  errors?: ErrorCode[]
  /** how long clients may cache a success, in seconds; omitted = never (no-store) */
  maxAge?: number
  /** other statuses answered with the response schema (a key for their description), e.g. health's 503 */
  otherStatuses?: Record<number, string>
}

export interface EndpointSpec<
  P extends AnyObject | undefined,
  Q extends AnyObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  A extends AuthMode,
> extends EndpointCommon {
  auth: A
  params?: P
  query?: Q
  body?: B
  response: R
  handler: (ctx: HandlerContext<Out<P>, Out<Q>, Out<B>, A>) => Promise<z.input<R> | Reply<z.input<R>>>
}

/** An endpoint with its types erased, as the wrapper and the OpenAPI generator see it. */
export interface Endpoint extends EndpointCommon {
  params?: AnyObject
  query?: AnyObject
  body?: z.ZodType
  response: z.ZodType
  run: (ctx: HandlerContext<unknown, unknown, unknown, AuthMode>) => Promise<unknown>
}

export function defineEndpoint<
  R extends z.ZodType,
  A extends AuthMode,
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: EndpointSpec<P, Q, B, R, A>): Endpoint {
  const { handler, ...rest } = spec
  return {
    ...rest,
    // Safe: the wrapper only calls this with inputs parsed by these very schemas and, for 'required',
    // with a signed-in user.
    run: (ctx) => handler(ctx as HandlerContext<Out<P>, Out<Q>, Out<B>, A>),
  }
}
