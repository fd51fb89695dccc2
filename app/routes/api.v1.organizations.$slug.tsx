// GET /api/v1/organizations/{slug}: defined in app/modules/api/registry.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/organizations/{slug}')
