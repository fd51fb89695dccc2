/**
 * Prisma sends a transaction's queries without waiting for each other (its query interpreter runs a
 * nested write's parts, and the schema engine its reads, side by side). pg queues them on the
 * transaction's one connection itself but warns that pg 9 will stop doing so. Here they go one at a
 * time per transaction, as pg will require; outside transactions the pool spreads queries as before.
 * Patched once on the driver adapter's shared prototype.
 */
type Queryable = { performIO(q: unknown): Promise<unknown> } & { __serialPatched?: boolean }

export function serializeTransactionQueries(adapter: object) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable
  if (proto.__serialPatched) return
  const original = proto.performIO
  const busy = new WeakMap<object, Promise<unknown>>()
  proto.performIO = function (this: Queryable, q: unknown) {
    if (this.constructor.name !== 'PgTransaction') return original.call(this, q)
    const next = (busy.get(this) ?? Promise.resolve()).then(() => original.call(this, q))
    busy.set(
      this,
      next.catch(() => {}),
    )
    return next
  }
  proto.__serialPatched = true
}
