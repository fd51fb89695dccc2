/* The dictionaries, one JSON file per namespace and language. Server-side only (resources.server.ts):
 * a page gets the namespaces its routes use through the root loader (docs/decisions/016-per-route-locales.md). */
import type { Locale } from './namespaces'
import tr_common from './tr/common.json'
import tr_home from './tr/home.json'
import tr_auth from './tr/auth.json'
import tr_settings from './tr/settings.json'
import tr_orgs from './tr/orgs.json'
import tr_admin from './tr/admin.json'
import tr_mail from './tr/mail.json'
import tr_errors from './tr/errors.json'
import tr_validation from './tr/validation.json'
import tr_notifications from './tr/notifications.json'
import tr_api from './tr/api.json'
import tr_content from './tr/content.json'
import tr_spaces from './tr/spaces.json'
import tr_discussions from './tr/discussions.json'
import tr_live from './tr/live.json'
import tr_moderation from './tr/moderation.json'
import tr_people from './tr/people.json'
import en_common from './en/common.json'
import en_home from './en/home.json'
import en_auth from './en/auth.json'
import en_settings from './en/settings.json'
import en_orgs from './en/orgs.json'
import en_admin from './en/admin.json'
import en_mail from './en/mail.json'
import en_errors from './en/errors.json'
import en_validation from './en/validation.json'
import en_notifications from './en/notifications.json'
import en_api from './en/api.json'
import en_content from './en/content.json'
import en_spaces from './en/spaces.json'
import en_discussions from './en/discussions.json'
import en_live from './en/live.json'
import en_moderation from './en/moderation.json'
import en_people from './en/people.json'

export const resources = {
  tr: {
    common: tr_common,
    home: tr_home,
    auth: tr_auth,
    settings: tr_settings,
    orgs: tr_orgs,
    admin: tr_admin,
    mail: tr_mail,
    errors: tr_errors,
    validation: tr_validation,
    notifications: tr_notifications,
    api: tr_api,
    content: tr_content,
    spaces: tr_spaces,
    discussions: tr_discussions,
    live: tr_live,
    moderation: tr_moderation,
    people: tr_people,
  },
  en: {
    common: en_common,
    home: en_home,
    auth: en_auth,
    settings: en_settings,
    orgs: en_orgs,
    admin: en_admin,
    mail: en_mail,
    errors: en_errors,
    validation: en_validation,
    notifications: en_notifications,
    api: en_api,
    content: en_content,
    spaces: en_spaces,
    discussions: en_discussions,
    live: en_live,
    moderation: en_moderation,
    people: en_people,
  },
} as const satisfies Record<Locale, unknown>

export { NAMESPACES, type Locale, type Namespace } from './namespaces'
