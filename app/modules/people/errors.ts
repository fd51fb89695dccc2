/** A profile change the request could not make: `key` is a translation key, `field` the form field it belongs to. */
export class ProfileError extends Error {
  constructor(
    public key: string,
    public field = '_form',
  ) {
    super(key)
    this.name = 'ProfileError'
  }
}
