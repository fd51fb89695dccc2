/* Every dictionary, for the server. A `.server` module: the browser build gets an empty module instead, so
 * app/lib/i18n.ts can import this without shipping the dictionaries to every page. */
export { resources } from './index'
