/**
 * A rule of the spaces domain that a request broke (a slug already taken, a person who cannot be
 * invited): `key` is a translation key, `field` the form field it belongs to ('_form' for the form).
 */
export class SpaceError extends Error {
  constructor(
    public key: string,
    public field = '_form',
    public status = 400,
  ) {
    super(key)
    this.name = 'SpaceError'
  }
}
