// /api/v1/me (GET reads the account, PATCH changes it): defined in app/modules/api/registry.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/me')
