// /api/v1/spaces/{slug}/threads (GET lists, POST starts a thread): defined in app/modules/api/discussion-endpoints.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/spaces/{slug}/threads')
