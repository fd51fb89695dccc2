/** Failures the entry points report as one sentence (no stack trace): the person can fix them. */
export class DatabaseUnreachableError extends Error {}

/** The embedded PostgreSQL cannot run here as things stand; the message says what to do. */
export class EmbeddedDatabaseError extends DatabaseUnreachableError {}
