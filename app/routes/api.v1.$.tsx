// Any other /api/v1 path: a JSON 404 in the API's error shape, not the HTML error page.
import { apiRoute } from '~/modules/api/handler.server'

export const { loader, action } = apiRoute(null)
