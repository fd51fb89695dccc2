/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import '@remix-run/node'

declare module '@remix-run/node' {
  // Types loaders and actions for single fetch (data() with a status, plain objects).
  interface Future {
    v3_singleFetch: true
  }
  interface AppLoadContext {
    cspNonce: string
    io: unknown
    /** the namespaces the matched routes need (server/remix-handler.ts); absent in tests that call loaders */
    i18n?: import('~/lib/i18n-routes').PageI18n
  }
}
