// /api/v1/posts/{id} (GET reads, PATCH edits): defined in app/modules/api/discussion-endpoints.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/posts/{id}')
