/** What an admin decision returns: done, or a translation key saying why not and the HTTP status to answer. */
export type Decision<T = object> = ({ ok: true } & T) | { ok: false; error: string; status: 403 | 404 | 409 }

export const refused = (error: string, status: 403 | 404 | 409 = 403) => ({ ok: false as const, error, status })
