/**
 * A rule of the domain that the request broke (the last admin leaving, a decision already taken):
 * `key` is a translation key, `field` the form field it belongs to ('_form' for the whole form).
 */
export class OrgError extends Error {
  constructor(
    public key: string,
    public field = '_form',
    public status = 400,
  ) {
    super(key)
    this.name = 'OrgError'
  }
}
