// /api/v1/bookmarks/{postId} (PUT saves, DELETE removes): defined in app/modules/api/bookmark-endpoints.server.ts.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute('/bookmarks/{postId}')
