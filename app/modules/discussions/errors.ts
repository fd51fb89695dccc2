/**
 * A rule of discussions that a request broke (a locked thread, an unknown parent, too many posts):
 * `key` is a translation key, `field` the form field it belongs to ('_form' for the whole form).
 */
export class DiscussionError extends Error {
  constructor(
    public key: string,
    public field = '_form',
    public status = 400,
    public vars?: Record<string, string | number>,
  ) {
    super(key)
    this.name = 'DiscussionError'
  }
}

/** A safe space the reader may enter once they accept its rules: pages send them to the rules first. */
export class RulesFirstError extends Error {
  constructor(public spaceSlug: string) {
    super('rules first')
    this.name = 'RulesFirstError'
  }
}

/** Input that failed its schema: every field's messages, as a form shows them. */
export class DiscussionInputError extends Error {
  constructor(public errors: Record<string, { key: string; vars?: Record<string, string | number | undefined | null> }[]>) {
    super('invalid input')
    this.name = 'DiscussionInputError'
  }
}
