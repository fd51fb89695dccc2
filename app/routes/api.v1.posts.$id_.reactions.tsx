// POST /api/v1/posts/{id}/reactions: defined in app/modules/api/discussion-endpoints.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/posts/{id}/reactions')
