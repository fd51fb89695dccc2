// GET /api/v1/people/{handle}: defined in app/modules/api/registry.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/people/{handle}')
