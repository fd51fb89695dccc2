/**
 * "Until lifted" is stored as a date far in the future rather than a separate flag: every check reads
 * "suspended" as `suspendedUntil > now`, so nothing else needs to know.
 */
export const INDEFINITE_UNTIL = new Date('9999-12-31T00:00:00.000Z')

export const isIndefinite = (until: Date | string) => new Date(until).getUTCFullYear() >= 9999

export const isSuspended = (until: Date | string | null | undefined) => !!until && new Date(until).getTime() > Date.now()

/** The lengths an admin can choose (shared with the form, so not in a .server module). */
export const SUSPENSION_DURATIONS = ['1d', '7d', '30d', 'indefinite'] as const
export type SuspensionDuration = (typeof SUSPENSION_DURATIONS)[number]
