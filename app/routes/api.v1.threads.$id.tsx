// GET /api/v1/threads/{id}: defined in app/modules/api/discussion-endpoints.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/threads/{id}')
