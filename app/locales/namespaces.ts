/** The dictionaries' languages and namespaces (one JSON file each); no dictionary is imported here, so
 * the browser bundle can use these names without carrying the dictionaries. */
export type Locale = 'tr' | 'en'

export const NAMESPACES = [
  'common',
  'home',
  'auth',
  'settings',
  'orgs',
  'admin',
  'mail',
  'errors',
  'validation',
  'notifications',
  'api',
  'content',
  'spaces',
  'discussions',
  'live',
  'moderation',
  'people',
] as const

export type Namespace = (typeof NAMESPACES)[number]
